/* event.c - scheduling events, their staff, and their life (event.h). */
#include "event.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "channel.h"
#include "crypto.h"
#include "db.h"
#include "notify.h"
#include "pool.h"
#include "render.h"
#include "response.h"
#include "room.h"
#include "staff.h"
#include "utf8.h"


/* ---- scheduling ------------------------------------------------------------ */

static bool one_of(const char *s, const char *a, const char *b, const char *c)
{
	return s != NULL && (strcmp(s, a) == 0 || strcmp(s, b) == 0 || (c && strcmp(s, c) == 0));
}

/* "YYYY-MM-DD HH:MM" (or with a T), a real time: the canonical
 * "YYYY-MM-DD HH:MM:00" in out. */
static bool parse_start(const char *s, char out[20])
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (s == NULL || strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T'))
		return false;
	char copy[17];
	memcpy(copy, s, 17);
	copy[10] = ' ';
	const char *end = strptime(copy, "%Y-%m-%d %H:%M", &tm);
	if (end == NULL || *end != '\0' || tm.tm_year < 100 || tm.tm_year > 1100)
		return false;
	struct tm check = tm;
	time_t t = timegm(&check);
	if (t == (time_t)-1 || check.tm_mday != tm.tm_mday || check.tm_mon != tm.tm_mon)
		return false;
	strftime(out, 20, "%Y-%m-%d %H:%M:00", &check);
	return true;
}

static const char *check_spec(struct db *db, struct pool *pool, const struct event_spec *s,
			      char start[20], int *rc)
{
	*rc = DB_OK;
	if (s->title == NULL || *s->title == '\0' || utf8_length(s->title, strlen(s->title)) > EVENT_TITLE_MAX)
		return "Give the event a title (up to 200 characters).";
	if (!parse_start(s->starts_at, start))
		return "Give the start as YYYY-MM-DD HH:MM (UTC).";
	if (!one_of(s->registration, "open", "required", NULL))
		return "Registration is open or required.";
	if (!one_of(s->talk, "chat", "questions", "none"))
		return "Attendees may chat, ask questions only, or neither (chat, questions, none).";
	if (s->speaker_count == 0 || s->speaker_count > EVENT_SPEAKERS_MAX)
		return "An event has one to eight speakers.";
	struct db_rows client, agent;
	if ((*rc = db_query(db, pool, SQL_EVENT_CLIENT_SEATS, &client, "i", s->client_id)) != DB_OK)
		return NULL;
	long long cap = client.rows ? db_cell_int(&client, 0, 0) : 0;
	if (s->seat_limit < 1 || s->seat_limit > cap)
		return pool_printf(pool, "The seat limit must be from 1 to %lld, this service's seat cap.", cap);
	for (size_t i = 0; i <= s->speaker_count; i++) {
		long long id = i == s->speaker_count ? s->producer_agent_id : s->speakers[i];
		if ((*rc = db_query(db, pool, SQL_AGENT_BY_ID, &agent, "i", id)) != DB_OK)
			return NULL;
		if (agent.rows == 0 || db_cell_int(&agent, 0, 1) != s->client_id)
			return i == s->speaker_count ? "The producer must be one of your staff."
						     : "Every speaker must be one of your staff.";
		for (size_t j = 0; j < i; j++)
			if (s->speakers[j] == id)
				return i == s->speaker_count ? "The producer cannot be a speaker too."
							     : "A speaker is named twice.";
	}
	return NULL;
}

