/* question.c - attendees' questions and lines, and the queue (question.h). */
#include "question.h"

#include <string.h>

#include "attendee.h"
#include "channel.h"
#include "db.h"
#include "notify.h"
#include "pool.h"
#include "stage.h"


/* Columns of SQL_QUESTION_GET, SQL_QUESTION_LIST and SQL_QUESTION_PUBLISHED. */
enum { Q_ID, Q_NAME, Q_TEXT, Q_STATE, Q_ANSWER, Q_BY, Q_SPEAKER, Q_SPEAKER_ID, Q_VOTES, Q_INTO, Q_SITE,
       Q_AT, Q_ATTENDEE };

static void json_or_null(struct buf *out, const char *s)
{
	if (s == NULL)
		buf_puts(out, "null");
	else
		buf_json_string(out, s);
}

/* One question as its JSON (the body of 'question' and 'qa' events). */
static void question_json(const struct db_rows *q, size_t i, struct buf *out)
{
	buf_printf(out, "{\"id\":%s,\"name\":", db_cell(q, i, Q_ID));
	buf_json_string(out, db_cell(q, i, Q_NAME));
	buf_puts(out, ",\"text\":");
	buf_json_string(out, db_cell(q, i, Q_TEXT));
	buf_puts(out, ",\"state\":");
	buf_json_string(out, db_cell(q, i, Q_STATE));
	buf_puts(out, ",\"answer\":");
	json_or_null(out, db_cell(q, i, Q_ANSWER));
	buf_puts(out, ",\"by\":");
	json_or_null(out, db_cell(q, i, Q_BY));
	buf_puts(out, ",\"speaker\":");
	json_or_null(out, db_cell(q, i, Q_SPEAKER));
	buf_printf(out, ",\"speaker_id\":%s,\"votes\":%lld,\"merged_into\":%s,\"site\":",
		   db_cell(q, i, Q_SPEAKER_ID) ? db_cell(q, i, Q_SPEAKER_ID) : "null",
		   db_cell_int(q, i, Q_VOTES) + 1, db_cell(q, i, Q_INTO) ? db_cell(q, i, Q_INTO) : "null");
	json_or_null(out, db_cell(q, i, Q_SITE));
	buf_puts(out, ",\"at\":");
	json_or_null(out, db_cell(q, i, Q_AT));
	buf_putc(out, '}');
}

static const char *question_text(struct db *db, struct pool *pool, long long event_id,
				 long long question_id, int *rc)
{
	struct db_rows q;
	*rc = db_query(db, pool, SQL_QUESTION_GET, &q, "ii", question_id, event_id);
	if (*rc != DB_OK || q.rows == 0)
		return NULL;
	struct buf out;
	buf_init(&out);
	question_json(&q, 0, &out);
	const char *json = pool_strdup(pool, out.data);
	buf_free(&out);
	return json;
}

static int list_json(struct db *db, struct pool *pool, enum sql_id query, long long event_id,
		     struct buf *out)
{
	struct db_rows q;
	int rc = db_query(db, pool, query, &q, "i", event_id);
	if (rc != DB_OK)
		return rc;
	buf_putc(out, '[');
	for (size_t i = 0; i < q.rows; i++) {
		if (i)
			buf_putc(out, ',');
		question_json(&q, i, out);
	}
	buf_putc(out, ']');
	return DB_OK;
}

int question_queue_json(struct db *db, struct pool *pool, long long event_id, struct buf *out)
{
	return list_json(db, pool, SQL_QUESTION_LIST, event_id, out);
}

int question_published_json(struct db *db, struct pool *pool, long long event_id, struct buf *out)
{
	return list_json(db, pool, SQL_QUESTION_PUBLISHED, event_id, out);
}

static int refuse(int *status, const char **problem, int code, const char *why)
{
	*status = code;
	*problem = why;
	return QUESTION_REFUSED;
}

/* What an attendee may say now at all. */
static int may_speak(const struct live_event *ev, const struct attendee *a, int *status,
		     const char **problem)
{
	if (a->removed)
		return refuse(status, problem, 403, "The producer has removed you from this event.");
	if (strcmp(ev->state, "live") != 0)
		return refuse(status, problem, 409, strcmp(ev->state, "ended") == 0
			      ? "This event has ended." : "The event has not started yet.");
	if (a->muted)
		return refuse(status, problem, 403, "The producer has muted you: you cannot ask or write now.");
	return DB_OK;
}

/* One public line or question per attendee every 2 s at most. */
static int not_too_fast(struct db *db, long long attendee_id, int *status, const char **problem)
{
	unsigned long long ok = 0;
	int rc = db_exec(db, SQL_ATTENDEE_SPOKE, &ok, "i", attendee_id);
	if (rc == DB_OK && ok == 0)
		return refuse(status, problem, 429, "Not so fast: wait a moment before writing again.");
	return rc;
}

