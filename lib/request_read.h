/* request_read.h - the parsing steps program.c runs before any handler. */
#ifndef BATON_REQUEST_READ_H
#define BATON_REQUEST_READ_H

#include "request.h"

/* Method, path, addresses, cookies and query string. Returns 0, or an HTTP
 * status with *error set to a message for the client. */
int request_read_head(struct request *r, const char **error);
/* The urlencoded body of a POST, within max_body_bytes. Same returns. */
int request_read_body(struct request *r, const char **error);

#endif
