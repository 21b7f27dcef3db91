/* report_event.c - the attendance report of one event, for certifying who
 * took part: the event (what, by whom, when, how many came) and each
 * attendee (who, from where, registered and present when, for how long,
 * how many times they came, the questions they asked). The page is
 * printable (templates/attendance.cs); the CSV is the same table. */
#include "db.h"
#include "event.h"
#include "pool.h"
#include "report.h"

enum { MAX_ATTENDEES = 100000 };

int report_event_attendance(struct db *db, struct pool *pool, const struct live_event *ev,
			    struct report *rep)
{
	struct db_rows summary, people;
	int rc = db_query(db, pool, SQL_ATTENDANCE_SUMMARY, &summary, "i", ev->id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_ATTENDANCE_PEOPLE, &people, "i", ev->id);
	if (rc != DB_OK)
		return rc;
	static const struct report_column summary_columns[] = {
		{ "Event", COL_TEXT }, { "Organiser", COL_TEXT }, { "Announced for (UTC)", COL_TEXT },
		{ "Went live (UTC)", COL_TEXT }, { "Ended (UTC)", COL_TEXT }, { "Seats", COL_COUNT },
		{ "Registered", COL_COUNT }, { "Attended", COL_COUNT }, { "Questions", COL_COUNT },
		{ "Producer", COL_TEXT }, { "Speakers", COL_TEXT },
	};
	struct report_table *t = report_table_add(rep, "event", "The event", summary_columns, 11, NULL,
		"Attended: registered people who were present at least once.");
	if (summary.rows > 0) {
		size_t row = report_row(rep, t);
		for (size_t c = 0; c < 11; c++) {
			if (summary_columns[c].kind == COL_COUNT)
				report_put_number(rep, t, row, c, db_cell_int(&summary, 0, c));
			else
				report_put(rep, t, row, c, db_cell(&summary, 0, c) ? db_cell(&summary, 0, c) : "");
		}
	}
	struct report_column *cols = pool_alloc(pool, 12 * sizeof *cols);
	const struct report_column fixed[12] = {
		{ "Name", COL_TEXT }, { "E-mail", COL_TEXT },
		{ ev->field_label ? ev->field_label : "Registration field", COL_TEXT }, { "Came from", COL_TEXT },
		{ "Registered (UTC)", COL_TEXT }, { "First present (UTC)", COL_TEXT },
		{ "Last present (UTC)", COL_TEXT }, { "Minutes present", COL_MINUTES }, { "Visits", COL_COUNT },
		{ "Questions", COL_COUNT }, { "Questions asked", COL_TEXT }, { "Note", COL_TEXT },
	};
	for (size_t c = 0; c < 12; c++)
		cols[c] = fixed[c];
	t = report_table_add(rep, "attendees", "Attendance", cols, 12, NULL,
		"Each registered person: when they were present (their page open on the event), the "
		"minutes present in all (to the tenth), how many times they came, and what they asked.");
	for (size_t i = 0; i < people.rows; i++) {
		if (i == MAX_ATTENDEES) {
			t->truncated = true;
			break;
		}
		size_t row = report_row(rep, t);
		for (size_t c = 0; c < 12; c++) {
			if (cols[c].kind == COL_TEXT)
				report_put(rep, t, row, c, db_cell(&people, i, c) ? db_cell(&people, i, c) : "");
			else
				report_put_number(rep, t, row, c, db_cell_int(&people, i, c));
		}
	}
	return DB_OK;
}
