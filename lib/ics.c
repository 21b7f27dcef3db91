/* ics.c - an iCalendar event (see ics.h). */
#include "ics.h"

#include <string.h>

enum { FOLD_OCTETS = 75 };

static void stamp(struct buf *out, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(out, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		   tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Appends a content line, folded: no line over 75 octets, never inside a
 * UTF-8 character, continuation lines starting with a space. */
static void line(struct buf *out, const char *text)
{
	size_t len = strlen(text), used = 0, limit = FOLD_OCTETS;
	while (len - used > limit) {
		size_t n = limit;
		while (n > 0 && ((unsigned char)text[used + n] & 0xc0) == 0x80)
			n--;
		buf_append(out, text + used, n);
		buf_puts(out, "\r\n ");
		used += n;
		limit = FOLD_OCTETS - 1; /* the space counts */
	}
	buf_append(out, text + used, len - used);
	buf_puts(out, "\r\n");
}

/* NAME:TEXT with TEXT escaped (backslash, semicolon, comma, line breaks). */
static void text_line(struct buf *out, const char *name, const char *value)
{
	struct buf l;
	buf_init(&l);
	buf_printf(&l, "%s:", name);
	for (const char *p = value; *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			buf_putc(&l, '\\');
			buf_putc(&l, *p);
		} else if (*p == '\n') {
			buf_puts(&l, "\\n");
		} else if (*p != '\r') {
			buf_putc(&l, *p);
		}
	}
	line(out, l.data);
	buf_free(&l);
}

static void time_line(struct buf *out, const char *name, time_t t)
{
	struct buf l;
	buf_init(&l);
	buf_printf(&l, "%s:", name);
	stamp(&l, t);
	line(out, l.data);
	buf_free(&l);
}

void ics_build(const struct ics_event *e, struct buf *out)
{
	line(out, "BEGIN:VCALENDAR");
	line(out, "VERSION:2.0");
	line(out, "PRODID:-//Baton//Scheduled sessions//EN");
	line(out, "METHOD:PUBLISH");
	line(out, "CALSCALE:GREGORIAN");
	line(out, "BEGIN:VEVENT");
	text_line(out, "UID", e->uid);
	time_line(out, "DTSTAMP", e->stamp);
	time_line(out, "DTSTART", e->start);
	time_line(out, "DTEND", e->start + (time_t)e->minutes * 60);
	text_line(out, "SUMMARY", e->summary);
	if (e->description != NULL)
		text_line(out, "DESCRIPTION", e->description);
	if (e->url != NULL) {
		struct buf l;
		buf_init(&l);
		buf_printf(&l, "URL:%s", e->url);
		line(out, l.data);
		buf_free(&l);
	}
	line(out, "END:VEVENT");
	line(out, "END:VCALENDAR");
}
