/* mail_parse.h - reads one incoming e-mail (from outside: hostile until
 * proven otherwise) into what Baton needs: who sent it, what it answers,
 * whether a machine sent it, its text in UTF-8, its attachments, and, for
 * a bounce, which delivery failed and why. MIME multiparts (nested, with
 * limits), RFC 2047 headers, quoted-printable and base64, any charset
 * iconv knows (invalid bytes become U+FFFD). Fuzzed by t/fuzz/mail_parse.c. */
#ifndef BATON_MAIL_PARSE_H
#define BATON_MAIL_PARSE_H

#include <stdbool.h>
#include <stddef.h>

struct pool;

struct mail_attachment_in {
	const char *filename;      /* UTF-8, never empty ("attachment" when unnamed) */
	const char *content_type;  /* lower case type/subtype */
	const char *data;
	size_t len;
};

struct mail_in {
	const char *from_address;  /* lower-cased domain; NULL when there is none usable */
	const char *from_name;     /* UTF-8, may be NULL */
	const char *reply_to;      /* an address, or NULL */
	const char *subject;       /* UTF-8, one line, may be "" */
	const char *message_id;    /* without <>, or NULL */
	const char *in_reply_to;   /* the first id, without <>, or NULL */
	const char *references;    /* ids without <>, space-separated, or NULL */
	/* Signs that no person wrote it (RFC 3834 and common practice). */
	const char *auto_submitted;  /* the header's value, lower case, or NULL */
	const char *precedence;      /* lower case, or NULL */
	bool autoreply_header;       /* X-Autoreply, X-Autorespond, X-Auto-Response-Suppress */
	bool list_header;            /* List-Id or List-Unsubscribe: mail from a list */
	bool from_mailer_daemon;     /* From MAILER-DAEMON / postmaster, or a bounce's type */
	/* The text a person reads: the text/plain part, else the HTML one as
	 * text; UTF-8 with \n line ends. */
	const char *text;
	size_t text_len;
	struct mail_attachment_in *attachments;
	size_t attachment_count;
	size_t attachment_bytes;
	/* A delivery status report (RFC 3464): the failed recipient, its
	 * status and the reason given. */
	bool delivery_report;
	bool delivery_failed;        /* Action: failed */
	const char *failed_recipient;
	const char *delivery_status; /* e.g. "5.1.1" */
	const char *delivery_reason; /* Diagnostic-Code, else the status */
};

struct mail_parse_limits {
	size_t max_parts;        /* MIME parts in all (e.g. 100) */
	size_t max_depth;        /* nested multiparts (e.g. 8) */
	size_t max_headers;      /* header fields per part (e.g. 500) */
};

/* Parses raw[0..len). Returns 0, or -1 with a reason for the log in
 * *error ("no header", "too many MIME parts", ...). Everything it returns
 * is in pool. */
int mail_parse(struct pool *pool, const char *raw, size_t len,
	       const struct mail_parse_limits *limits, struct mail_in *out, const char **error);

/* The visitor's own words of a reply: the text without the quoted message
 * below it ("On ... wrote:" and the ">" lines after it, or an
 * "-----Original Message-----" block). Returns a pool copy. */
const char *mail_strip_quote(struct pool *pool, const char *text);

/* Whether a parsed message was sent by a machine (auto-reply, bounce, list,
 * bulk): Baton never answers those. */
bool mail_is_automatic(const struct mail_in *m);

#endif
