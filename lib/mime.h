/* mime.h - builds one e-mail message (RFC 5322 and MIME) from its parts:
 * UTF-8 text and HTML alternatives, attachments (a calendar file), and the
 * headers Baton sets. Headers with other than plain ASCII are encoded
 * (RFC 2047), bodies are quoted-printable, attachments base64; every line
 * ends in CRLF and none is longer than 78 characters. The bytes are pinned
 * by t/unit/mime.c. */
#ifndef BATON_MIME_H
#define BATON_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

struct mime_attachment {
	const char *content_type; /* e.g. "text/calendar; charset=UTF-8; method=PUBLISH" */
	const char *filename;     /* ASCII, e.g. "appointment.ics" */
	const char *data;
	size_t len;
	bool inline_part;         /* Content-Disposition inline (calendars) or attachment */
};

struct mime_message {
	const char *from_name;      /* display names: UTF-8, may be NULL */
	const char *from_address;
	const char *to_name;
	const char *to_address;
	const char *reply_to;       /* an address, or NULL */
	const char *subject;        /* UTF-8 */
	const char *message_id;     /* without <> */
	const char *in_reply_to;    /* a Message-ID without <>, or NULL */
	const char *references;     /* Message-IDs without <>, space-separated, or NULL */
	time_t date;
	/* "auto-generated" (Baton's own mail), "auto-replied", or NULL for mail a
	 * person wrote (RFC 3834). */
	const char *auto_submitted;
	/* An https URL: adds List-Unsubscribe and one-click List-Unsubscribe-Post
	 * (RFC 8058), for digests. */
	const char *list_unsubscribe;
	const char *text;           /* UTF-8, required; \n or \r\n line ends */
	const char *html;           /* UTF-8, or NULL for text only */
	const struct mime_attachment *attachments;
	size_t attachment_count;
	/* Boundaries are "=_baton_" + this + a part number; 32 random hex
	 * characters when NULL (tests give a fixed one). */
	const char *boundary;
};

/* Appends the whole message to out. Returns 0, or -1 when an address or
 * identifier could not go into a header safely (it is never "cleaned":
 * a CR, LF or angle bracket in an address means a bug or an attack). */
int mime_build(const struct mime_message *m, struct buf *out);

/* True for an address Baton will put in a header: local@domain, printable
 * ASCII without spaces, quotes, angle brackets, commas or semicolons. */
bool mime_address_ok(const char *address);

/* Helpers the builder is made of, for the unit tests and the calendar. */
/* A header field "Name: value" with value encoded when it is not plain
 * ASCII, folded under 78 characters. */
void mime_header(struct buf *out, const char *name, const char *value);
void mime_quoted_printable(struct buf *out, const char *text, size_t len);
void mime_base64(struct buf *out, const char *data, size_t len);
/* RFC 5322 date in UTC: "Sun, 06 Dec 2026 02:05:15 +0000". */
void mime_date(struct buf *out, time_t t);

#endif
