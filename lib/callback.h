/* callback.h - call-backs: a visitor leaves a number (now, or at a
 * preferred time) and is called by the dialer once an agent accepts. The
 * request waits in the client's one queue, "deferred" (out of routing)
 * until it is due: its preferred time has come, the retry rule's pause
 * after a try is over, and the client's calling hours are open. */
#ifndef BATON_CALLBACK_H
#define BATON_CALLBACK_H

#include <stdbool.h>
#include <time.h>

#include "helpreq.h"

struct config;

struct db;
struct pool;

struct callback_form {
	const char *phone;       /* as typed */
	time_t preferred;        /* 0: as soon as possible */
	const char *email;       /* optional: for the session link and for news */
	const char *name;
	const char *question;
	const char *page_url;
};

enum { CALLBACK_INVALID = -40, CALLBACK_OFF = -41 };

/* A new call-back for the visitor of the site; a visitor already waiting
 * (a chat request) has that request become the call-back. Sets
 * *public_id. Returns a db_status, CALLBACK_OFF when the client takes no
 * calls, or CALLBACK_INVALID with *error a sentence for the visitor. */
int callback_request(struct request *r, const struct site_info *site, long long visitor_id,
		     const struct callback_form *form, const char **public_id, const char **error);
/* A waiting visitor's request becomes a call-back (the waiting page's
 * "Call me back instead"). Same returns, and HELPREQ_CLOSED. */
int callback_convert(struct request *r, const struct request_status *st,
		     const struct callback_form *form, const char **error);

/* Does the client take calls (a help number or a caller ID is set)? */
int callback_enabled(struct db *db, struct pool *pool, long long client_id, bool *enabled);

/* What the waiting page says of a call-back. */
struct callback_status {
	const char *phone;
	bool due;                /* offered to agents now */
	time_t next_call;        /* when it will be due (0: now) */
	long long attempts, tries;
};
int callback_status(struct db *db, struct pool *pool, long long request_id,
		    struct callback_status *out);

/* A try failed (busy, no answer, unreachable number): the call-back goes
 * back to the list until now + the client's pause, or is marked
 * unreachable after the last try (and the visitor told). */
struct callback_attempt {
	long long attempts, tries;
	bool unreachable;
	char next_at_text[24];   /* "2024-05-01 14:40" (UTC) */
};
int callback_attempt_failed(struct db *db, const struct config *cfg, struct pool *pool,
			    long long request_id, time_t now, struct callback_attempt *out);

/* The dialer's pass over every client's call-backs: each due one is
 * offered (routed like a chat), each not due held back. now is the
 * dialer's clock. Returns a db_status. */
int callback_due_pass(struct db *db, struct pool *pool, time_t now);

#endif
