/* io.h - one interface over the two ways a program is run: FastCGI (many
 * requests per process) and plain CGI (one request, environment and stdio). */
#ifndef BATON_IO_H
#define BATON_IO_H

#include <stddef.h>

struct FCGX_Request;

struct io {
	struct FCGX_Request *fcgi; /* NULL under plain CGI */
};

/* A CGI meta-variable such as "REQUEST_METHOD" or "HTTP_COOKIE"; NULL if unset. */
const char *io_param(const struct io *io, const char *name);
/* Reads up to n body bytes; returns the count, 0 at end, -1 on error. */
long io_read(struct io *io, char *buf, size_t n);
int io_write(struct io *io, const void *data, size_t n);

#endif