static int producer_backstage(struct db *db, struct pool *pool, const struct live_event *ev,
			      long long *participant)
{
	struct db_rows p;
	*participant = 0;
	int rc = db_query(db, pool, SQL_EVENT_ROLE_PARTICIPANT, &p, "is", ev->backstage_channel_id,
			  "producer");
	if (rc == DB_OK && p.rows > 0)
		*participant = db_cell_int(&p, 0, 0);
	return rc;
}

static int ask_once(struct request *r, const struct live_event *ev, const struct attendee *a,
		    const char *text, long long producer, long long *id, long long *seq)
{
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_QUESTION_INSERT, NULL, "iis", ev->id, a->id, text);
	*id = (long long)db_last_insert_id(r->db);
	const char *json = rc == DB_OK ? question_text(r->db, r->pool, ev->id, *id, &rc) : NULL;
	if (rc == DB_OK)
		rc = stage_append(r->db, ev->backstage_channel_id, 0, producer, a->id, "question", json, seq);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	else
		db_rollback(r->db);
	return rc;
}

int question_ask(struct request *r, const struct live_event *ev, const struct attendee *a,
		 const char *text, long long *question_id, int *status, const char **problem)
{
	int rc = may_speak(ev, a, status, problem);
	if (rc == DB_OK && strcmp(ev->talk, "none") == 0)
		rc = refuse(status, problem, 403, "This event takes no questions.");
	struct db_rows recent;
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_QUESTION_RECENT, &recent, "i", a->id);
	if (rc == DB_OK && db_cell_int(&recent, 0, 0) >= QUESTIONS_PER_MINUTE)
		rc = refuse(status, problem, 429, "You have asked a lot just now: wait a minute.");
	long long producer = 0, seq = 0;
	if (rc == DB_OK)
		rc = producer_backstage(r->db, r->pool, ev, &producer);
	if (rc != DB_OK)
		return rc;
	int attempt = 0;
	do
		rc = ask_once(r, ev, a, text, producer, question_id, &seq);
	while (db_retry(r->db, &rc, &attempt));
	if (rc == CHANNEL_CLOSED)
		return refuse(status, problem, 409, "This event has ended.");
	if (rc == DB_OK)
		notify_post(NOTIFY_CHANNEL, ev->backstage_channel_id, (unsigned long long)seq);
	return rc;
}

int question_line(struct request *r, const struct live_event *ev, const struct attendee *a,
		  const char *text, long long *seq, int *status, const char **problem)
{
	int rc = may_speak(ev, a, status, problem);
	if (rc == DB_OK && strcmp(ev->talk, "chat") != 0)
		rc = refuse(status, problem, 403, strcmp(ev->talk, "questions") == 0
			    ? "Attendees of this event ask questions; they do not chat in public."
			    : "Attendees of this event do not write.");
	if (rc == DB_OK)
		rc = not_too_fast(r->db, a->id, status, problem);
	if (rc != DB_OK)
		return rc;
	int attempt = 0;
	do {
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = stage_append(r->db, ev->stage_channel_id, 0, 0, a->id, "aline", text, seq);
		if (rc == DB_OK)
			rc = db_commit(r->db);
		else
			db_rollback(r->db);
	} while (db_retry(r->db, &rc, &attempt));
	if (rc == CHANNEL_CLOSED)
		return refuse(status, problem, 409, "This event has ended.");
	if (rc == DB_OK)
		notify_post(NOTIFY_CHANNEL, ev->stage_channel_id, (unsigned long long)*seq);
	return rc;
}

/* ---- the queue ------------------------------------------------------------- */

static bool shown_to_all(const char *state)
{
	return strcmp(state, "approved") == 0 || strcmp(state, "passed") == 0
	       || strcmp(state, "answered") == 0;
}

struct moderation {
	long long producer;          /* backstage participant ids */
	long long speaker;           /* pass: the speaker's backstage participant */
	long long actor_stage;       /* the actor's stage participant (0: none) */
	long long stage_seq, backstage_seq;
};

/* Inside the transaction: the question's new form goes backstage for the
 * producer, and to the stage when attendees see it (or saw it before). */
static int publish(struct request *r, const struct live_event *ev, long long question_id,
		   bool was_shown, struct moderation *m)
{
	int rc;
	struct db_rows now;
	const char *json = question_text(r->db, r->pool, ev->id, question_id, &rc);
	if (rc == DB_OK && json == NULL)
		return DB_ERROR;
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_QUESTION_GET, &now, "ii", question_id, ev->id);
	if (rc == DB_OK)
		rc = stage_append(r->db, ev->backstage_channel_id, 0, m->producer, 0, "question", json,
				  &m->backstage_seq);
	if (rc == DB_OK && (was_shown || shown_to_all(db_cell(&now, 0, Q_STATE))))
		rc = stage_append(r->db, ev->stage_channel_id, m->actor_stage, 0, 0, "qa", json,
				  &m->stage_seq);
	return rc;
}