static int schedule_once(struct db *db, const struct event_spec *s, const char *public_id,
			 const char *start)
{
	int rc = db_begin(db);
	if (rc != DB_OK)
		return rc;
	rc = db_exec(db, SQL_LIVE_EVENT_INSERT, NULL, "sisssisssiii", public_id, s->client_id, s->title,
		     s->description && *s->description ? s->description : NULL, start, s->seat_limit,
		     s->registration, s->talk, s->field_label && *s->field_label ? s->field_label : NULL,
		     (long long)s->show_attendees, s->producer_agent_id, s->created_by);
	long long id = (long long)db_last_insert_id(db);
	for (size_t i = 0; rc == DB_OK && i < s->speaker_count; i++)
		rc = db_exec(db, SQL_EVENT_SPEAKER_INSERT, NULL, "iii", id, s->speakers[i], (long long)i);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int event_schedule(struct db *db, struct pool *pool, const struct event_spec *spec,
		   const char **public_id, const char **problem)
{
	char start[20];
	int rc;
	*problem = check_spec(db, pool, spec, start, &rc);
	if (rc != DB_OK || *problem != NULL)
		return rc;
	char id[33];
	if (crypto_public_id(id) != 0)
		return DB_ERROR;
	int attempt = 0;
	do
		rc = schedule_once(db, spec, id, start);
	while (db_retry(db, &rc, &attempt));
	if (rc == DB_OK)
		*public_id = pool_strdup(pool, id);
	return rc;
}

/* ---- loading ------------------------------------------------------------------- */

int event_load(struct db *db, struct pool *pool, const char *public_id, struct live_event *ev,
	       bool *found)
{
	memset(ev, 0, sizeof *ev);
	*found = false;
	if (!crypto_is_public_id(public_id))
		return DB_OK;
	struct db_rows e;
	int rc = db_query(db, pool, SQL_EVENT_BY_PUBLIC_ID, &e, "s", public_id);
	if (rc != DB_OK || e.rows == 0)
		return rc;
	ev->id = db_cell_int(&e, 0, 0);
	ev->public_id = db_cell(&e, 0, 1);
	ev->client_id = db_cell_int(&e, 0, 2);
	ev->title = db_cell(&e, 0, 3);
	ev->description = db_cell(&e, 0, 4);
	ev->starts_at = db_cell(&e, 0, 5);
	ev->state = db_cell(&e, 0, 6);
	ev->seat_limit = db_cell_int(&e, 0, 7);
	ev->registration = db_cell(&e, 0, 8);
	ev->talk = db_cell(&e, 0, 9);
	ev->show_attendees = db_cell_int(&e, 0, 10) != 0;
	ev->field_label = db_cell(&e, 0, 11);
	ev->producer_agent_id = db_cell_int(&e, 0, 12);
	ev->stage_channel_id = db_cell_int(&e, 0, 13);
	ev->backstage_channel_id = db_cell_int(&e, 0, 14);
	ev->stage_public_id = db_cell(&e, 0, 15);
	ev->backstage_public_id = db_cell(&e, 0, 16);
	ev->client_name = db_cell(&e, 0, 17);
	ev->starts_iso = db_cell(&e, 0, 18);
	*found = true;
	return DB_OK;
}

int event_staff_role(struct db *db, struct pool *pool, const struct live_event *ev,
		     const struct session *s, enum event_role *role)
{
	*role = EVENT_NOBODY;
	if (s == NULL)
		return DB_OK;
	if (s->client_id == ev->client_id && s->agent_id == ev->producer_agent_id) {
		*role = EVENT_PRODUCER;
		return DB_OK;
	}
	struct db_rows speaker;
	int rc = db_query(db, pool, SQL_EVENT_IS_SPEAKER, &speaker, "ii", ev->id, s->agent_id);
	if (rc != DB_OK)
		return rc;
	if (speaker.rows > 0 && s->client_id == ev->client_id)
		*role = EVENT_SPEAKER;
	else if (staff_may_see_client(s, ev->client_id, ROLE_SUPERVISOR))
		*role = EVENT_MANAGER;
	return DB_OK;
}

int event_load_for_staff(struct request *r, const char *public_id, struct live_event *ev,
			 enum event_role *role)
{
	bool found = false;
	*role = EVENT_NOBODY;
	int rc = event_load(r->db, r->pool, public_id, ev, &found);
	if (rc == DB_OK && found)
		rc = event_staff_role(r->db, r->pool, ev, r->session, role);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	/* Without a staff session (an attendee, a stranger) the page says 403. */
	bool other_client = r->session != NULL && r->session->client_id != ev->client_id;
	if (!found || (*role == EVENT_NOBODY && other_client))
		return resp_error(r, 404, "There is no such event.");
	return 0;
}

int event_participant(struct db *db, struct pool *pool, long long channel_id, long long agent_id,
		      long long *participant_id)
{
	struct db_rows p;
	*participant_id = 0;
	int rc = db_query(db, pool, SQL_ROOM_PRESENT_AS_AGENT, &p, "ii", channel_id, agent_id);
	if (rc == DB_OK && p.rows > 0)
		*participant_id = db_cell_int(&p, 0, 0);
	return rc;
}

/* ---- its life ---------------------------------------------------------------- */

struct staged {
	long long stage, backstage;   /* channel ids */
	long long stage_seq, backstage_seq;
};

/* Inside the transaction: the stage and backstage channels, with the
 * producer and the speakers in both; the first speaker leads. */
static int open_stage(struct db *db, struct pool *pool, const struct live_event *ev, struct staged *out)
{
	char stage_id[33], back_id[33];
	if (crypto_public_id(stage_id) != 0 || crypto_public_id(back_id) != 0)
		return DB_ERROR;
	struct db_rows staff;
	int rc = db_query(db, pool, SQL_EVENT_STAFF, &staff, "i", ev->id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_ROOM_INSERT, NULL, "siss", stage_id, ev->client_id, "stage", ev->title);
	out->stage = (long long)db_last_insert_id(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_ROOM_INSERT, NULL, "siss", back_id, ev->client_id, "backstage",
			     pool_printf(pool, "Backstage: %s", ev->title));
	out->backstage = (long long)db_last_insert_id(db);
	long long producer = 0, leader = 0;
	for (size_t i = 0; rc == DB_OK && i < staff.rows; i++) {
		const char *role = db_cell(&staff, i, 3);
		long long ids[2] = { out->stage, out->backstage };
		for (int c = 0; rc == DB_OK && c < 2; c++) {
			struct room_newcomer n = { .channel_id = ids[c], .kind = "agent",
				.agent_id = db_cell_int(&staff, i, 0), .name = db_cell(&staff, i, 1),
				.avatar = db_cell(&staff, i, 2), .stage_role = role };
			long long participant = 0;
			rc = room_add_participant(db, &n, &participant);
			if (rc == DB_OK)
				rc = channel_append(db, ids[c], participant, 0, "join", NULL,
						    c == 0 ? &out->stage_seq : &out->backstage_seq);
			if (c == 0 && strcmp(role, "producer") == 0)
				producer = participant;
			if (c == 0 && leader == 0 && strcmp(role, "speaker") == 0)
				leader = participant;
		}
	}
	if (rc == DB_OK)
		rc = db_exec(db, SQL_ROOM_SET_OWNER, NULL, "iii", producer, leader, out->stage);
	if (rc == DB_OK)
		rc = channel_append(db, out->stage, 0, 0, "stage", "open", &out->stage_seq);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_EVENT_OPENED, NULL, "iii", out->stage, out->backstage, ev->id);
	return rc;
}

