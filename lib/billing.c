/* billing.c - the rules of usage billing (see billing.h): months, billable
 * minutes, charges, the monthly minimum and resellers' shares, in integer
 * cents. No database, no I/O. */
#include "billing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MS_PER_MINUTE = 60000 };

static void month_set(struct billing_month *m, int year, int month)
{
	struct tm start = { .tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = 1 };
	struct tm end = start;
	if (month == 12) {
		end.tm_year++;
		end.tm_mon = 0;
	} else {
		end.tm_mon++;
	}
	m->year = year;
	m->month = month;
	m->start_ms = (long long)timegm(&start) * 1000;
	m->end_ms = (long long)timegm(&end) * 1000;
	snprintf(m->label, sizeof m->label, "%04d-%02d", year, month);
	snprintf(m->start, sizeof m->start, "%04d-%02d-01 00:00:00", year, month);
	snprintf(m->end, sizeof m->end, "%04d-%02d-01 00:00:00", end.tm_year + 1900, end.tm_mon + 1);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int billing_month_parse(const char *text, struct billing_month *m)
{
	if (text == NULL || strlen(text) != 7 || !digits(text, 4) || text[4] != '-'
	    || !digits(text + 5, 2))
		return -1;
	int year = atoi(text);
	int month = (text[5] - '0') * 10 + (text[6] - '0');
	if (year < 1970 || year > 9998 || month < 1 || month > 12)
		return -1;
	month_set(m, year, month);
	return 0;
}

void billing_month_of(long long at_ms, struct billing_month *m)
{
	time_t seconds = (time_t)(at_ms / 1000);
	struct tm tm;
	gmtime_r(&seconds, &tm);
	month_set(m, tm.tm_year + 1900, tm.tm_mon + 1);
}

void billing_month_previous(const struct billing_month *m, struct billing_month *prev)
{
	if (m->month == 1)
		month_set(prev, m->year - 1, 12);
	else
		month_set(prev, m->year, m->month - 1);
}

long long billing_cutoff_ms(const struct billing_month *m, long long now_ms)
{
	return now_ms < m->end_ms ? now_ms : m->end_ms;
}

long long billing_session_minutes(long long created_ms, long long closed_ms, long long cutoff_ms)
{
	long long end = (closed_ms < 0 || closed_ms > cutoff_ms) ? cutoff_ms : closed_ms;
	long long ms = end - created_ms;
	if (ms <= 0)
		return 1;
	long long minutes = ms / MS_PER_MINUTE + (ms % MS_PER_MINUTE != 0);
	return minutes < 1 ? 1 : minutes;
}

int billing_unit_parse(const char *text, enum billing_unit *unit)
{
	if (text != NULL && strcmp(text, "minute") == 0) {
		*unit = BILLING_PER_MINUTE;
		return 0;
	}
	if (text != NULL && strcmp(text, "session") == 0) {
		*unit = BILLING_PER_SESSION;
		return 0;
	}
	return -1;
}

const char *billing_unit_name(enum billing_unit unit)
{
	return unit == BILLING_PER_SESSION ? "session" : "minute";
}

void billing_totals_init(struct billing_totals *t)
{
	memset(t, 0, sizeof *t);
}

int billing_add_session(const struct billing_terms *terms, struct billing_totals *t,
			long long minutes, long long *quantity, long long *amount_cents)
{
	long long q = terms->unit == BILLING_PER_SESSION ? 1 : minutes;
	long long amount;
	if (__builtin_mul_overflow(q, terms->rate_cents, &amount)
	    || __builtin_add_overflow(t->usage_cents, amount, &t->usage_cents)
	    || __builtin_add_overflow(t->minutes, minutes, &t->minutes))
		return -1;
	t->sessions++;
	t->quantity += q;
	*quantity = q;
	*amount_cents = amount;
	return 0;
}

/* A call of either kind (in the browser, over the telephone): billed by the
 * minute at its own rate, counted in its own totals. */
static int add_minutes(long long minutes, long long rate_cents, long long *total_cents,
		       long long *total_minutes, long long *count, long long *amount_cents)
{
	long long amount;
	if (__builtin_mul_overflow(minutes, rate_cents, &amount)
	    || __builtin_add_overflow(*total_cents, amount, total_cents)
	    || __builtin_add_overflow(*total_minutes, minutes, total_minutes))
		return -1;
	(*count)++;
	*amount_cents = amount;
	return 0;
}

int billing_add_call(const struct billing_terms *terms, struct billing_totals *t,
		     long long minutes, long long *amount_cents)
{
	return add_minutes(minutes, terms->call_rate_cents, &t->call_cents, &t->call_minutes,
			   &t->calls, amount_cents);
}

int billing_add_event(const struct billing_terms *terms, struct billing_totals *t,
		      long long attendees, long long seat_minutes, long long *quantity,
		      long long *amount_cents)
{
	long long q = terms->event_unit == BILLING_PER_SEAT_MINUTE ? seat_minutes : attendees;
	long long amount;
	if (q < 0 || __builtin_mul_overflow(q, terms->event_rate_cents, &amount)
	    || __builtin_add_overflow(t->event_cents, amount, &t->event_cents)
	    || __builtin_add_overflow(t->event_attendees, attendees, &t->event_attendees)
	    || __builtin_add_overflow(t->event_seat_minutes, seat_minutes, &t->event_seat_minutes))
		return -1;
	t->events++;
	*quantity = q;
	*amount_cents = amount;
	return 0;
}

int billing_add_phone_call(const struct billing_terms *terms, struct billing_totals *t,
			   long long minutes, long long *amount_cents)
{
	return add_minutes(minutes, terms->phone_rate_cents, &t->phone_cents, &t->phone_minutes,
			   &t->phone_calls, amount_cents);
}

int billing_event_unit_parse(const char *text, enum billing_event_unit *unit)
{
	if (text != NULL && strcmp(text, "attendee") == 0)
		*unit = BILLING_PER_ATTENDEE;
	else if (text != NULL && strcmp(text, "seat_minute") == 0)
		*unit = BILLING_PER_SEAT_MINUTE;
	else
		return -1;
	return 0;
}

const char *billing_event_unit_key(enum billing_event_unit unit)
{
	return unit == BILLING_PER_SEAT_MINUTE ? "seat_minute" : "attendee";
}

const char *billing_event_unit_name(enum billing_event_unit unit)
{
	return unit == BILLING_PER_SEAT_MINUTE ? "seat-minute" : "attendee";
}

int billing_finish(const struct billing_terms *terms, struct billing_totals *t, bool minimum_applies)
{
	long long used;
	if (__builtin_add_overflow(t->usage_cents, t->call_cents, &used)
	    || __builtin_add_overflow(used, t->event_cents, &used)
	    || __builtin_add_overflow(used, t->phone_cents, &used))
		return -1;
	t->minimum_lift_cents = 0;
	if (minimum_applies && terms->minimum_cents > used)
		t->minimum_lift_cents = terms->minimum_cents - used;
	return __builtin_add_overflow(used, t->minimum_lift_cents, &t->total_cents) ? -1 : 0;
}

long long billing_share_cents(long long total_cents, long long share_basis_points)
{
	long long product;
	if (total_cents < 0 || share_basis_points < 0
	    || __builtin_mul_overflow(total_cents, share_basis_points, &product)
	    || __builtin_add_overflow(product, 5000LL, &product))
		return -1;
	return product / 10000;
}

int billing_parse_percent(const char *text, long long *basis_points)
{
	if (text == NULL || *text == '\0')
		return -1;
	const char *dot = strchr(text, '.');
	size_t whole_len = dot ? (size_t)(dot - text) : strlen(text);
	size_t frac_len = dot ? strlen(dot + 1) : 0;
	if (whole_len == 0 || whole_len > 3 || !digits(text, whole_len)
	    || (dot && (frac_len == 0 || frac_len > 2 || !digits(dot + 1, frac_len))))
		return -1;
	long long whole = strtoll(text, NULL, 10);
	long long frac = 0;
	if (frac_len > 0)
		frac = (dot[1] - '0') * 10 + (frac_len == 2 ? dot[2] - '0' : 0);
	long long bp = whole * 100 + frac;
	if (bp > 10000)
		return -1;
	*basis_points = bp;
	return 0;
}

void billing_format_percent(long long basis_points, char out[32])
{
	billing_format_cents(basis_points, out); /* the same shape: two decimals */
}

int billing_parse_cents(const char *text, long long max, long long *cents)
{
	if (text == NULL || *text == '\0' || strlen(text) > 15 || !digits(text, strlen(text)))
		return -1;
	long long v = strtoll(text, NULL, 10);
	if (v > max)
		return -1;
	*cents = v;
	return 0;
}

int billing_parse_money(const char *text, long long max, long long *cents)
{
	if (text == NULL || *text == '\0')
		return -1;
	const char *dot = strchr(text, '.');
	size_t whole_len = dot ? (size_t)(dot - text) : strlen(text);
	size_t frac_len = dot ? strlen(dot + 1) : 0;
	if (whole_len == 0 || whole_len > 12 || !digits(text, whole_len)
	    || (dot && (frac_len == 0 || frac_len > 2 || !digits(dot + 1, frac_len))))
		return -1;
	long long whole = strtoll(text, NULL, 10);
	long long frac = 0;
	if (frac_len > 0)
		frac = (dot[1] - '0') * 10 + (frac_len == 2 ? dot[2] - '0' : 0);
	long long v = whole * 100 + frac;
	if (v > max)
		return -1;
	*cents = v;
	return 0;
}

void billing_format_cents(long long cents, char out[32])
{
	unsigned long long magnitude = cents < 0 ? 0ULL - (unsigned long long)cents
						 : (unsigned long long)cents;
	snprintf(out, 32, "%s%llu.%02llu", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

bool billing_currency_valid(const char *text)
{
	if (text == NULL || strlen(text) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (text[i] < 'A' || text[i] > 'Z')
			return false;
	return true;
}