static int moderate_once(struct request *r, const struct live_event *ev,
			 const struct question_action *act, struct moderation *m, int *status,
			 const char **problem)
{
	struct db *db = r->db;
	struct db_rows q, into;
	m->stage_seq = m->backstage_seq = 0;
	int rc = db_begin(db);
	/* The backstage first, then the stage: every writer takes them in this order. */
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_QUESTION_LOCK, &q, "ii", act->question_id, ev->id);
	if (rc == DB_OK && (q.rows == 0 || db_cell(&q, 0, 1) != NULL))
		rc = refuse(status, problem, 404, "There is no such question in the queue.");
	const char *action = act->action;
	bool was_shown = rc == DB_OK && shown_to_all(db_cell(&q, 0, 0));
	if (rc == DB_OK && strcmp(action, "approve") == 0) {
		rc = db_exec(db, SQL_QUESTION_SET_STATE, NULL, "si", "approved", act->question_id);
	} else if (rc == DB_OK && strcmp(action, "hide") == 0) {
		rc = db_exec(db, SQL_QUESTION_SET_STATE, NULL, "si", "hidden", act->question_id);
	} else if (rc == DB_OK && strcmp(action, "pass") == 0) {
		rc = db_exec(db, SQL_QUESTION_PASS, NULL, "ii", act->speaker_agent, act->question_id);
	} else if (rc == DB_OK && strcmp(action, "answer") == 0) {
		rc = db_exec(db, SQL_QUESTION_ANSWER, NULL, "ssi", act->text, r->session->display_name,
			     act->question_id);
	} else if (rc == DB_OK && strcmp(action, "merge") == 0) {
		rc = db_query(db, r->pool, SQL_QUESTION_LOCK, &into, "ii", act->into, ev->id);
		if (rc == DB_OK && (into.rows == 0 || db_cell(&into, 0, 1) != NULL || act->into == act->question_id))
			rc = refuse(status, problem, 400, "Merge into another question of the queue.");
		if (rc == DB_OK)
			rc = db_exec(db, SQL_QUESTION_MERGE, NULL, "ii", act->into, act->question_id);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_QUESTION_ADD_VOTES, NULL, "ii", act->question_id, act->into);
		if (rc == DB_OK)
			rc = publish(r, ev, act->into, shown_to_all(db_cell(&into, 0, 0)), m);
	}
	if (rc == DB_OK)
		rc = publish(r, ev, act->question_id, was_shown, m);
	long long pass_seq = 0;
	if (rc == DB_OK && strcmp(action, "pass") == 0) {
		const char *json = question_text(db, r->pool, ev->id, act->question_id, &rc);
		if (rc == DB_OK)
			rc = stage_append(db, ev->backstage_channel_id, m->producer, m->speaker, 0, "pass", json,
					  &pass_seq);
		if (pass_seq > m->backstage_seq)
			m->backstage_seq = pass_seq;
	}
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int question_moderate(struct request *r, const struct live_event *ev, enum event_role role,
		      const struct question_action *act, int *status, const char **problem)
{
	struct moderation m;
	memset(&m, 0, sizeof m);
	const char *action = act->action;
	bool answer = strcmp(action, "answer") == 0;
	if (role != EVENT_PRODUCER && role != EVENT_MANAGER && !(answer && role == EVENT_SPEAKER))
		return refuse(status, problem, 403, answer ? "Only the event's producer and speakers answer questions."
			      : "Only the event's producer handles the questions.");
	if (ev->backstage_channel_id == 0 || strcmp(ev->state, "ended") == 0)
		return refuse(status, problem, 409, strcmp(ev->state, "ended") == 0 ? "This event has ended."
			      : "Open the stage first: questions come once attendees are in.");
	if (answer && (act->text == NULL || *act->text == '\0'))
		return refuse(status, problem, 400, "Write the answer (text).");
	int rc = producer_backstage(r->db, r->pool, ev, &m.producer);
	if (rc == DB_OK)
		rc = event_participant(r->db, r->pool, ev->stage_channel_id, r->session->agent_id,
				       &m.actor_stage);
	if (rc == DB_OK && strcmp(action, "pass") == 0) {
		struct db_rows speaker;
		rc = db_query(r->db, r->pool, SQL_EVENT_IS_SPEAKER, &speaker, "ii", ev->id, act->speaker_agent);
		if (rc == DB_OK && speaker.rows == 0)
			return refuse(status, problem, 400, "Pass questions to one of the event's speakers.");
		if (rc == DB_OK)
			rc = event_participant(r->db, r->pool, ev->backstage_channel_id, act->speaker_agent,
					       &m.speaker);
	}
	if (rc != DB_OK)
		return rc;
	int attempt = 0;
	do
		rc = moderate_once(r, ev, act, &m, status, problem);
	while (db_retry(r->db, &rc, &attempt));
	if (rc == CHANNEL_CLOSED)
		return refuse(status, problem, 409, "This event has ended.");
	if (rc != DB_OK)
		return rc;
	if (m.backstage_seq > 0)
		notify_post(NOTIFY_CHANNEL, ev->backstage_channel_id, (unsigned long long)m.backstage_seq);
	if (m.stage_seq > 0)
		notify_post(NOTIFY_CHANNEL, ev->stage_channel_id, (unsigned long long)m.stage_seq);
	return DB_OK;
}