/* Inside the transaction: both channels close, everyone on them leaves,
 * and attendees' visits end now (or when last seen, if that was a while). */
static int end_event(struct db *db, const struct live_event *ev, long long stage, long long backstage, struct staged *out)
{
	int rc = DB_OK;
	if (stage > 0)
		rc = channel_append(db, stage, 0, 0, "stage", "ended", &out->stage_seq);
	long long ids[2] = { stage, backstage };
	for (int c = 0; rc == DB_OK && c < 2; c++) {
		if (ids[c] == 0)
			continue;
		long long *seq = c == 0 ? &out->stage_seq : &out->backstage_seq;
		rc = channel_append(db, ids[c], 0, 0, "close", NULL, seq);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_CHANNEL_CLOSE, NULL, "i", ids[c]);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_EVENT_CHANNEL_EMPTY, NULL, "i", ids[c]);
	}
	if (rc == DB_OK)
		rc = db_exec(db, SQL_EVENT_VISITS_END, NULL, "i", ev->id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_EVENT_SET_ENDED, NULL, "i", ev->id);
	return rc;
}

static int advance_once(struct request *r, const struct live_event *ev, const char *to,
			struct staged *out, const char **problem)
{
	struct db *db = r->db;
	struct db_rows lock;
	memset(out, 0, sizeof *out);
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_EVENT_LOCK, &lock, "i", ev->id);
	if (rc != DB_OK || lock.rows == 0) {
		db_rollback(db);
		return rc == DB_OK ? DB_ERROR : rc;
	}
	const char *state = db_cell(&lock, 0, 0);
	out->stage = db_cell_int(&lock, 0, 1);
	out->backstage = db_cell_int(&lock, 0, 2);
	if (strcmp(state, "ended") == 0) {
		*problem = "This event has ended.";
	} else if (strcmp(to, "end") == 0) {
		rc = end_event(db, ev, out->stage, out->backstage, out);
	} else if (strcmp(to, "open") == 0 && strcmp(state, "scheduled") != 0) {
		*problem = "The stage is open already.";
	} else if (strcmp(to, "live") == 0 && strcmp(state, "live") == 0) {
		*problem = "The event is live already.";
	} else {
		if (strcmp(state, "scheduled") == 0)
			rc = open_stage(db, r->pool, ev, out);
		if (rc == DB_OK && strcmp(to, "live") == 0) {
			rc = channel_append(db, out->stage, 0, 0, "stage", "live", &out->stage_seq);
			if (rc == DB_OK)
				rc = db_exec(db, SQL_EVENT_GO_LIVE, NULL, "i", ev->id);
		}
	}
	if (rc == DB_OK && *problem == NULL)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int event_advance(struct request *r, const struct live_event *ev, const char *to,
		  const char **problem)
{
	struct staged s;
	*problem = NULL;
	int rc, attempt = 0;
	do {
		*problem = NULL;
		rc = advance_once(r, ev, to, &s, problem);
	} while (db_retry(r->db, &rc, &attempt));
	if (rc == CHANNEL_CLOSED) {
		*problem = "This event has ended.";
		return DB_OK;
	}
	if (rc != DB_OK || *problem != NULL)
		return rc;
	if (s.stage_seq > 0)
		notify_post(NOTIFY_CHANNEL, s.stage, (unsigned long long)s.stage_seq);
	if (s.backstage_seq > 0)
		notify_post(NOTIFY_CHANNEL, s.backstage, (unsigned long long)s.backstage_seq);
	return DB_OK;
}

int event_set_rate(struct db *db, long long client_id, const char *unit, long long cents)
{
	if (unit == NULL || (strcmp(unit, "attendee") != 0 && strcmp(unit, "seat_minute") != 0)
	    || cents < 0 || cents > 100000000)
		return EVENT_BAD_RATE;
	return db_exec(db, SQL_EVENT_SET_RATE, NULL, "sii", unit, cents, client_id);
}

int event_list_to_view(struct db *db, struct pool *pool, long long client_id, long long agent_id,
		       struct view *v)
{
	static const char *const cols[] = { "id", "title", "starts", "starts_iso", "state", "seats",
		"registration", "talk", "producer", "speakers", "my_role", "attendees", NULL };
	struct db_rows events;
	int rc = db_query(db, pool, SQL_EVENT_LIST, &events, "iii", agent_id, agent_id, client_id);
	if (rc == DB_OK)
		view_set_rows(v, "events", &events, cols);
	return rc;
}
