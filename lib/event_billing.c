/* event_billing.c - events in statements (event_billing.h). */
#include "event_billing.h"

#include <time.h>

#include "db.h"
#include "log.h"
#include "pool.h"

int event_billing_month(struct db *db, struct pool *pool, long long client_id,
			const struct billing_month *m, long long cutoff_ms,
			const struct billing_terms *terms, struct billing_totals *totals,
			bool want_lines, struct event_line **lines, size_t *count)
{
	char cutoff[32];
	time_t t = (time_t)(cutoff_ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(cutoff, sizeof cutoff, "%Y-%m-%d %H:%M:%S", &tm);
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_BILLING_EVENTS, &rows, "ssississ", cutoff, cutoff, client_id,
			  m->start, m->end, client_id, m->start, m->end);
	if (rc != DB_OK)
		return rc;
	*count = 0;
	if (want_lines)
		*lines = pool_zalloc(pool, (rows.rows + 1) * sizeof **lines);
	for (size_t i = 0; i < rows.rows; i++) {
		long long attendees = db_cell_int(&rows, i, 2), seat_minutes = db_cell_int(&rows, i, 3);
		long long quantity, amount;
		if (billing_add_event(terms, totals, attendees, seat_minutes, &quantity, &amount) != 0) {
			log_error("statement of client %lld for %s: the events overflow", client_id, m->label);
			return DB_ERROR;
		}
		if (!want_lines)
			continue;
		struct event_line *line = &(*lines)[(*count)++];
		line->held = db_cell(&rows, i, 0);
		line->title = db_cell(&rows, i, 1);
		line->attendees = attendees;
		line->seat_minutes = seat_minutes;
		line->quantity = quantity;
		line->amount_cents = amount;
	}
	return DB_OK;
}
