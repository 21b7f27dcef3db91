/* report_queue.c - the queue report: help requests per hour of the day
 * (UTC), how long accepted requests waited, what became of the requests
 * (accepted, abandoned: cancelled while waiting or gone without an accept,
 * messages, still scheduled or waiting), whether scheduled sessions were
 * kept, and message threads (offline messages and help requests by e-mail)
 * with how soon they were answered. Requests and threads count by the time
 * they were made; scheduled sessions by the time they were booked for. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "pool.h"
#include "report.h"

/* A request still in the queue this long after joining it has been left. */
enum { GONE_AFTER_SECONDS = 30 * 60 };
/* A scheduled session is kept when accepted within this of its time. */
enum { KEPT_WINDOW_SECONDS = 30 * 60 };

static const struct report_column hour_columns[] = {
	{ "Hour (UTC)", COL_TEXT }, { "Requests", COL_COUNT },
};
static const struct report_column wait_columns[] = {
	{ "Wait", COL_TEXT }, { "Requests accepted", COL_COUNT },
};
static const struct report_column count_columns[] = {
	{ "Requests", COL_TEXT }, { "Count", COL_COUNT },
};
static const struct report_column message_columns[] = {
	{ "Messages", COL_TEXT }, { "Threads", COL_COUNT }, { "Answered", COL_COUNT },
	{ "Average time to first answer", COL_SECONDS },
};
static const char *const wait_buckets[] = {
	"Under 30 s", "30-60 s", "1-2 min", "2-5 min", "5-10 min", "Over 10 min",
};

static void count_row(struct report *rep, struct report_table *t, const char *label,
		      long long count)
{
	size_t row = report_row(rep, t);
	report_put(rep, t, row, 0, label);
	report_put_number(rep, t, row, 1, count);
}

int report_queue(struct db *db, struct pool *pool, const struct report_range *range,
		 struct report *rep)
{
	struct db_rows hours, waits, outcomes, scheduled, messages;
	long long client = range->client_id;
	int rc = db_query(db, pool, SQL_REPORT_QUEUE_HOURS, &hours, "iss", client, range->from_at,
			  range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_QUEUE_WAITS, &waits, "iss", client, range->from_at,
			      range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_QUEUE_OUTCOMES, &outcomes, "iiss",
			      (long long)GONE_AFTER_SECONDS, client, range->from_at, range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_QUEUE_SCHEDULED, &scheduled, "iiiiss",
			      (long long)KEPT_WINDOW_SECONDS, (long long)KEPT_WINDOW_SECONDS,
			      (long long)KEPT_WINDOW_SECONDS, client, range->from_at, range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_QUEUE_MESSAGES, &messages, "iss", client,
			      range->from_at, range->until_at);
	if (rc != DB_OK)
		return rc;

	struct report_table *t = report_table_add(rep, "hours", "Requests per hour of the day", hour_columns,
		2, "bar:1", "Help requests made in each hour of the day (UTC) over the whole range.");
	long long per_hour[24] = { 0 };
	for (size_t i = 0; i < hours.rows; i++) {
		long long h = db_cell_int(&hours, i, 0);
		if (h >= 0 && h < 24)
			per_hour[h] = db_cell_int(&hours, i, 1);
	}
	for (int h = 0; h < 24; h++)
		count_row(rep, t, pool_printf(pool, "%02d:00", h), per_hour[h]);

	t = report_table_add(rep, "waits", "Waiting times", wait_columns, 2, "bar:1",
		"How long accepted requests waited, from joining the queue (or rejoining it, for a "
		"scheduled session) to being accepted.");
	long long per_bucket[6] = { 0 };
	for (size_t i = 0; i < waits.rows; i++) {
		long long b = db_cell_int(&waits, i, 0);
		if (b >= 0 && b < 6)
			per_bucket[b] = db_cell_int(&waits, i, 1);
	}
	for (int b = 0; b < 6; b++)
		count_row(rep, t, wait_buckets[b], per_bucket[b]);

	t = report_table_add(rep, "outcomes", "What became of the requests", count_columns, 2, NULL,
		pool_printf(pool, "Abandoned requests were cancelled by the visitor while waiting, or "
			    "left without being accepted (the visitor went away, or the request was "
			    "still waiting %d minutes after joining the queue).", GONE_AFTER_SECONDS / 60));
	long long cancelled = db_cell_int(&outcomes, 0, 2), gone = db_cell_int(&outcomes, 0, 3);
	count_row(rep, t, "All requests", db_cell_int(&outcomes, 0, 0));
	count_row(rep, t, "Accepted", db_cell_int(&outcomes, 0, 1));
	count_row(rep, t, "Abandoned", cancelled + gone);
	count_row(rep, t, "Cancelled while waiting", cancelled);
	count_row(rep, t, "Gone without being accepted", gone);
	count_row(rep, t, "Left a message", db_cell_int(&outcomes, 0, 4));
	count_row(rep, t, "Scheduled for later, not yet back", db_cell_int(&outcomes, 0, 5));
	count_row(rep, t, "Still waiting", db_cell_int(&outcomes, 0, 6));

	t = report_table_add(rep, "scheduled", "Scheduled sessions", count_columns, 2, "bar:1",
		pool_printf(pool, "Sessions booked for a time in the range. Kept: the visitor came back "
			    "and was accepted within %d minutes of the time; missed: not, and that time "
			    "is past.", KEPT_WINDOW_SECONDS / 60));
	long long booked = db_cell_int(&scheduled, 0, 0), kept = db_cell_int(&scheduled, 0, 1),
		  missed = db_cell_int(&scheduled, 0, 2);
	count_row(rep, t, "Scheduled", booked);
	count_row(rep, t, "Kept", kept);
	count_row(rep, t, "Missed", missed);
	count_row(rep, t, "Still to come", booked - kept - missed);

	t = report_table_add(rep, "messages", "Messages and e-mail", message_columns, 4, "bar:1,2",
		"Threads of messages left on the waiting page and of help requests that came by "
		"e-mail, started in the range; the time to the first answer runs from the visitor's "
		"first message to the first answer sent.");
	/* web, email, then both together */
	long long count[3] = { 0 }, answered[3] = { 0 }, ms[3] = { 0 };
	for (size_t i = 0; i < messages.rows; i++) {
		int k = strcmp(db_cell(&messages, i, 0), "email") == 0;
		count[k] += db_cell_int(&messages, i, 1);
		answered[k] += db_cell_int(&messages, i, 2);
		ms[k] += db_cell_int(&messages, i, 3);
	}
	count[2] = count[0] + count[1];
	answered[2] = answered[0] + answered[1];
	ms[2] = ms[0] + ms[1];
	static const char *const labels[] = { "Left on the waiting page", "By e-mail", "All" };
	for (int k = 0; k < 3; k++) {
		size_t row = report_row(rep, t);
		report_put(rep, t, row, 0, labels[k]);
		report_put_number(rep, t, row, 1, count[k]);
		report_put_number(rep, t, row, 2, answered[k]);
		report_put_number(rep, t, row, 3, answered[k] ? ms[k] / answered[k] : 0);
	}
	return DB_OK;
}
