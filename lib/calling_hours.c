/* calling_hours.c - weekday spans in a client's time zone. */
#include "calling_hours.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"

static const char *const day_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* localtime_r reads the zone from TZ: one zone at a time, process-wide. */
static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;

static int day_number(const char *s, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n == 3 && strncasecmp(s, day_names[i], 3) == 0)
			return i + 1;
	return 0;
}

/* "09:00" */
static int clock_seconds(const char *s, const char **end)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != ':'
	    || !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*end = s + 5;
	return h * 3600 + m * 60;
}

int calling_hours_parse(const char *text, struct hours_span *out, size_t max, const char **error)
{
	static const char *const bad = "Give calling hours as \"always\" or like "
				       "\"mon-fri 09:00-17:00, sat 10:00-13:00\".";
	const char *p = text;
	while (*p == ' ')
		p++;
	if (strcasecmp(p, "always") == 0)
		return 0;
	size_t n = 0;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		int first = day_number(p, strcspn(p, "- "));
		p += strcspn(p, "- ");
		int last = first;
		if (*p == '-') {
			p++;
			last = day_number(p, strcspn(p, " "));
			p += strcspn(p, " ");
		}
		while (*p == ' ')
			p++;
		const char *end;
		int opens = clock_seconds(p, &end);
		int closes = opens >= 0 && *end == '-' ? clock_seconds(end + 1, &end) : -1;
		if (first == 0 || last < first || opens < 0 || closes <= opens) {
			*error = closes >= 0 && closes <= opens ? "Calling hours must close after they open."
								  : bad;
			return -1;
		}
		p = end;
		for (int d = first; d <= last; d++) {
			if (n == max) {
				*error = "Too many calling-hour spans.";
				return -1;
			}
			out[n++] = (struct hours_span){ d, opens, closes };
		}
		while (*p == ' ')
			p++;
		if (*p != ',' && *p != '\0') {
			*error = bad;
			return -1;
		}
	}
	if (n == 0) {
		*error = bad;
		return -1;
	}
	return (int)n;
}

void calling_hours_format(const struct hours_span *spans, size_t n, struct buf *out)
{
	if (n == 0) {
		buf_puts(out, "always");
		return;
	}
	/* Days in a row with the same hours as one range ("mon-fri"), as
	 * people write them and the parser reads them. */
	for (size_t i = 0, last; i < n; i = last + 1) {
		last = i;
		while (last + 1 < n && spans[last + 1].weekday == spans[last].weekday + 1
		       && spans[last + 1].opens == spans[i].opens && spans[last + 1].closes == spans[i].closes)
			last++;
		buf_printf(out, "%s%s", i ? ", " : "", day_names[spans[i].weekday - 1]);
		if (last > i)
			buf_printf(out, "-%s", day_names[spans[last].weekday - 1]);
		buf_printf(out, " %02d:%02d-%02d:%02d", spans[i].opens / 3600, spans[i].opens / 60 % 60,
			   spans[i].closes / 3600, spans[i].closes / 60 % 60);
	}
}

bool calling_hours_zone_valid(const char *zone)
{
	if (zone == NULL || *zone == '\0' || strlen(zone) > 60 || strstr(zone, "..") || zone[0] == '/')
		return false;
	for (const char *p = zone; *p; p++)
		if (!isalnum((unsigned char)*p) && strchr("_+-/", *p) == NULL)
			return false;
	if (strcmp(zone, "UTC") == 0)
		return true;
	char path[128];
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", zone);
	return access(path, R_OK) == 0;
}

/* The local weekday (1-7) and seconds after midnight of t in zone. */
static void local_time(const char *zone, time_t t, int *weekday, int *seconds)
{
	struct tm tm;
	pthread_mutex_lock(&zone_lock);
	char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	setenv("TZ", calling_hours_zone_valid(zone) ? zone : "UTC", 1);
	tzset();
	localtime_r(&t, &tm);
	if (saved != NULL) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
	pthread_mutex_unlock(&zone_lock);
	*weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
	*seconds = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

bool calling_hours_open(const struct hours_span *spans, size_t n, const char *zone, time_t t)
{
	if (n == 0)
		return true;
	int weekday, seconds;
	local_time(zone, t, &weekday, &seconds);
	for (size_t i = 0; i < n; i++)
		if (spans[i].weekday == weekday && seconds >= spans[i].opens && seconds < spans[i].closes)
			return true;
	return false;
}

time_t calling_hours_next_open(const struct hours_span *spans, size_t n, const char *zone, time_t t)
{
	if (n == 0 || calling_hours_open(spans, n, zone, t))
		return t;
	/* Minute by minute would be 10,080 checks a week; steps of the
	 * distance to the next opening in local time are exact and few. */
	for (int step = 0; step < 64; step++) {
		int weekday, seconds;
		local_time(zone, t, &weekday, &seconds);
		long best = -1;
		for (size_t i = 0; i < n; i++) {
			long days = (spans[i].weekday - weekday + 7) % 7;
			long until = days * 86400 + spans[i].opens - seconds;
			if (until <= 0)
				until += 7 * 86400;
			if (best < 0 || until < best)
				best = until;
		}
		if (best < 0)
			return -1;
		t += best;
		/* Across a daylight-saving change the local clock moved: check. */
		if (calling_hours_open(spans, n, zone, t))
			return t;
	}
	return -1;
}
