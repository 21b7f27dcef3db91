/* Unit tests of lib/ics.c: the exact bytes of the calendar file sent with
 * an appointment's confirmation (RFC 5545). */
#include "ics.h"
#include "tap.h"

int main(void)
{
	struct ics_event e = {
		.uid = "0123456789abcdef0123456789abcdef@baton.test",
		.stamp = 1796522715,  /* 2026-12-06 02:05:15 UTC */
		.start = 1796655600,  /* 2026-12-07 15:00:00 UTC */
		.minutes = 30,
		.summary = "Help session with O'Brien; Sons, Ltd",
		.description = "Your question: where is order 4711?\nJoin at the time: \\o/ "
			       "https://help.example.com/rejoin?r=0123456789abcdef0123456789abcdef&k=fedcba9876543210fedcba9876543210 "
			       "caf\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9",
		.url = "https://help.example.com/rejoin?r=0123456789abcdef0123456789abcdef&k=fedcba9876543210fedcba9876543210",
	};
	struct buf b;
	buf_init(&b);
	ics_build(&e, &b);
	is_str(b.data,
	       "BEGIN:VCALENDAR\r\n"
	       "VERSION:2.0\r\n"
	       "PRODID:-//Baton//Scheduled sessions//EN\r\n"
	       "METHOD:PUBLISH\r\n"
	       "CALSCALE:GREGORIAN\r\n"
	       "BEGIN:VEVENT\r\n"
	       "UID:0123456789abcdef0123456789abcdef@baton.test\r\n"
	       "DTSTAMP:20261206T020515Z\r\n"
	       "DTSTART:20261207T150000Z\r\n"
	       "DTEND:20261207T153000Z\r\n"
	       "SUMMARY:Help session with O'Brien\\; Sons\\, Ltd\r\n"
	       "DESCRIPTION:Your question: where is order 4711?\\nJoin at the time: \\\\o/ htt\r\n"
	       " ps://help.example.com/rejoin?r=0123456789abcdef0123456789abcdef&k=fedcba98\r\n"
	       " 76543210fedcba9876543210 caf\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\r\n"
	       "URL:https://help.example.com/rejoin?r=0123456789abcdef0123456789abcdef&k=fe\r\n"
	       " dcba9876543210fedcba9876543210\r\n"
	       "END:VEVENT\r\n"
	       "END:VCALENDAR\r\n",
	       "escaped text, UTC times, 30 minutes long, folded at 75 octets");
	/* A fold never splits a character: a line of two-byte characters. */
	buf_clear(&b);
	char summary[200] = "";
	for (int i = 0; i < 50; i++)
		strcat(summary, "\xc3\xa9");
	e.summary = summary;
	e.description = NULL;
	e.url = NULL;
	ics_build(&e, &b);
	const char *s = strstr(b.data, "SUMMARY:");
	const char *fold = strstr(s, "\r\n ");
	ok(fold != NULL && fold - s == 74, "the first fold of a line of é comes at 74 octets (%d)",
	   fold ? (int)(fold - s) : -1);
	buf_free(&b);
	return done_testing();
}
