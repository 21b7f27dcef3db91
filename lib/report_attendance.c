/* report_attendance.c - attendance, for certifying who took part in
 * sessions with many people: each session started in the range with at
 * least range->min_people people (silent supervisors not counted), and
 * for each person each time they joined, when they left and for how long
 * they were there (to leaving, to the session's end, or up to now). */
#include "db.h"
#include "pool.h"
#include "report.h"

enum { MAX_SESSIONS = 1000, MAX_ATTENDANCE = 5000 };

static const struct report_column session_columns[] = {
	{ "Session", COL_TEXT }, { "Started", COL_TEXT }, { "Ended", COL_TEXT },
	{ "People", COL_COUNT }, { "Minutes", COL_MINUTES },
};
static const struct report_column people_columns[] = {
	{ "Session", COL_TEXT }, { "Session started", COL_TEXT }, { "Person", COL_TEXT },
	{ "Role", COL_TEXT }, { "Joined", COL_TEXT }, { "Left", COL_TEXT },
	{ "Minutes present", COL_MINUTES },
};

int report_attendance(struct db *db, struct pool *pool, const struct report_range *range,
		      struct report *rep)
{
	struct db_rows sessions, people;
	int rc = db_query(db, pool, SQL_REPORT_ATTENDANCE_SESSIONS, &sessions, "issi",
			  range->client_id, range->from_at, range->until_at, range->min_people);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_ATTENDANCE_PEOPLE, &people, "issi", range->client_id,
			      range->from_at, range->until_at, range->min_people);
	if (rc != DB_OK)
		return rc;

	struct report_table *t = report_table_add(rep, "sessions", "Sessions with many people",
		session_columns, 5, "bar:3", pool_printf(pool, "Sessions started in the range with "
		"at least %lld people; supervisors watching silently are not counted.",
		range->min_people));
	for (size_t i = 0; i < sessions.rows; i++) {
		if (i == MAX_SESSIONS) {
			t->truncated = true;
			break;
		}
		size_t row = report_row(rep, t);
		report_put(rep, t, row, 0, db_cell(&sessions, i, 1));
		report_put(rep, t, row, 1, db_cell(&sessions, i, 2));
		report_put(rep, t, row, 2, db_cell(&sessions, i, 3));
		report_put_number(rep, t, row, 3, db_cell_int(&sessions, i, 4));
		report_put_number(rep, t, row, 4, db_cell_int(&sessions, i, 5));
	}

	t = report_table_add(rep, "attendance", "Attendance", people_columns, 7, NULL,
		"Each time a person joined one of these sessions: when, until when (leaving or the "
		"session's end; empty while still there), and the minutes present.");
	for (size_t i = 0; i < people.rows; i++) {
		if (i == MAX_ATTENDANCE) {
			t->truncated = true;
			break;
		}
		size_t row = report_row(rep, t);
		for (size_t c = 0; c < 6; c++)
			report_put(rep, t, row, c, db_cell(&people, i, c + 1));
		report_put_number(rep, t, row, 6, db_cell_int(&people, i, 7));
	}
	return DB_OK;
}
