/* desk.c - the console's lists, from one set of queries. */
#include "desk.h"

#include "capacity.h"
#include "render.h"
#include "thread.h"

static const char *const queue_cols[] = { "id", "state", "name", "question", "page", "topic",
	"waited", "priority", "past_sessions", "offered_to_me", "offer_seconds_left", "offered_to", "via",
	"kind", "phone", "level", "score", "why", "target", "wants_video", NULL };
static const char *const channel_cols[] = { "id", "name", "seconds", "with", NULL };
static const char *const scheduled_cols[] = { "id", "name", "contact", "question", "at",
	"minutes_until", "owner", "mine", NULL };
static const char *const agent_cols[] = { "id", "name", "state", NULL };

int desk_colleagues(struct db *db, struct pool *pool, long long client_id, long long agent_id,
		    struct db_rows *agents)
{
	int rc = capacity_free_agents(db, pool, client_id, agents);
	if (rc != DB_OK)
		return rc;
	size_t kept = 0;
	for (size_t i = 0; i < agents->rows; i++) {
		if (db_cell_int(agents, i, 0) == agent_id)
			continue;
		for (size_t c = 0; c < agents->cols; c++) {
			agents->cell[kept * agents->cols + c] = agents->cell[i * agents->cols + c];
			agents->length[kept * agents->cols + c] = agents->length[i * agents->cols + c];
		}
		kept++;
	}
	agents->rows = kept;
	return DB_OK;
}

int desk_load(struct db *db, struct pool *pool, long long client_id, long long agent_id,
	      struct desk *d)
{
	struct db_rows version, me;
	int rc = db_query(db, pool, SQL_QUEUE_VERSION, &version, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_AGENT_BY_ID, &me, "i", agent_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CONSOLE_QUEUE, &d->queue, "ii", agent_id, client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CONSOLE_MY_CHANNELS, &d->channels, "i", agent_id);
	if (rc == DB_OK)
		rc = thread_list(db, pool, client_id, agent_id, &d->messages);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CONSOLE_SCHEDULED, &d->scheduled, "ii", agent_id, client_id);
	if (rc == DB_OK)
		rc = desk_colleagues(db, pool, client_id, agent_id, &d->agents);
	if (rc != DB_OK)
		return rc;
	d->version = (unsigned long long)db_cell_int(&version, 0, 0);
	d->state = me.rows ? db_cell(&me, 0, 3) : "offline";
	return DB_OK;
}

static void rows_json(struct buf *out, const char *name, const struct db_rows *rows,
		      const char *const *columns)
{
	buf_printf(out, ",\"%s\":[", name);
	for (size_t i = 0; i < rows->rows; i++) {
		buf_puts(out, i ? ",{" : "{");
		for (size_t c = 0; columns[c] != NULL; c++) {
			buf_printf(out, "%s\"%s\":", c ? "," : "", columns[c]);
			const char *cell = db_cell(rows, i, c);
			if (cell == NULL)
				buf_puts(out, "null");
			else
				buf_json_string(out, cell);
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

void desk_json(const struct desk *d, struct buf *out)
{
	buf_printf(out, "{\"version\":%llu,\"state\":", d->version);
	buf_json_string(out, d->state);
	rows_json(out, "queue", &d->queue, queue_cols);
	rows_json(out, "channels", &d->channels, channel_cols);
	rows_json(out, "messages", &d->messages, thread_list_columns);
	rows_json(out, "scheduled", &d->scheduled, scheduled_cols);
	rows_json(out, "agents", &d->agents, agent_cols);
	buf_putc(out, '}');
}

void desk_to_view(const struct desk *d, struct view *v)
{
	view_set_int(v, "desk.version", (long long)d->version);
	view_set_rows(v, "queue", &d->queue, queue_cols);
	view_set_rows(v, "channels", &d->channels, channel_cols);
	view_set_rows(v, "messages", &d->messages, thread_list_columns);
	view_set_rows(v, "scheduled", &d->scheduled, scheduled_cols);
	view_set_rows(v, "agents", &d->agents, agent_cols);
}
