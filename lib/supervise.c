/* supervise.c - the live desk for supervisors, with its alerts. */
#include "supervise.h"

#include <stdio.h>
#include <string.h>

#include "pool.h"
#include "render.h"

int supervise_load(struct db *db, struct pool *pool, long long client_id, struct supervision *s)
{
	struct db_rows version, queue;
	int rc = db_query(db, pool, SQL_QUEUE_VERSION, &version, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_SUPERVISE_AGENTS, &s->agents, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_SUPERVISE_QUEUE, &queue, "ii", client_id, client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_SUPERVISE_QUEUE_LIST, &s->queue, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_SUPERVISE_CALLBACKS, &s->callbacks, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_SUPERVISE_CALLS, &s->calls, "i", client_id);
	if (rc != DB_OK)
		return rc;
	s->version = (unsigned long long)db_cell_int(&version, 0, 0);
	s->waiting = db_cell_int(&queue, 0, 0);
	s->oldest_wait = db_cell_int(&queue, 0, 1);
	s->wait_target = db_cell_int(&queue, 0, 2);
	return DB_OK;
}

/* The alert for one agent, or NULL: more sessions than allowed, or away or
 * on break while visitors wait. */
static const char *agent_alert(const struct supervision *s, size_t i)
{
	if (db_cell_int(&s->agents, i, 5) > db_cell_int(&s->agents, i, 4))
		return "more sessions than allowed";
	const char *state = db_cell(&s->agents, i, 2);
	if (s->waiting > 0 && (strcmp(state, "away") == 0 || strcmp(state, "break") == 0))
		return "not available while visitors wait";
	return NULL;
}

static const char *queue_alert(const struct supervision *s)
{
	return s->waiting > 0 && s->oldest_wait > s->wait_target ? "a visitor has waited longer than "
								    "the target" : NULL;
}

static const char *const callback_cols[] = { "id", "name", "phone", "state", "due", "attempts",
	"preferred_at", "next_attempt_at", "waited", NULL };
static const char *const call_cols[] = { "id", "direction", "number", "state", "agent", "seconds",
	"talk_seconds", "channel", NULL };

static void rows_json(struct buf *out, const char *name, const struct db_rows *rows,
		      const char *const *cols)
{
	buf_printf(out, ",\"%s\":[", name);
	for (size_t i = 0; i < rows->rows; i++) {
		buf_puts(out, i ? ",{" : "{");
		for (size_t c = 0; cols[c] != NULL; c++) {
			buf_printf(out, "%s\"%s\":", c ? "," : "", cols[c]);
			if (db_cell(rows, i, c) == NULL)
				buf_puts(out, "null");
			else
				buf_json_string(out, db_cell(rows, i, c));
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

void supervise_json(const struct supervision *s, struct buf *out)
{
	buf_printf(out, "{\"version\":%llu,\"waiting\":%lld,\"oldest_wait\":%lld,\"wait_target\":%lld,"
		   "\"queue_alert\":", s->version, s->waiting, s->oldest_wait, s->wait_target);
	const char *qa = queue_alert(s);
	if (qa)
		buf_json_string(out, qa);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\"agents\":[");
	for (size_t i = 0; i < s->agents.rows; i++) {
		const struct db_rows *a = &s->agents;
		buf_printf(out, "%s{\"id\":%s,\"name\":", i ? "," : "", db_cell(a, i, 0));
		buf_json_string(out, db_cell(a, i, 1));
		buf_puts(out, ",\"state\":");
		buf_json_string(out, db_cell(a, i, 2));
		buf_printf(out, ",\"state_seconds\":%s,\"max_sessions\":%s,\"sessions\":%s,"
			   "\"session_seconds\":[%s],\"channels\":", db_cell(a, i, 3), db_cell(a, i, 4),
			   db_cell(a, i, 5), db_cell(a, i, 6) ? db_cell(a, i, 6) : "");
		buf_json_string(out, db_cell(a, i, 7) ? db_cell(a, i, 7) : "");
		buf_puts(out, ",\"alert\":");
		const char *alert = agent_alert(s, i);
		if (alert)
			buf_json_string(out, alert);
		else
			buf_puts(out, "null");
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
	static const char *const queue_cols[] = { "id", "name", "question", "waited", "priority", "state",
		"offered_to", "level", "target", NULL };
	rows_json(out, "queue", &s->queue, queue_cols);
	rows_json(out, "callbacks", &s->callbacks, callback_cols);
	rows_json(out, "calls", &s->calls, call_cols);
	buf_putc(out, '}');
}

/* agents.I.live.N.{id,seconds}: each open session of agent I, split from
 * the two comma-separated lists, for the page's Monitor buttons. */
static void live_sessions_to_view(const struct db_rows *a, size_t i, struct pool *pool,
				  struct view *v)
{
	const char *ids = db_cell(a, i, 7), *secs = db_cell(a, i, 6);
	for (size_t n = 0; ids != NULL && *ids != '\0'; n++) {
		size_t len = strcspn(ids, ",");
		view_set(v, pool_printf(pool, "agents.%zu.live.%zu.id", i, n), pool_strndup(pool, ids, len));
		ids += len + (ids[len] == ',');
		if (secs != NULL && *secs != '\0') {
			size_t slen = strcspn(secs, ",");
			view_set(v, pool_printf(pool, "agents.%zu.live.%zu.seconds", i, n),
				 pool_strndup(pool, secs, slen));
			secs += slen + (secs[slen] == ',');
		}
	}
}

void supervise_to_view(const struct supervision *s, struct pool *pool, struct view *v)
{
	view_set_int(v, "desk.version", (long long)s->version);
	view_set_int(v, "desk.waiting", s->waiting);
	view_set_int(v, "desk.oldest_wait", s->oldest_wait);
	view_set_int(v, "desk.wait_target", s->wait_target);
	view_set(v, "desk.queue_alert", queue_alert(s));
	static const char *const cols[] = { "id", "name", "state", "state_seconds", "max_sessions",
		"sessions", "session_seconds", "channels", NULL };
	view_set_rows(v, "agents", &s->agents, cols);
	static const char *const queue_cols[] = { "id", "name", "question", "waited", "priority", "state",
		"offered_to", "level", "target", NULL };
	view_set_rows(v, "queue", &s->queue, queue_cols);
	for (size_t i = 0; i < s->agents.rows; i++) {
		view_set(v, pool_printf(pool, "agents.%zu.alert", i), agent_alert(s, i));
		live_sessions_to_view(&s->agents, i, pool, v);
	}
	view_set_rows(v, "callbacks", &s->callbacks, callback_cols);
	view_set_rows(v, "calls", &s->calls, call_cols);
}
