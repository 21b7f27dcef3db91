/* fcgi_kept.h - the connections a web server keeps open to the poll
 * program between requests (nginx's fastcgi_keep_conn), watched together
 * with the listening socket: the next request comes on either.
 * A browser's feed asks again the moment it is answered, so 10,000 polls
 * held for 25 s are 400 re-polls a second; each on a new connection cost
 * nginx and the program a socket, a connect, an accept, a shutdown and a
 * close, two thirds of their CPU at idle (bench/RESULTS.md, "Reading of
 * the 17:00 and 17:04 runs"). A kept connection carries the next request
 * instead (measured: "Kept connections to the poll program").
 * Used by the poll program's acceptors (cgi-bin/poll.c), all waiting on
 * it at once: each connection with a request, and the listener, is
 * reported to one of them (EPOLLONESHOT), so they need no lock and no
 * turn (a lock's hand-overs were two futex calls a re-poll).
 * Tests: t/unit/fcgi_kept.c, t/poll-kept.t. */
#ifndef BATON_FCGI_KEPT_H
#define BATON_FCGI_KEPT_H

#include <fcgiapp.h>

struct fcgi_kept {
	int epoll;     /* the kept connections and the listener */
	int listener;  /* the listening socket, never closed here */
};

/* What fcgi_kept_next found, besides a kept connection's descriptor. */
enum { FCGI_KEPT_NOTHING = -1, FCGI_KEPT_LISTENER = -2 };

/* Watches the listener. Returns 0, or -1 (errno set). */
int fcgi_kept_open(struct fcgi_kept *k, int listener);

/* Waits up to timeout_ms for what comes next: FCGI_KEPT_LISTENER when a
 * new connection waits to be accepted (the listener is no longer watched:
 * the caller accepts, then calls fcgi_kept_listen_again), the descriptor
 * of a kept connection whose next request has begun to arrive (no longer
 * watched: the caller reads the request, then keeps the connection again
 * or closes it), or FCGI_KEPT_NOTHING. A kept connection the web server
 * has closed is closed here, and is nothing. */
int fcgi_kept_next(struct fcgi_kept *k, int timeout_ms);

/* Watches the listener again, after an accept. */
void fcgi_kept_listen_again(struct fcgi_kept *k);

/* Watches a connection whose request has been answered, for the next. */
void fcgi_kept_keep(struct fcgi_kept *k, int fd);

/* Prepares *fcgi to read the request that has begun on kept connection fd
 * (fcgi_kept_next), as FCGX_Accept_r does for a new one. Returns 0, or
 * less when the connection failed: fcgi2 has closed it. */
int fcgi_accept_kept(FCGX_Request *fcgi, int fd);

/* Reads what is left of a request's input (FCGI_STDIN) to its end, when
 * its connection is to be kept: the next request's records come after it,
 * and a kept connection reported with the rest of this one's on it would
 * have its reader wait for a request that may never come. The poll
 * program reads no input (a GET), so a body is a hostile client's, at
 * most client_max_body_size, which nginx has read before passing it on. */
void fcgi_kept_skip_input(FCGX_Request *fcgi);

#endif
