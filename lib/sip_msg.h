/* sip_msg.h - SIP messages (RFC 3261) as the dialer reads them from the
 * network: a request or response line, headers and a body. Parsing copies
 * the datagram and splits it in place, so every field is a NUL-terminated
 * string inside the message; nothing outside it is ever read or written.
 * Fuzzed by t/fuzz/sip_msg.c. */
#ifndef BATON_SIP_MSG_H
#define BATON_SIP_MSG_H

#include <stdbool.h>
#include <stddef.h>

enum {
	SIP_MAX_MESSAGE = 16384,   /* larger datagrams are refused */
	SIP_MAX_HEADERS = 80,
	SIP_MAX_VALUES = 16,       /* comma-separated values of one header */
};

struct sip_header {
	const char *name;   /* full name, as sent (compact forms expanded) */
	char *value;        /* trimmed; continuation lines joined */
};

struct sip_msg {
	char *text;         /* the copy the fields point into (owned) */
	bool is_request;
	const char *method; /* requests */
	const char *uri;
	int status;         /* responses */
	const char *reason;
	struct sip_header headers[SIP_MAX_HEADERS];
	size_t header_count;
	const char *body;   /* Content-Length bytes, NUL-terminated copy */
	size_t body_len;
	/* Found once by sip_parse: every transaction needs them. */
	const char *call_id;
	long cseq;
	const char *cseq_method;
	const char *from;
	const char *to;
	const char *via;    /* the top Via value */
};

/* Parses len bytes; 0, or -1 with *error saying what is wrong (for the log;
 * a request that fails gets 400). A message lacking Call-ID, CSeq, From,
 * To or Via fails. Free with sip_msg_free even after a failure. */
int sip_parse(struct sip_msg *m, const char *data, size_t len, const char **error);
void sip_msg_free(struct sip_msg *m);

/* The first header of that name (case-insensitive; compact forms match
 * their long names), or NULL. */
const char *sip_header(const struct sip_msg *m, const char *name);
/* Every value of every header of that name, split at commas that are not
 * inside <...> or quotes, in order; returns how many (at most max). The
 * values are copied into buf (of size bufsize); values that do not fit
 * are dropped. */
size_t sip_header_values(const struct sip_msg *m, const char *name, char **out, size_t max,
			 char *buf, size_t bufsize);

/* A parameter of a header value (";tag=x" after the URI, outside <...>):
 * copies it into out and returns true, or false when absent or too long.
 * A parameter without a value gives "". */
bool sip_param(const char *value, const char *param, char *out, size_t size);
/* The URI in a name-addr ("Name" <sip:a@b>;tag=1) or addr-spec
 * (sip:a@b;tag=1) value, copied into out; false if none fits. */
bool sip_value_uri(const char *value, char *out, size_t size);
/* The user part of a sip: or sips: URI (before '@'), without parameters;
 * false if the URI has none or it does not fit. */
bool sip_uri_user(const char *uri, char *out, size_t size);
/* The host[:port] of a sip: URI, without parameters or headers. */
bool sip_uri_hostport(const char *uri, char *out, size_t size);

/* The digit a SIP INFO body carries (application/dtmf-relay "Signal=5",
 * or application/dtmf "5"): '0'-'9', '*', '#', 'A'-'D', or 0 for none. */
char sip_info_digit(const char *content_type, const char *body);

#endif
