/* attendee.c - an event's audience: registration, visits, presence,
 * moderation (attendee.h). */
#include "attendee.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "channel.h"
#include "db.h"
#include "event.h"
#include "notify.h"
#include "pool.h"
#include "seats.h"
#include "stage.h"
#include "visitor.h"

int attendee_refusal_status(enum attendee_refusal why)
{
	switch (why) {
	case ATTENDEE_OK: return 200;
	case ATTENDEE_REMOVED: return 403;
	case ATTENDEE_EVENT_FULL:
	case ATTENDEE_NO_SEAT:
	case ATTENDEE_NOT_LIVE: return 409;
	case ATTENDEE_ENDED: return 410;
	}
	return 400;
}

const char *attendee_refusal_message(enum attendee_refusal why)
{
	switch (why) {
	case ATTENDEE_OK: return "";
	case ATTENDEE_REMOVED: return "The producer has removed you from this event.";
	case ATTENDEE_EVENT_FULL: return "Every seat of this event is taken. Try again in a while.";
	case ATTENDEE_NO_SEAT: return "Every seat of this service is taken right now. Try again in a while.";
	case ATTENDEE_NOT_LIVE: return "The event has not started yet.";
	case ATTENDEE_ENDED: return "This event has ended.";
	}
	return "Refused.";
}

static void read_attendee(const struct db_rows *row, long long event_id, struct attendee *a)
{
	a->id = db_cell_int(row, 0, 0);
	a->event_id = event_id;
	a->name = db_cell(row, 0, 1);
	a->muted = db_cell_int(row, 0, 2) != 0;
	a->removed = db_cell_int(row, 0, 3) != 0;
	a->arrived = db_cell_int(row, 0, 4) != 0;
}

int attendee_of_request(struct request *r, const struct live_event *ev, struct attendee *a,
			bool *found)
{
	long long visitor_id = 0;
	struct db_rows row;
	memset(a, 0, sizeof *a);
	*found = false;
	int rc = visitor_identify(r, false, &visitor_id);
	if (rc != DB_OK || visitor_id == 0)
		return rc;
	rc = db_query(r->db, r->pool, SQL_ATTENDEE_BY_VISITOR, &row, "ii", ev->id, visitor_id);
	if (rc != DB_OK || row.rows == 0)
		return rc;
	read_attendee(&row, ev->id, a);
	*found = true;
	return DB_OK;
}

int attendee_register(struct request *r, const struct live_event *ev, const struct registration *reg,
		      struct attendee *a, enum attendee_refusal *refusal)
{
	long long visitor_id = 0;
	struct db_rows row;
	*refusal = ATTENDEE_OK;
	int rc = visitor_identify(r, true, &visitor_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_ATTENDEE_BY_VISITOR, &row, "ii", ev->id, visitor_id);
	if (rc != DB_OK)
		return rc;
	if (row.rows > 0) {
		read_attendee(&row, ev->id, a);
		if (a->removed) {
			*refusal = ATTENDEE_REMOVED;
			return DB_OK;
		}
		a->name = reg->name;
		return db_exec(r->db, SQL_ATTENDEE_UPDATE, NULL, "sssi", reg->name, reg->email,
			       reg->field_value, a->id);
	}
	rc = db_exec(r->db, SQL_ATTENDEE_INSERT, NULL, "iissss", ev->id, visitor_id, reg->name,
		     reg->email, reg->field_value, reg->site);
	if (rc == DB_DUPLICATE) /* registered twice at once: the other one stands */
		return attendee_of_request(r, ev, a, &(bool){ false });
	memset(a, 0, sizeof *a);
	a->id = (long long)db_last_insert_id(r->db);
	a->event_id = ev->id;
	a->name = reg->name;
	return rc;
}

