/* population.c - an event's audience at a glance (population.h). */
#include "population.h"

#include <string.h>
#include <time.h>

#include "db.h"
#include "event.h"
#include "pool.h"

static void groups_json(struct buf *out, const char *name, const struct db_rows *rows)
{
	buf_printf(out, ",\"%s\":[", name);
	for (size_t i = 0; i < rows->rows; i++) {
		buf_puts(out, i ? ",{\"value\":" : "{\"value\":");
		buf_json_string(out, db_cell(rows, i, 0) ? db_cell(rows, i, 0) : "");
		buf_printf(out, ",\"count\":%s}", db_cell(rows, i, 1));
	}
	buf_putc(out, ']');
}

/* Minutes as "YYYY-MM-DDTHH:MMZ", the last POPULATION_MINUTES up to now. */
static int minute_index(const char *label, time_t first)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (label == NULL || strptime(label, "%Y-%m-%dT%H:%MZ", &tm) == NULL)
		return -1;
	long long i = ((long long)timegm(&tm) - (long long)first) / 60;
	return i < 0 || i >= POPULATION_MINUTES ? -1 : (int)i;
}

int population_json(struct db *db, struct pool *pool, const struct live_event *ev, struct buf *out)
{
	struct db_rows counts, joins, leaves, sites, fields, now;
	int rc = db_query(db, pool, SQL_POPULATION_COUNTS, &counts, "i", ev->id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_POPULATION_JOINS, &joins, "ii", ev->id, (long long)POPULATION_MINUTES);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_POPULATION_LEAVES, &leaves, "ii", ev->id, (long long)POPULATION_MINUTES);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_POPULATION_BY_SITE, &sites, "ii", ev->id, (long long)POPULATION_GROUPS);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_POPULATION_BY_FIELD, &fields, "ii", ev->id, (long long)POPULATION_GROUPS);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_POPULATION_NOW, &now, "");
	if (rc != DB_OK)
		return rc;
	long long present = db_cell_int(&counts, 0, 0);
	buf_printf(out, "{\"present\":%lld,\"registered\":%s,\"ever\":%s,\"removed\":%s,\"seat_limit\":%lld,"
		   "\"questions_new\":%s,\"questions\":%s,\"state\":", present, db_cell(&counts, 0, 1),
		   db_cell(&counts, 0, 2), db_cell(&counts, 0, 3), ev->seat_limit, db_cell(&counts, 0, 4),
		   db_cell(&counts, 0, 5));
	buf_json_string(out, ev->state);
	/* Minute by minute: joins and leaves, and those present, counted back
	 * from now (present at the end of minute m = present now minus what
	 * came and went after it). */
	long long join[POPULATION_MINUTES] = { 0 }, leave[POPULATION_MINUTES] = { 0 };
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	strptime(db_cell(&now, 0, 0), "%Y-%m-%dT%H:%MZ", &tm);
	time_t first = timegm(&tm) - (POPULATION_MINUTES - 1) * 60;
	for (size_t i = 0; i < joins.rows; i++) {
		int m = minute_index(db_cell(&joins, i, 0), first);
		if (m >= 0)
			join[m] += db_cell_int(&joins, i, 1);
	}
	for (size_t i = 0; i < leaves.rows; i++) {
		int m = minute_index(db_cell(&leaves, i, 0), first);
		if (m >= 0)
			leave[m] += db_cell_int(&leaves, i, 1);
	}
	long long at[POPULATION_MINUTES];
	long long running = present;
	for (int m = POPULATION_MINUTES - 1; m >= 0; m--) {
		at[m] = running < 0 ? 0 : running;
		running -= join[m] - leave[m];
	}
	buf_puts(out, ",\"minutes\":[");
	bool any = false;
	for (int m = 0; m < POPULATION_MINUTES; m++) {
		/* Quiet minutes before anyone came are left out. */
		if (!any && join[m] == 0 && leave[m] == 0 && at[m] == 0)
			continue;
		time_t t = first + (time_t)m * 60;
		char label[24];
		gmtime_r(&t, &tm);
		strftime(label, sizeof label, "%Y-%m-%dT%H:%MZ", &tm);
		buf_printf(out, "%s{\"minute\":\"%s\",\"joins\":%lld,\"leaves\":%lld,\"present\":%lld}",
			   any ? "," : "", label, join[m], leave[m], at[m]);
		any = true;
	}
	buf_putc(out, ']');
	groups_json(out, "by_site", &sites);
	groups_json(out, "by_field", &fields);
	buf_puts(out, ",\"field_label\":");
	if (ev->field_label)
		buf_json_string(out, ev->field_label);
	else
		buf_puts(out, "null");
	buf_putc(out, '}');
	return DB_OK;
}

int population_search_json(struct db *db, struct pool *pool, const struct live_event *ev,
			   const char *query, struct buf *out)
{
	struct db_rows rows;
	const char *q = query ? query : "";
	int rc = db_query(db, pool, SQL_POPULATION_SEARCH, &rows, "isssi", ev->id, q, q, q,
			  (long long)POPULATION_SEARCH_MAX);
	if (rc != DB_OK)
		return rc;
	buf_puts(out, "{\"attendees\":[");
	for (size_t i = 0; i < rows.rows; i++) {
		buf_printf(out, "%s{\"id\":%s,\"name\":", i ? "," : "", db_cell(&rows, i, 0));
		buf_json_string(out, db_cell(&rows, i, 1));
		buf_puts(out, ",\"email\":");
		buf_json_string(out, db_cell(&rows, i, 2) ? db_cell(&rows, i, 2) : "");
		buf_puts(out, ",\"site\":");
		buf_json_string(out, db_cell(&rows, i, 3) ? db_cell(&rows, i, 3) : "");
		buf_printf(out, ",\"present\":%s,\"muted\":%s,\"removed\":%s,\"questions\":%s}",
			   db_cell_int(&rows, i, 4) ? "true" : "false", db_cell_int(&rows, i, 5) ? "true" : "false",
			   db_cell_int(&rows, i, 6) ? "true" : "false", db_cell(&rows, i, 7));
	}
	buf_printf(out, "],\"limit\":%d}", POPULATION_SEARCH_MAX);
	return DB_OK;
}
