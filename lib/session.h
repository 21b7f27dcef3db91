/* session.h - staff sign-in sessions: random tokens, stored only hashed,
 * carried in an HttpOnly SameSite=Lax cookie, with idle and absolute expiry. */
#ifndef BATON_SESSION_H
#define BATON_SESSION_H

#include <stdbool.h>

#include "request.h"

#define SESSION_COOKIE "baton_session"
#define FORM_CSRF_COOKIE "baton_csrf"

/* Loads r->session from the cookie (NULL when absent, expired or ended).
 * Returns a db_status. */
int session_load(struct request *r);
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
