/* audience.c - an attendee's view of the stage (audience.h). */
#include "audience.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"

/* Columns of SQL_AUDIENCE_EVENTS_AFTER. */
enum { E_SEQ, E_KIND, E_FROM, E_NAME, E_ROLE, E_BODY, E_AT, E_ATTENDEE, E_AVATAR };
/* Columns of SQL_AUDIENCE_SIGNALS_SINCE. */
enum { S_ID, S_NAME, S_AVATAR, S_URL, S_SX, S_SY, S_MODE, S_PX, S_PY, S_PRESENT };

bool audience_sees(const char *kind)
{
	static const char *const kinds[] = { "address", "window", "lead", "mark", "erase", "draw", "qa",
		"aline", "line", "stage", "close", "removed", NULL };
	for (size_t i = 0; kinds[i] != NULL; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

/* Whether row i reaches this attendee. */
static bool reaches(const struct db_rows *ev, size_t i, bool live, long long attendee_id)
{
	const char *kind = db_cell(ev, i, E_KIND);
	if (strcmp(kind, "removed") == 0)
		return db_cell_int(ev, i, E_ATTENDEE) == attendee_id;
	if (!live)
		return strcmp(kind, "stage") == 0 || strcmp(kind, "close") == 0;
	return audience_sees(kind);
}

bool audience_news(const struct db_rows *ev, bool live, long long attendee_id)
{
	for (size_t i = 0; i < ev->rows; i++)
		if (reaches(ev, i, live, attendee_id))
			return true;
	return false;
}

bool audience_rows_personal(const struct db_rows *ev)
{
	for (size_t i = 0; i < ev->rows; i++)
		if (strcmp(db_cell(ev, i, E_KIND), "removed") == 0)
			return true;
	return false;
}

static void text_or_null(struct buf *out, const char *s)
{
	if (s == NULL)
		buf_puts(out, "null");
	else
		buf_json_string(out, s);
}

static void events_json(const struct db_rows *ev, bool live, long long attendee_id, long long seen,
			struct buf *out, long long *last)
{
	*last = seen;
	bool first = true;
	buf_putc(out, '[');
	for (size_t i = 0; i < ev->rows; i++) {
		*last = db_cell_int(ev, i, E_SEQ);
		const char *kind = db_cell(ev, i, E_KIND);
		if (!reaches(ev, i, live, attendee_id))
			continue;
		buf_printf(out, "%s{\"seq\":%s,\"kind\":", first ? "" : ",", db_cell(ev, i, E_SEQ));
		first = false;
		buf_json_string(out, kind);
		buf_printf(out, ",\"from\":%s,\"name\":", db_cell(ev, i, E_FROM) ? db_cell(ev, i, E_FROM) : "null");
		buf_json_string(out, db_cell(ev, i, E_NAME) ? db_cell(ev, i, E_NAME) : "");
		buf_puts(out, ",\"role\":");
		buf_json_string(out, db_cell(ev, i, E_ROLE) ? db_cell(ev, i, E_ROLE) : "");
		buf_puts(out, ",\"avatar\":");
		buf_json_string(out, db_cell(ev, i, E_AVATAR) ? db_cell(ev, i, E_AVATAR) : "");
		buf_puts(out, ",\"body\":");
		buf_json_string(out, db_cell(ev, i, E_BODY) ? db_cell(ev, i, E_BODY) : "");
		buf_printf(out, ",\"mine\":%s,\"at\":",
			   attendee_id > 0 && db_cell_int(ev, i, E_ATTENDEE) == attendee_id ? "true" : "false");
		text_or_null(out, db_cell(ev, i, E_AT));
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

static void speakers_json(const struct db_rows *s, struct buf *out)
{
	buf_putc(out, '[');
	for (size_t i = 0; i < s->rows; i++) {
		buf_printf(out, "%s{\"id\":%s,\"name\":", i ? "," : "", db_cell(s, i, S_ID));
		buf_json_string(out, db_cell(s, i, S_NAME));
		buf_puts(out, ",\"role\":\"speaker\",\"avatar\":");
		text_or_null(out, db_cell(s, i, S_AVATAR));
		buf_puts(out, ",\"url\":");
		text_or_null(out, db_cell(s, i, S_URL));
		buf_printf(out, ",\"scroll\":[%s,%s],\"pointer\":", db_cell(s, i, S_SX) ? db_cell(s, i, S_SX) : "0",
			   db_cell(s, i, S_SY) ? db_cell(s, i, S_SY) : "0");
		if (db_cell(s, i, S_MODE) != NULL) {
			buf_puts(out, "{\"mode\":");
			buf_json_string(out, db_cell(s, i, S_MODE));
			buf_printf(out, ",\"x\":%s,\"y\":%s}", db_cell(s, i, S_PX), db_cell(s, i, S_PY));
		} else {
			buf_puts(out, "null");
		}
		buf_printf(out, ",\"present\":%s}", db_cell_int(s, i, S_PRESENT) ? "true" : "false");
	}
	buf_putc(out, ']');
}

void audience_answer_json(const struct db_rows *v, const struct db_rows *events,
			  const struct db_rows *speakers, bool live, long long attendee_id,
			  long long seen, struct buf *out)
{
	long long last = seen;
	bool open = v->rows > 0 && strcmp(db_cell(v, 0, 2), "open") == 0;
	buf_puts(out, "{\"events\":");
	events_json(events, live, attendee_id, seen, out, &last);
	buf_printf(out, ",\"last_seq\":%lld,\"signals\":%s,\"peers\":", last, v->rows ? db_cell(v, 0, 1) : "0");
	speakers_json(speakers, out);
	/* Before the event is live, where the stage is stays backstage. */
	buf_printf(out, ",\"leader\":%s,\"url\":",
		   live && v->rows && db_cell(v, 0, 3) ? db_cell(v, 0, 3) : "null");
	text_or_null(out, live && v->rows ? db_cell(v, 0, 4) : NULL);
	buf_printf(out, ",\"open\":%s,\"live\":%s", open ? "true" : "false", live ? "true" : "false");
}
