/* billing.h - the rules of usage billing, apart from the database, so that
 * they can be tested on their own (t/unit/billing.c):
 *   - a month is a calendar month in UTC; its sessions are the channels
 *     created in it;
 *   - a session is billed from its start to its close or the statement's
 *     cut-off, whichever comes first; the cut-off is the month's end (or now,
 *     for the month in progress). So a session still open when a past month
 *     is billed counts up to the month's end, and minutes past the month's end
 *     are never billed: a month's statement cannot change once it is over;
 *   - billable minutes are started minutes, at least 1;
 *   - charge = minutes x rate (per minute) or sessions x rate (per session);
 *   - calls (voice and video, between a session's people) are billed on top,
 *     at the client's own call rate (0: not billed, still counted): each
 *     call's started minutes from its connecting to its end (or the
 *     cut-off), at least 1; a month's calls are those of its sessions;
 *   - events (the auditorium, issue 17) are billed on top at the client's
 *     event rate: per attendee (each who was there at all) or per
 *     seat-minute (each attendee's started minutes present, at least 1); a
 *     month's events are those that went live in it, their attendance
 *     counted up to the cut-off; their stage and backstage are no sessions;
 *   - a monthly minimum lifts the total (sessions, calls and events) to it,
 *     as a line of its own;
 *   - phone calls (the call centre) are billed on top too: each call's
 *     talk time (from the agent joining to its end, cut off like a
 *     session), in started minutes, at least 1, at the client's phone rate
 *     (phone_line.rate_cents); a phone call belongs to the month its talk
 *     began;
 *   - a monthly minimum lifts the total (sessions, calls and phone calls)
 *     to it, as a
 *     line of its own;
 *   - a reseller's share is round-half-up(total x share% / 100), per client;
 *   - money is integer cents (two decimal places for every currency). */
#ifndef BATON_BILLING_H
#define BATON_BILLING_H

#include <stdbool.h>

enum billing_unit { BILLING_PER_MINUTE, BILLING_PER_SESSION };
enum billing_event_unit { BILLING_PER_ATTENDEE, BILLING_PER_SEAT_MINUTE };

struct billing_month {
	int year, month;
	long long start_ms, end_ms;   /* [start, end) in milliseconds since 1970, UTC */
	char label[24];               /* "2026-03" */
	char start[48], end[48];      /* "2026-03-01 00:00:00", "2026-04-01 00:00:00" */
};

struct billing_terms {
	enum billing_unit unit;
	long long rate_cents;         /* per minute or per session */
	long long minimum_cents;      /* monthly minimum; 0 for none */
	long long call_rate_cents;    /* per started minute of a call; 0: not billed */
	enum billing_event_unit event_unit;
	long long event_rate_cents;   /* per attendee or seat-minute; 0: not billed */
	long long phone_rate_cents;   /* per started minute of a phone call */
};

struct billing_totals {
	long long sessions;
	long long minutes;
	long long quantity;           /* minutes or sessions, by the unit */
	long long usage_cents;        /* the sum of the sessions' lines */
	long long calls;
	long long call_minutes;
	long long call_cents;         /* the sum of the calls' lines */
	long long events;
	long long event_attendees;
	long long event_seat_minutes;
	long long event_cents;        /* the sum of the events' lines */
	long long phone_calls;
	long long phone_minutes;
	long long phone_cents;        /* the sum of the phone calls' lines */
	long long minimum_lift_cents; /* what the minimum adds (0 when usage reaches it) */
	long long total_cents;
};

/* "YYYY-MM" (years 1970-9998, months 01-12): 0, or -1 for anything else. */
int billing_month_parse(const char *text, struct billing_month *m);
/* The month holding the instant at_ms. */
void billing_month_of(long long at_ms, struct billing_month *m);
/* The month before m. */
void billing_month_previous(const struct billing_month *m, struct billing_month *prev);

/* The instant a statement of month m stops counting: its end, or now_ms if
 * that comes first (the month in progress). */
long long billing_cutoff_ms(const struct billing_month *m, long long now_ms);
/* Started minutes from created_ms to the earlier of closed_ms and cutoff_ms
 * (closed_ms < 0: still open), at least 1. */
long long billing_session_minutes(long long created_ms, long long closed_ms, long long cutoff_ms);

/* "minute" or "session": 0, or -1. */
int billing_unit_parse(const char *text, enum billing_unit *unit);
const char *billing_unit_name(enum billing_unit unit);

void billing_totals_init(struct billing_totals *t);
/* Adds a session of `minutes` billable minutes; *amount_cents gets its line's
 * amount and *quantity its minutes or 1. Returns 0, or -1 on overflow. */
int billing_add_session(const struct billing_terms *terms, struct billing_totals *t,
			long long minutes, long long *quantity, long long *amount_cents);
/* Adds a call of `minutes` billable minutes; *amount_cents gets its line's
 * amount. Returns 0, or -1 on overflow. */
int billing_add_call(const struct billing_terms *terms, struct billing_totals *t,
		     long long minutes, long long *amount_cents);
/* Adds an event of `attendees` attendees and `seat_minutes` seat-minutes;
 * *quantity gets what it is billed by and *amount_cents its line's amount.
 * Returns 0, or -1 on overflow. */
int billing_add_event(const struct billing_terms *terms, struct billing_totals *t,
		      long long attendees, long long seat_minutes, long long *quantity,
		      long long *amount_cents);
/* "attendee" or "seat_minute": 0, or -1. */
int billing_event_unit_parse(const char *text, enum billing_event_unit *unit);
const char *billing_event_unit_name(enum billing_event_unit unit);
/* What billing_event_unit_parse reads and the database stores: "attendee", "seat_minute". */
const char *billing_event_unit_key(enum billing_event_unit unit);
/* Adds a phone call (the call centre) of `minutes` billable minutes;
 * *amount_cents gets its line's amount. Returns 0, or -1 on overflow. */
int billing_add_phone_call(const struct billing_terms *terms, struct billing_totals *t,
			   long long minutes, long long *amount_cents);
/* Applies the monthly minimum (when minimum_applies) and sets the total.
 * Returns 0, or -1 on overflow. */
int billing_finish(const struct billing_terms *terms, struct billing_totals *t, bool minimum_applies);

/* A share in hundredths of a percent (12.5 % = 1250) of total_cents, rounded
 * half up; -1 on overflow. */
long long billing_share_cents(long long total_cents, long long share_basis_points);
/* "12", "12.5", "12.50" (0 to 100, at most two decimals) to 1250 hundredths
 * of a percent: 0, or -1. */
int billing_parse_percent(const char *text, long long *basis_points);
/* Hundredths of a percent as "12.50". */
void billing_format_percent(long long basis_points, char out[32]);
/* A whole number of cents within [0, max]: 0, or -1. */
int billing_parse_cents(const char *text, long long max, long long *cents);
/* An amount as people write it, "12", "12.5" or "12.50" (at most two
 * decimals), to cents within [0, max]: 0, or -1. */
int billing_parse_money(const char *text, long long max, long long *cents);
/* Cents as "1234.05" ("-0.50" for negatives). */
void billing_format_cents(long long cents, char out[32]);
/* Three capital letters (ISO 4217 form): true or false. */
bool billing_currency_valid(const char *text);

#endif
