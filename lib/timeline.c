/* timeline.c - a session's record from its three tables, merged by time. */
#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "mark.h"
#include "pool.h"
#include "render.h"

/* Items collected so far; grown in the request's pool. */
struct collect {
	struct pool *pool;
	struct timeline_item *items;
	size_t count, cap;
};

static struct timeline_item *add_item(struct collect *c)
{
	if (c->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct timeline_item *grown = pool_alloc(c->pool, cap * sizeof *grown);
		if (c->count > 0)
			memcpy(grown, c->items, c->count * sizeof *grown);
		c->items = grown;
		c->cap = cap;
	}
	struct timeline_item *it = &c->items[c->count];
	memset(it, 0, sizeof *it);
	it->order = c->count++;
	return it;
}

/* A private line is read by supervisors, and by the agent who sent or
 * received it. */
static bool private_visible(const struct archived_channel *c, const struct db_rows *ev, size_t i)
{
	if (c->full_view)
		return true;
	long long from = db_cell(ev, i, 9) ? db_cell_int(ev, i, 9) : 0;
	long long to = db_cell(ev, i, 10) ? db_cell_int(ev, i, 10) : 0;
	return from == c->viewer_agent_id || to == c->viewer_agent_id;
}

static int load_channel_events(struct db *db, struct collect *col, const struct archived_channel *c)
{
	long long after = 0;
	for (;;) {
		struct db_rows ev;
		int rc = db_query(db, col->pool, SQL_ARCHIVE_EVENTS, &ev, "ii", c->id, after);
		if (rc != DB_OK)
			return rc;
		if (ev.rows == 0)
			return DB_OK;
		for (size_t i = 0; i < ev.rows; i++) {
			after = db_cell_int(&ev, i, 0);
			const char *kind = db_cell(&ev, i, 1);
			if (strcmp(kind, "private") == 0 && !private_visible(c, &ev, i))
				continue;
			if (strcmp(kind, "rtc") == 0)
				continue;
			/* Staff replay and read originals; what each reader was shown in
			 * translation stays in the event log (lib/chat_lang.c). */
			if (strcmp(kind, "translation") == 0)
				continue;
			struct timeline_item *it = add_item(col);
			it->source = TIMELINE_CHANNEL;
			it->seq = after;
			it->kind = kind;
			it->who = db_cell(&ev, i, 3);
			it->role = db_cell(&ev, i, 4);
			it->body = db_cell(&ev, i, 5);
			it->at = db_cell(&ev, i, 6);
			it->to = db_cell(&ev, i, 8);
			it->to_self = db_cell(&ev, i, 7) != NULL
				       && db_cell_int(&ev, i, 7) == db_cell_int(&ev, i, 2);
			it->offset_ms = db_cell_int(&ev, i, 11);
			it->participant = db_cell(&ev, i, 2) ? db_cell_int(&ev, i, 2) : 0;
		}
	}
}

/* The sampled pointers and scroll positions, for the replay. */
static int load_samples(struct db *db, struct collect *col, const struct archived_channel *c)
{
	for (long long offset = 0;; offset += 5000) {
		struct db_rows s;
		int rc = db_query(db, col->pool, SQL_SAMPLES_AFTER, &s, "ii", c->id, offset);
		if (rc != DB_OK)
			return rc;
		for (size_t i = 0; i < s.rows; i++) {
			struct timeline_item *it = add_item(col);
			it->source = TIMELINE_SAMPLE;
			it->kind = db_cell(&s, i, 0);
			it->participant = db_cell_int(&s, i, 1);
			it->who = db_cell(&s, i, 2);
			it->role = db_cell(&s, i, 3);
			it->x = db_cell(&s, i, 4);
			it->y = db_cell(&s, i, 5);
			it->at = db_cell(&s, i, 6);
			it->offset_ms = db_cell_int(&s, i, 7);
		}
		if (s.rows < 5000)
			return DB_OK;
	}
}

static int load_request_events(struct db *db, struct collect *col, const struct archived_channel *c)
{
	struct db_rows ev;
	int rc = db_query(db, col->pool, SQL_ARCHIVE_REQUEST_EVENTS, &ev, "ii", c->request_id,
			  c->client_id);
	for (size_t i = 0; rc == DB_OK && i < ev.rows; i++) {
		struct timeline_item *it = add_item(col);
		it->source = TIMELINE_REQUEST;
		it->kind = db_cell(&ev, i, 0);
		it->at = db_cell(&ev, i, 1);
		it->who = db_cell(&ev, i, 2);
		it->role = it->who ? "agent" : NULL;
	}
	return rc;
}