int attendee_arrive(struct db *db, struct pool *pool, const struct live_event *ev,
		    const struct attendee *a, enum attendee_refusal *refusal)
{
	*refusal = ATTENDEE_OK;
	if (a->removed) {
		*refusal = ATTENDEE_REMOVED;
		return DB_OK;
	}
	if (strcmp(ev->state, "ended") == 0) {
		*refusal = ATTENDEE_ENDED;
		return DB_OK;
	}
	if (strcmp(ev->state, "live") != 0) {
		*refusal = ATTENDEE_NOT_LIVE;
		return DB_OK;
	}
	struct db_rows visit, present;
	int rc = db_query(db, pool, SQL_ATTENDEE_CURRENT_VISIT, &visit, "i", a->id);
	if (rc != DB_OK || visit.rows > 0)
		return rc;
	/* Counted without a lock: a burst of arrivals may seat a few more than
	 * the limit, never thousands, and nobody waits on anybody else. */
	struct seats seats;
	rc = db_query(db, pool, SQL_EVENT_PRESENT, &present, "i", ev->id);
	if (rc == DB_OK && db_cell_int(&present, 0, 0) >= ev->seat_limit)
		*refusal = ATTENDEE_EVENT_FULL;
	if (rc == DB_OK && !*refusal)
		rc = seats_of_client(db, pool, ev->client_id, &seats);
	if (rc == DB_OK && !*refusal && !seats_free(&seats, 1))
		*refusal = ATTENDEE_NO_SEAT;
	if (rc != DB_OK || *refusal)
		return rc;
	return db_exec(db, SQL_ATTENDEE_VISIT_INSERT, NULL, "ii", a->id, ev->id);
}

int attendee_leave(struct db *db, long long attendee_id)
{
	return db_exec(db, SQL_ATTENDEE_LEAVE, NULL, "i", attendee_id);
}

int attendee_presence(struct db *db, struct pool *pool, const long long *ids, size_t n)
{
	if (n == 0)
		return DB_OK;
	struct buf list;
	buf_init(&list);
	buf_json_ids(&list, ids, n);
	const char *json = pool_strdup(pool, list.data);
	buf_free(&list);
	int rc = db_exec(db, SQL_AUDIENCE_PRESENCE_EXTEND, NULL, "si", json,
			 (long long)ATTENDEE_STAMP_SECONDS);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_AUDIENCE_PRESENCE_RETURN, NULL, "s", json);
	return rc;
}

int attendee_sweep_lapsed(struct db *db)
{
	return db_exec(db, SQL_AUDIENCE_VISITS_LAPSE, NULL, "");
}

/* Removal: the attendee's visits end, and the stage tells them (only
 * them: lib/audience.c) so that their page stops; this host's poll program
 * forgets their poll's identity at once (NOTIFY_REVOKE). */
static int remove_attendee(struct request *r, const struct live_event *ev, long long attendee_id,
			   bool *changed)
{
	unsigned long long affected = 0;
	long long seq = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_ATTENDEE_REMOVE, &affected, "ii", attendee_id, ev->id);
	if (rc == DB_OK && affected > 0)
		rc = attendee_leave(r->db, attendee_id);
	if (rc == DB_OK && affected > 0 && ev->stage_channel_id > 0 && strcmp(ev->state, "ended") != 0)
		rc = stage_append(r->db, ev->stage_channel_id, 0, 0, attendee_id, "removed",
				  pool_printf(r->pool, "%lld", attendee_id), &seq);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	else
		db_rollback(r->db);
	*changed = affected > 0;
	if (rc == DB_OK && *changed) {
		notify_post(NOTIFY_REVOKE, attendee_id, 0);
		if (seq > 0)
			notify_post(NOTIFY_CHANNEL, ev->stage_channel_id, (unsigned long long)seq);
	}
	return rc;
}

int attendee_moderate(struct request *r, const struct live_event *ev, const char *action,
		      long long attendee_id, const char **problem)
{
	*problem = NULL;
	bool changed = false;
	int rc;
	if (strcmp(action, "remove") == 0) {
		int attempt = 0;
		do
			rc = remove_attendee(r, ev, attendee_id, &changed);
		while (db_retry(r->db, &rc, &attempt));
	} else {
		unsigned long long affected = 0;
		rc = db_exec(r->db, SQL_ATTENDEE_SET_MUTED, &affected, "iii",
			     (long long)(strcmp(action, "mute") == 0), attendee_id, ev->id);
		changed = affected > 0;
		if (rc == DB_OK && !changed) {
			struct db_rows exists;
			rc = db_query(r->db, r->pool, SQL_ATTENDEE_NAME, &exists, "ii", attendee_id, ev->id);
			changed = rc == DB_OK && exists.rows > 0; /* already so */
		}
	}
	if (rc == CHANNEL_CLOSED)
		rc = DB_OK;
	if (rc == DB_OK && !changed)
		*problem = "There is no such attendee of this event (or they were removed already).";
	return rc;
}
