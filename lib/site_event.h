/* site_event.h - what a client's web site tells Baton about one of its
 * customers, server to server: a form-encoded POST to /track signed with
 * the site's secret (baton-admin site secret), e.g.
 *
 *   site=KEY&time=1765000000&customer=C-1042&event=customer&orders=3&plan=gold&sig=HEX
 *
 * sig, always the last field, is the HMAC-SHA256 (lower-case hex) under the
 * site's secret of every byte of the body before "&sig=". time (Unix
 * seconds) must be within SITE_EVENT_SKEW seconds of Baton's clock, so a
 * captured body cannot be replayed later. INSTALL has the recipe. */
#ifndef BATON_SITE_EVENT_H
#define BATON_SITE_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct pool;

enum { SITE_EVENT_SKEW = 300, SITE_EVENT_NAME_MAX = 40 };

struct site_event {
	const char *site_key;  /* the site's public key, 32 hex */
	long long time;        /* when the site signed it, Unix seconds */
	const char *customer;  /* the site's own id for the customer */
	const char *event;     /* a name: letters, digits, '-', '_', '.' */
	const char *name;      /* what the site knows of them; NULL when not said */
	const char *email;
	const char *plan;
	long long orders;      /* -1 when not said */
	const char *detail;    /* free text for the trail, NULL when none */
	const char *signed_part; /* the body before "&sig=" (NUL-terminated copy) */
	const char *sig;       /* 64 lower-case hex */
};

/* Parses a signed event body of len bytes. Returns 0, or -1 with a message
 * for the site in *error (a malformed body, a missing field, no signature).
 * It does not check the signature or the time: site_event_signed_by() and
 * site_event_fresh() do, once the site's secret is known. */
int site_event_parse(struct pool *pool, const char *body, size_t len, struct site_event *ev,
		     const char **error);

/* Whether ev's signature is the HMAC of its signed part under secret. */
bool site_event_signed_by(const struct site_event *ev, const char *secret);

/* Whether ev was signed within SITE_EVENT_SKEW seconds of now. */
bool site_event_fresh(const struct site_event *ev, time_t now);

/* Whether name is a valid event name (the site script's too). */
bool site_event_name_valid(const char *name);

#endif
