/* Unit tests of lib/billing.c: months, started minutes, the cut-off for
 * sessions still open, charges per minute and per session, the monthly
 * minimum, resellers' shares rounded half up, and money formatting. */
#include <limits.h>
#include <stdlib.h>

#include "billing.h"
#include "tap.h"

/* 2026-03-01 00:00:00 UTC, and helpers for instants in March 2026. */
#define MARCH_2026 1772323200000LL
#define AT(day, h, m, s, ms) (MARCH_2026 + ((((day) - 1) * 24LL + (h)) * 3600 + (m) * 60 + (s)) * 1000 + (ms))

static const char *cents(long long c)
{
	static char out[4][32];
	static int next;
	char *s = out[next++ % 4];
	billing_format_cents(c, s);
	return s;
}

int main(void)
{
	struct billing_month m, prev;

	/* Months. */
	ok(billing_month_parse("2026-03", &m) == 0, "2026-03 is a month");
	ok(m.start_ms == MARCH_2026, "it starts on 1 March 00:00 UTC");
	ok(m.end_ms == MARCH_2026 + 31LL * 86400 * 1000, "and ends 31 days later");
	is_str(m.label, "2026-03", "its label");
	is_str(m.start, "2026-03-01 00:00:00", "its start for SQL");
	is_str(m.end, "2026-04-01 00:00:00", "its end for SQL");
	ok(billing_month_parse("2026-12", &m) == 0, "December");
	is_str(m.end, "2027-01-01 00:00:00", "ends in the next year");
	ok(billing_month_parse("2024-02", &m) == 0 && m.end_ms - m.start_ms == 29LL * 86400000,
	   "a leap February has 29 days");
	ok(billing_month_parse("2026-02", &m) == 0 && m.end_ms - m.start_ms == 28LL * 86400000,
	   "another has 28");
	ok(billing_month_parse("2026-13", &m) != 0, "month 13 is refused");
	ok(billing_month_parse("2026-00", &m) != 0, "month 0 is refused");
	ok(billing_month_parse("2026-3", &m) != 0, "one digit for the month is refused");
	ok(billing_month_parse("2026-03-01", &m) != 0, "a date is refused");
	ok(billing_month_parse("+026-03", &m) != 0, "signs are refused");
	ok(billing_month_parse("1969-12", &m) != 0, "years before 1970 are refused");
	ok(billing_month_parse("", &m) != 0 && billing_month_parse(NULL, &m) != 0, "nothing is refused");
	billing_month_of(AT(31, 23, 59, 59, 999), &m);
	is_str(m.label, "2026-03", "the last millisecond of March is in March");
	billing_month_of(AT(32, 0, 0, 0, 0), &m);
	is_str(m.label, "2026-04", "the next one is in April");
	billing_month_parse("2026-01", &m);
	billing_month_previous(&m, &prev);
	is_str(prev.label, "2025-12", "the month before January is December of the year before");

	/* Started minutes. */
	long long start = AT(2, 9, 15, 0, 0);
	ok(billing_session_minutes(start, start + 60000, LLONG_MAX) == 1, "60 s: 1 minute");
	ok(billing_session_minutes(start, start + 60001, LLONG_MAX) == 2, "60.001 s: 2 started minutes");
	ok(billing_session_minutes(start, start + 1, LLONG_MAX) == 1, "1 ms: 1 minute");
	ok(billing_session_minutes(start, start, LLONG_MAX) == 1, "no time at all: at least 1 minute");
	ok(billing_session_minutes(start, start - 5000, LLONG_MAX) == 1,
	   "a close before the start (clock trouble): 1 minute");
	ok(billing_session_minutes(start, start + 7 * 60000 - 500, LLONG_MAX) == 7, "6:59.5: 7 minutes");
	ok(billing_session_minutes(start, start + 125 * 60000, LLONG_MAX) == 125, "exactly 125 minutes");

	/* The cut-off: sessions open at statement time, and past the month's end. */
	billing_month_parse("2026-03", &m);
	long long now = AT(40, 12, 0, 0, 0);
	ok(billing_cutoff_ms(&m, now) == m.end_ms, "a past month is cut off at its end");
	ok(billing_cutoff_ms(&m, AT(10, 8, 0, 0, 0)) == AT(10, 8, 0, 0, 0),
	   "the month in progress is cut off now");
	long long late = AT(31, 23, 50, 0, 0);
	ok(billing_session_minutes(late, -1, billing_cutoff_ms(&m, now)) == 10,
	   "a session still open counts up to the month's end");
	ok(billing_session_minutes(late, AT(32, 0, 20, 0, 0), billing_cutoff_ms(&m, now)) == 10,
	   "and gives the same minutes once it closes in the next month (statements do not change)");
	ok(billing_session_minutes(late, AT(31, 23, 55, 30, 0), billing_cutoff_ms(&m, now)) == 6,
	   "a session closed within the month is not cut");
	ok(billing_session_minutes(AT(10, 7, 0, 0, 0), -1, AT(10, 7, 3, 1, 0)) == 4,
	   "an open session in the month in progress counts up to now");

	/* Per minute, with a minimum the usage does not reach. */
	struct billing_terms per_minute = { BILLING_PER_MINUTE, 50, 1000, 0, BILLING_PER_ATTENDEE, 0, 0 };
	struct billing_totals t;
	long long q, amount;
	billing_totals_init(&t);
	/* (ok() evaluates its condition twice: no calls with effects inside.) */
	int rc = billing_add_session(&per_minute, &t, 7, &q, &amount);
	ok(rc == 0 && q == 7 && amount == 350, "7 minutes at 0.50: 3.50");
	rc = billing_add_session(&per_minute, &t, 1, &q, &amount);
	ok(rc == 0 && q == 1 && amount == 50, "1 minute: 0.50");
	rc = billing_finish(&per_minute, &t, true);
	ok(rc == 0, "finished");
	ok(t.sessions == 2 && t.minutes == 8 && t.quantity == 8, "2 sessions, 8 minutes");
	ok(t.usage_cents == 400, "usage 4.00");
	ok(t.minimum_lift_cents == 600, "the minimum of 10.00 adds 6.00");
	ok(t.total_cents == 1000, "total 10.00");
	rc = billing_finish(&per_minute, &t, false);
	ok(rc == 0 && t.minimum_lift_cents == 0 && t.total_cents == 400,
	   "no minimum for a month the client did not exist in");

	/* The usage passes the minimum. */
	billing_add_session(&per_minute, &t, 30, &q, &amount);
	billing_finish(&per_minute, &t, true);
	ok(t.usage_cents == 1900 && t.minimum_lift_cents == 0 && t.total_cents == 1900,
	   "usage above the minimum: no minimum line");
	struct billing_totals none;
	billing_totals_init(&none);
	billing_finish(&per_minute, &none, true);
	ok(none.sessions == 0 && none.usage_cents == 0 && none.minimum_lift_cents == 1000
	   && none.total_cents == 1000, "a month without sessions costs the minimum");

	/* Per session: minutes do not matter. */
	struct billing_terms per_session = { BILLING_PER_SESSION, 250, 0, 0, BILLING_PER_ATTENDEE, 0, 0 };
	billing_totals_init(&t);
	rc = billing_add_session(&per_session, &t, 45, &q, &amount);
	ok(rc == 0 && q == 1 && amount == 250, "a 45-minute session at 2.50 per session: 2.50");
	billing_add_session(&per_session, &t, 2, &q, &amount);
	billing_add_session(&per_session, &t, 1, &q, &amount);
	billing_finish(&per_session, &t, true);
	ok(t.sessions == 3 && t.quantity == 3 && t.minutes == 48, "3 sessions, 48 minutes");
	ok(t.usage_cents == 750 && t.minimum_lift_cents == 0 && t.total_cents == 750,
	   "total 7.50, no minimum set");

	/* Calls on top, at their own rate; the minimum covers both. */
	struct billing_terms with_calls = { BILLING_PER_MINUTE, 50, 1000, 20, BILLING_PER_ATTENDEE, 0, 0 };
	billing_totals_init(&t);
	billing_add_session(&with_calls, &t, 12, &q, &amount);
	rc = billing_add_call(&with_calls, &t, 5, &amount);
	ok(rc == 0 && amount == 100, "a 5-minute call at 0.20: 1.00");
	rc = billing_add_call(&with_calls, &t, 1, &amount);
	ok(rc == 0 && amount == 20, "a 1-minute call: 0.20");
	billing_finish(&with_calls, &t, true);
	ok(t.calls == 2 && t.call_minutes == 6 && t.call_cents == 120, "2 calls, 6 minutes, 1.20");
	ok(t.usage_cents == 600 && t.minimum_lift_cents == 280 && t.total_cents == 1000,
	   "sessions 6.00 and calls 1.20 lifted to the minimum of 10.00 by 2.80");
	struct billing_terms free_calls = { BILLING_PER_MINUTE, 50, 0, 0, BILLING_PER_ATTENDEE, 0, 0 };
	billing_totals_init(&t);
	billing_add_call(&free_calls, &t, 9, &amount);
	billing_finish(&free_calls, &t, true);
	ok(amount == 0 && t.call_minutes == 9 && t.total_cents == 0, "without a call rate, calls are counted, not billed");
	struct billing_terms huge_calls = { BILLING_PER_MINUTE, 0, 0, LLONG_MAX / 2, BILLING_PER_ATTENDEE, 0, 0 };
	billing_totals_init(&t);
	rc = billing_add_call(&huge_calls, &t, 3, &amount);
	ok(rc == -1, "an overflowing call charge is an error");

	struct billing_terms huge = { BILLING_PER_MINUTE, LLONG_MAX / 2, 0, 0, BILLING_PER_ATTENDEE, 0, 0 };
	billing_totals_init(&t);
	rc = billing_add_session(&huge, &t, 3, &q, &amount);
	ok(rc == -1, "an overflowing charge is an error");

	/* Resellers' shares: round half up. */
	ok(billing_share_cents(1000, 1250) == 125, "12.5 percent of 10.00 is 1.25");
	ok(billing_share_cents(1, 5000) == 1, "50 percent of 0.01 is 0.005, rounded up to 0.01");
	ok(billing_share_cents(3, 5000) == 2, "50 percent of 0.03 is 0.015, rounded up to 0.02");
	ok(billing_share_cents(1, 4999) == 0, "49.99 percent of 0.01 rounds down to 0.00");
	ok(billing_share_cents(333, 3333) == 111, "33.33 percent of 3.33 is 1.109889: 1.11");
	ok(billing_share_cents(750, 10000) == 750 && billing_share_cents(750, 0) == 0, "100 percent and 0 percent");
	ok(billing_share_cents(LLONG_MAX, 2) == -1, "an overflowing share is an error");

	long long bp;
	ok(billing_parse_percent("12.5", &bp) == 0 && bp == 1250, "12.5 percent");
	ok(billing_parse_percent("12.50", &bp) == 0 && bp == 1250, "12.50 percent");
	ok(billing_parse_percent("7", &bp) == 0 && bp == 700, "7 percent");
	ok(billing_parse_percent("0.05", &bp) == 0 && bp == 5, "0.05 percent");
	ok(billing_parse_percent("100", &bp) == 0 && bp == 10000, "100 percent");
	ok(billing_parse_percent("100.01", &bp) != 0, "more than 100 percent is refused");
	ok(billing_parse_percent("12.345", &bp) != 0, "three decimals are refused");
	ok(billing_parse_percent("-5", &bp) != 0 && billing_parse_percent("5.", &bp) != 0
	   && billing_parse_percent(".5", &bp) != 0 && billing_parse_percent("5%", &bp) != 0
	   && billing_parse_percent("", &bp) != 0, "other forms are refused");
	char pct[32];
	billing_format_percent(1250, pct);
	is_str(pct, "12.50", "12.50 percent shown");

	/* Money. */
	is_str(cents(0), "0.00", "0.00");
	is_str(cents(5), "0.05", "0.05");
	is_str(cents(123405), "1234.05", "1234.05");
	is_str(cents(-50), "-0.50", "-0.50");
	is_str(cents(LLONG_MIN), "-92233720368547758.08", "the most negative amount is formatted");
	long long c;
	ok(billing_parse_cents("1250", 100000000, &c) == 0 && c == 1250, "cents are parsed");
	ok(billing_parse_cents("0", 100000000, &c) == 0 && c == 0, "zero is allowed");
	ok(billing_parse_cents("12.50", 100000000, &c) != 0, "cents are whole numbers");
	ok(billing_parse_cents("-1", 100000000, &c) != 0, "and not negative");
	ok(billing_parse_cents("100000001", 100000000, &c) != 0, "and within the limit");
	ok(billing_currency_valid("EUR") && billing_currency_valid("USD"), "EUR and USD are currencies");
	ok(!billing_currency_valid("eur") && !billing_currency_valid("EURO")
	   && !billing_currency_valid("E1R") && !billing_currency_valid(""), "eur, EURO, E1R are not");

	/* Events on top (issue 17), per attendee or per seat-minute; the
	 * minimum covers them too. */
	struct billing_terms per_attendee = { BILLING_PER_MINUTE, 50, 1000, 0, BILLING_PER_ATTENDEE, 3, 0 };
	billing_totals_init(&t);
	billing_add_session(&per_attendee, &t, 4, &q, &amount);
	rc = billing_add_event(&per_attendee, &t, 120, 5400, &q, &amount);
	ok(rc == 0 && q == 120 && amount == 360, "120 attendees at 0.03 each: 3.60");
	billing_finish(&per_attendee, &t, true);
	ok(t.events == 1 && t.event_attendees == 120 && t.event_seat_minutes == 5400 && t.event_cents == 360,
	   "one event, its attendees and seat-minutes counted");
	ok(t.usage_cents == 200 && t.minimum_lift_cents == 440 && t.total_cents == 1000,
	   "sessions 2.00 and the event 3.60 lifted to the minimum of 10.00 by 4.40");
	struct billing_terms per_seat = { BILLING_PER_MINUTE, 0, 0, 0, BILLING_PER_SEAT_MINUTE, 1, 0 };
	billing_totals_init(&t);
	rc = billing_add_event(&per_seat, &t, 20000, 1200000, &q, &amount);
	ok(rc == 0 && q == 1200000 && amount == 1200000, "20,000 attendees for an hour at 0.01 a seat-minute: 12000.00");
	billing_finish(&per_seat, &t, true);
	ok(t.total_cents == 1200000, "the total");
	struct billing_terms huge_events = { BILLING_PER_MINUTE, 0, 0, 0, BILLING_PER_ATTENDEE, LLONG_MAX / 2, 0 };
	billing_totals_init(&t);
	rc = billing_add_event(&huge_events, &t, 3, 3, &q, &amount);
	ok(rc == -1, "an event rate that overflows is refused");
	enum billing_event_unit eu;
	ok(billing_event_unit_parse("seat_minute", &eu) == 0 && eu == BILLING_PER_SEAT_MINUTE, "seat_minute");
	ok(billing_event_unit_parse("attendee", &eu) == 0 && eu == BILLING_PER_ATTENDEE, "attendee");
	ok(billing_event_unit_parse("seat", &eu) != 0, "seat is not an event unit");
	is_str(billing_event_unit_name(BILLING_PER_SEAT_MINUTE), "seat-minute", "event unit names");

	enum billing_unit u;
	ok(billing_unit_parse("minute", &u) == 0 && u == BILLING_PER_MINUTE, "minute");
	ok(billing_unit_parse("session", &u) == 0 && u == BILLING_PER_SESSION, "session");
	ok(billing_unit_parse("hour", &u) != 0, "hour is not a unit");
	is_str(billing_unit_name(BILLING_PER_SESSION), "session", "unit names");

	/* Phone calls: on top of the sessions and calls, at the phone rate;
	 * the minimum counts them all. */
	struct billing_terms with_phone = { .unit = BILLING_PER_MINUTE, .rate_cents = 5, .minimum_cents = 1000, .call_rate_cents = 20, .phone_rate_cents = 12 };
	long long a;
	billing_totals_init(&t);
	billing_add_session(&with_phone, &t, 10, &q, &a);
	billing_add_call(&with_phone, &t, 2, &a);
	rc = billing_add_phone_call(&with_phone, &t, 3, &a);
	ok(rc == 0 && a == 36, "a 3-minute phone call at 0.12: 0.36");
	billing_add_phone_call(&with_phone, &t, 1, &a);
	ok(t.phone_calls == 2 && t.phone_minutes == 4 && t.phone_cents == 48, "two phone calls, 4 minutes, 0.48");
	ok(t.calls == 1 && t.call_minutes == 2 && t.call_cents == 40, "apart from the call between people");
	billing_finish(&with_phone, &t, true);
	ok(t.usage_cents == 50 && t.minimum_lift_cents == 1000 - 138 && t.total_cents == 1000,
	   "the minimum lifts sessions, calls and phone calls together to 10.00");
	billing_totals_init(&t);
	billing_add_session(&with_phone, &t, 300, &q, &a);
	billing_add_phone_call(&with_phone, &t, 10, &a);
	billing_finish(&with_phone, &t, true);
	ok(t.minimum_lift_cents == 0 && t.total_cents == 1500 + 120, "above the minimum: sessions and phone calls");
	struct billing_terms big = { .unit = BILLING_PER_MINUTE, .phone_rate_cents = 1LL << 62 };
	billing_totals_init(&t);
	rc = billing_add_phone_call(&big, &t, 4, &a);
	ok(rc != 0, "a phone call's amount that overflows is refused");
	return done_testing();
}
