/* response.h - building and sending responses. Output is buffered and the
 * status decided at the end, so a late error can still replace the page. */
#ifndef BATON_RESPONSE_H
#define BATON_RESPONSE_H

#include "request.h"

void resp_init(struct response *resp);
void resp_free(struct response *resp);

/* Adds a header; a value holding CR or LF is refused and logged. */
void resp_header(struct request *r, const char *name, const char *value);
/* Sets a cookie: always HttpOnly and Path=/, Secure under HTTPS (see
 * secure_cookies). max_age < 0 makes a browser-session cookie, 0 deletes. */
void resp_cookie(struct request *r, const char *name, const char *value, long max_age,
		 const char *same_site);
/* 303 See Other to a local path. */
int resp_redirect(struct request *r, const char *location);
/* Replaces the response with an error page (HTML) or {"error": ...} (JSON).
 * Returns status, so handlers can `return resp_error(...)`. */
int resp_error(struct request *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* 503 with Retry-After for when the database is unreachable. */
int resp_unavailable(struct request *r);
/* Sets a JSON body (already serialised) with status. */
int resp_json(struct request *r, int status, const char *json);
/* Writes status line, headers and body to the client. */
void resp_send(struct request *r);

const char *http_reason(int status);

#endif
