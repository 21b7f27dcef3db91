/* event_billing.h - events in the monthly statement and the usage report
 * (the rules: lib/billing.h): each event that went live in the month, with
 * its attendees and seat-minutes counted up to the statement's cut-off. */
#ifndef BATON_EVENT_BILLING_H
#define BATON_EVENT_BILLING_H

#include <stdbool.h>
#include <stddef.h>

#include "billing.h"

struct db;
struct pool;

struct event_line {
	const char *held;        /* when it went live, "YYYY-MM-DD HH:MM:SS" UTC */
	const char *title;
	long long attendees, seat_minutes, quantity, amount_cents;
};

/* Bills the client's events of month m into totals, at the event rate of
 * terms (the terms in force for the month: lib/terms.c); with want_lines, a line
 * each in *lines (from pool). Returns a db_status (DB_ERROR on overflow). */
int event_billing_month(struct db *db, struct pool *pool, long long client_id,
			const struct billing_month *m, long long cutoff_ms,
			const struct billing_terms *terms, struct billing_totals *totals,
			bool want_lines, struct event_line **lines, size_t *count);

#endif
