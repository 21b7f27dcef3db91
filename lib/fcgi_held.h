/* fcgi_held.h - a FastCGI request kept by its connection alone, for the
 * polls the poll program holds (lib/poll_engine.h). fcgi2 gives every
 * request about 17 KB of stream buffers and its parameters; 10,000 polls
 * held for 25 s kept 170 MB of them for nothing, since a held poll's
 * parameters are read and what it waits for is copied (struct
 * feed_watch). A held request's answer is written as FastCGI records
 * straight to its connection, which is then closed, or kept for the web
 * server's next request when it asked to keep it (lib/fcgi_kept.h). */
#ifndef BATON_FCGI_HELD_H
#define BATON_FCGI_HELD_H

#include <fcgiapp.h>
#include <stdbool.h>
#include <stddef.h>

struct fcgi_held {
	int fd;          /* the web server's connection */
	int request_id;  /* its FastCGI request id */
	bool keep;       /* the web server keeps the connection (FCGI_KEEP_CONN) */
};

/* The connection of an accepted request whose answer has not begun. */
struct fcgi_held fcgi_held_of(const FCGX_Request *fcgi);

/* Frees everything of an accepted request but its connection, which now
 * belongs to its struct fcgi_held. */
void fcgi_release(FCGX_Request *fcgi);

/* Writes the whole answer, `len` bytes of CGI head and body, and the end
 * of the request. Returns 0, or -1 when the connection failed (the web
 * server has gone: then there is no one to tell). */
int fcgi_held_answer(const struct fcgi_held *held, const char *data, size_t len);

/* Closes the connection once the web server has closed its end (as
 * fcgi2's own finish does, waiting up to 2 s), so that it reads the whole
 * answer: a round answers everyone before it closes anyone. */
void fcgi_held_close(const struct fcgi_held *held);

/* Closes the connection at once: its client has gone. */
void fcgi_held_drop(const struct fcgi_held *held);

#endif
