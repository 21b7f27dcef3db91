/* report_calls.c - the calls report: calls per day (call-backs placed and
 * answered, calls in answered, abandoned, voice messages, call-backs asked
 * in the IVR, talk minutes), what became of the calls, and waiting and
 * talk times. A call counts on the day (UTC) it began. Wait: from the
 * IVR's answer to the agent joining (calls in), from the agent accepting
 * to the customer answering (call-backs); talk: from then to the end. */
#include <string.h>

#include "db.h"
#include "pool.h"
#include "report.h"

static const struct report_column day_columns[] = {
	{ "Day", COL_TEXT }, { "Call-backs placed", COL_COUNT }, { "Call-backs answered", COL_COUNT },
	{ "Calls in", COL_COUNT }, { "Calls in answered", COL_COUNT }, { "Abandoned", COL_COUNT },
	{ "Voice messages", COL_COUNT }, { "Talk minutes", COL_MINUTES },
};
static const struct report_column outcome_columns[] = {
	{ "Outcome", COL_TEXT }, { "Call-backs", COL_COUNT }, { "Calls in", COL_COUNT },
};
static const struct report_column time_columns[] = {
	{ "Calls", COL_TEXT }, { "Joined to an agent", COL_COUNT }, { "Average wait", COL_SECONDS },
	{ "Longest wait", COL_SECONDS }, { "Average talk", COL_SECONDS }, { "Longest talk", COL_SECONDS },
};

/* The outcomes as stored, and as the report names them. */
static const char *const outcomes[][2] = {
	{ "answered", "Answered" }, { "busy", "Busy" }, { "no_answer", "No answer" },
	{ "failed", "Failed (number unreachable, network)" }, { "abandoned", "Caller hung up waiting" },
	{ "message", "Left a voice message" }, { "callback", "Asked to be called back" },
	{ "cancelled", "Cancelled by the agent" }, { "no_agent", "Agent's phone never joined" },
	{ "", "Still going on" },
};

int report_calls(struct db *db, struct pool *pool, const struct report_range *range,
		 struct report *rep)
{
	struct db_rows days, ends, times;
	long long client = range->client_id;
	int rc = db_query(db, pool, SQL_REPORT_CALLS_DAYS, &days, "iss", client, range->from_at,
			  range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_CALLS_OUTCOMES, &ends, "iss", client, range->from_at,
			      range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_CALLS_TIMES, &times, "iss", client, range->from_at,
			      range->until_at);
	if (rc != DB_OK)
		return rc;

	struct report_table *t = report_table_add(rep, "days", "Calls per day", day_columns, 8,
		"bar:1,3;line:7", "Call-backs placed: the customer's phone was dialled. Abandoned: the "
		"caller hung up while waiting for an agent. Talk: from the agent joining to the end.");
	for (size_t i = 0; i < days.rows; i++) {
		size_t row = report_row(rep, t);
		report_put(rep, t, row, 0, db_cell(&days, i, 0));
		for (size_t c = 1; c < 8; c++)
			report_put_number(rep, t, row, c, db_cell_int(&days, i, c));
	}

	t = report_table_add(rep, "outcomes", "What became of the calls", outcome_columns, 3, NULL,
			     "Each call once, by how it ended.");
	for (size_t o = 0; o < sizeof outcomes / sizeof outcomes[0]; o++) {
		long long out = 0, in = 0;
		for (size_t i = 0; i < ends.rows; i++) {
			const char *outcome = db_cell(&ends, i, 1) ? db_cell(&ends, i, 1) : "";
			if (strcmp(outcome, outcomes[o][0]) != 0)
				continue;
			if (strcmp(db_cell(&ends, i, 0), "outbound") == 0)
				out += db_cell_int(&ends, i, 2);
			else
				in += db_cell_int(&ends, i, 2);
		}
		size_t row = report_row(rep, t);
		report_put(rep, t, row, 0, outcomes[o][1]);
		report_put_number(rep, t, row, 1, out);
		report_put_number(rep, t, row, 2, in);
	}

	t = report_table_add(rep, "times", "Waiting and talk times", time_columns, 6, NULL,
			     "Over the calls joined to an agent.");
	for (int direction = 0; direction < 2; direction++) {
		const char *name = direction == 0 ? "outbound" : "inbound";
		size_t row = report_row(rep, t);
		report_put(rep, t, row, 0, direction == 0 ? "Call-backs" : "Calls in");
		for (size_t c = 1; c < 6; c++)
			report_put_number(rep, t, row, c, 0);
		for (size_t i = 0; i < times.rows; i++) {
			if (strcmp(db_cell(&times, i, 0), name) != 0)
				continue;
			for (size_t c = 1; c < 6; c++)
				report_put_number(rep, t, row, c, db_cell_int(&times, i, c));
		}
	}
	return DB_OK;
}
