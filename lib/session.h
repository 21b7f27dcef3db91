/* session.h - staff sign-in sessions: random tokens, stored only hashed,
 * carried in an HttpOnly SameSite=Lax cookie, with idle and absolute expiry. */
#ifndef BATON_SESSION_H
#define BATON_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "request.h"

struct config;

#define SESSION_COOKIE "baton_session"
#define FORM_CSRF_COOKIE "baton_csrf"

/* Loads r->session from the cookie (NULL when absent, expired or ended).
 * Returns a db_status. */
int session_load(struct request *r);
/* For the poll program, which holds staff members' re-polls from memory
 * (lib/poll_engine.h, struct pass) and asks per host, not per poll. Of the n
 * session ids, those that no longer count (staff_session_valid: signed
 * out, lapsed, agent disabled, client or reseller suspended) go to *ended,
 * one per row in column 0. Returns a db_status. */
int session_ids_ended(struct db *db, struct pool *pool, const long long *ids, size_t n,
		      struct db_rows *ended);
/* Stamps the n sessions as seen, each at most once a minute, as a request
 * that looks its session up does; their idle deadline moves with it.
 * Returns a db_status. */
int session_ids_touch(struct db *db, const struct config *cfg, struct pool *pool,
		      const long long *ids, size_t n);
/* Starts a session for agent_id and sets the cookie. Returns a db_status. */
int session_start(struct request *r, long long agent_id);
/* Ends r->session and clears the cookie. Returns a db_status. */
int session_end(struct request *r);

/* The token for forms of people without a session (double-submit: a
 * random value in a SameSite=Strict cookie that the form must echo); made
 * and set as a cookie when the browser has none. NULL on failure. */
const char *form_csrf_token(struct request *r);

/* True when the request's Origin (or Referer) is absent or our own. */
bool request_same_origin(const struct request *r);

#endif
