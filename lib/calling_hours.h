/* calling_hours.h - when a client's customers may be called: spans of a
 * weekday in the client's time zone ("mon-fri 09:00-17:00, sat
 * 10:00-13:00"), read and written as text by baton-admin and the admin
 * pages, and checked by the dialer. No spans: any time. */
#ifndef BATON_CALLING_HOURS_H
#define BATON_CALLING_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct buf;

enum { CALLING_HOURS_MAX = 32 };

struct hours_span {
	int weekday;   /* 1 Monday .. 7 Sunday */
	int opens;     /* seconds after midnight */
	int closes;    /* after opens; 86400 for midnight */
};

/* Parses "always", or comma-separated "DAY[-DAY] HH:MM-HH:MM" (days: mon
 * tue wed thu fri sat sun). Returns the number of spans, or -1 with
 * *error a sentence saying what is wrong. */
int calling_hours_parse(const char *text, struct hours_span *out, size_t max, const char **error);
/* The spans as text the parser reads back ("always" when none). */
void calling_hours_format(const struct hours_span *spans, size_t n, struct buf *out);

/* True when zone names a time zone of the system's tz database. */
bool calling_hours_zone_valid(const char *zone);
/* Is the moment t inside one of the spans, read in zone? */
bool calling_hours_open(const struct hours_span *spans, size_t n, const char *zone, time_t t);
/* The first moment at or after t that is inside a span (t itself when
 * open; t when there are no spans; -1 when no span ever opens). */
time_t calling_hours_next_open(const struct hours_span *spans, size_t n, const char *zone, time_t t);

#endif