static int load_agent_events(struct db *db, struct collect *col, const struct archived_channel *c)
{
	struct db_rows ev;
	int rc = db_query(db, col->pool, SQL_ARCHIVE_AGENT_EVENTS, &ev, "i", c->id);
	for (size_t i = 0; rc == DB_OK && i < ev.rows; i++) {
		struct timeline_item *it = add_item(col);
		it->source = TIMELINE_AGENT;
		it->kind = db_cell(&ev, i, 0);
		it->body = db_cell(&ev, i, 1);
		it->at = db_cell(&ev, i, 2);
		it->who = db_cell(&ev, i, 3);
		it->role = "agent";
	}
	return rc;
}

/* By time; at the same millisecond, the channel's events, then the
 * request's history, then agents' states, each in its own order. */
static int by_time(const void *a, const void *b)
{
	const struct timeline_item *x = a, *y = b;
	int c = strcmp(x->at, y->at);
	if (c != 0)
		return c;
	if (x->source != y->source)
		return (int)x->source - (int)y->source;
	return x->order < y->order ? -1 : x->order > y->order;
}

int timeline_load(struct db *db, struct pool *pool, const struct archived_channel *c,
		  bool channel_only, struct timeline *t)
{
	struct collect col = { .pool = pool };
	int rc = load_channel_events(db, &col, c);
	if (rc == DB_OK && channel_only)
		rc = load_samples(db, &col, c);
	if (rc == DB_OK && !channel_only && c->request_id > 0)
		rc = load_request_events(db, &col, c);
	if (rc == DB_OK && !channel_only)
		rc = load_agent_events(db, &col, c);
	if (rc != DB_OK)
		return rc;
	/* Each source is read in its own order, and `order` makes the sort's
	 * key total, so qsort keeps every source's order. */
	if (col.count > 1)
		qsort(col.items, col.count, sizeof *col.items, by_time);
	t->items = col.items;
	t->count = col.count;
	return DB_OK;
}

static const char *source_name(enum timeline_source s)
{
	switch (s) {
	case TIMELINE_REQUEST: return "request";
	case TIMELINE_AGENT: return "agent";
	case TIMELINE_SAMPLE: return "sample";
	default: return "channel";
	}
}

/* "YYYY-MM-DD HH:MM:SS" from the ISO form. */
static const char *display_time(struct pool *pool, const char *at)
{
	if (at == NULL || strlen(at) < 19)
		return at;
	char *s = pool_strndup(pool, at, 19);
	s[10] = ' ';
	return s;
}

static bool is_web_address(const char *s)
{
	return s != NULL && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0);
}

void timeline_to_view(const struct timeline *t, struct pool *pool, struct view *v)
{
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_item *it = &t->items[i];
		char key[64];
#define SET(field, value) do { snprintf(key, sizeof key, "timeline.%zu." field, i); \
			view_set(v, key, value); } while (0)
		SET("at", it->at);
		SET("time", display_time(pool, it->at));
		SET("source", source_name(it->source));
		SET("kind", it->kind);
		SET("who", it->who);
		SET("role", it->role);
		SET("body", it->body);
		SET("to", it->to);
		if (it->to_self)
			SET("to_self", "1");
		bool address = it->source == TIMELINE_CHANNEL
			       && (strcmp(it->kind, "address") == 0 || strcmp(it->kind, "window") == 0);
		if (address && is_web_address(it->body))
			SET("link", it->body);
		/* A mark's JSON is for the replay to draw; a reader gets its tool. */
		char tool[16];
		if (it->source == TIMELINE_CHANNEL && strcmp(it->kind, "mark") == 0)
			SET("body", mark_tool_of(it->body, tool));
#undef SET
	}
	view_set_int(v, "timeline_count", (long long)t->count);
}

static void json_field(struct buf *out, const char *name, const char *value)
{
	buf_printf(out, ",\"%s\":", name);
	if (value == NULL)
		buf_puts(out, "null");
	else
		buf_json_string(out, value);
}

void timeline_json(const struct archived_channel *c, const struct timeline *t, struct buf *out)
{
	buf_puts(out, "{\"channel\":{\"id\":");
	buf_json_string(out, c->public_id);
	json_field(out, "name", c->name);
	json_field(out, "state", c->state);
	json_field(out, "started", c->started);
	json_field(out, "ended", c->ended);
	buf_printf(out, ",\"seconds\":%lld},\"events\":[", c->seconds);
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_item *it = &t->items[i];
		buf_printf(out, "%s{\"seq\":%lld,\"t\":%lld", i ? "," : "", it->seq, it->offset_ms);
		json_field(out, "at", it->at);
		json_field(out, "kind", it->kind);
		json_field(out, "who", it->who);
		json_field(out, "role", it->role);
		json_field(out, "body", it->body);
		json_field(out, "to", it->to);
		if (it->to_self)
			buf_puts(out, ",\"to_self\":true");
		buf_printf(out, ",\"pid\":%lld", it->participant);
		if (it->source == TIMELINE_SAMPLE)
			buf_printf(out, ",\"x\":%s,\"y\":%s", it->x ? it->x : "0", it->y ? it->y : "0");
		buf_putc(out, '}');
	}
	buf_puts(out, "]}");
}
