/* ics.h - one event as an iCalendar file (RFC 5545), for the confirmation
 * of a scheduled session: times in UTC, text escaped, lines folded at 75
 * octets, CRLF line ends. Pinned by t/unit/ics.c. */
#ifndef BATON_ICS_H
#define BATON_ICS_H

#include <time.h>

#include "buf.h"

struct ics_event {
	const char *uid;          /* unique and stable: a second file with it updates the first */
	time_t stamp;             /* when the file was made */
	time_t start;
	int minutes;
	const char *summary;      /* UTF-8 */
	const char *description;  /* UTF-8, may hold line breaks */
	const char *url;          /* may be NULL */
};

void ics_build(const struct ics_event *e, struct buf *out);

#endif
