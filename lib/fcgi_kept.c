/* fcgi_kept.c - the connections a web server keeps between requests
 * (fcgi_kept.h). */
#include "fcgi_kept.h"

#include <errno.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int fcgi_kept_open(struct fcgi_kept *k, int listener)
{
	k->listener = listener;
	k->epoll = epoll_create1(EPOLL_CLOEXEC);
	if (k->epoll < 0)
		return -1;
	/* Once: to the acceptor that will accept the connection, not to every
	 * acceptor while it is waiting (all but one would block in accept()). */
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.fd = listener };
	if (epoll_ctl(k->epoll, EPOLL_CTL_ADD, listener, &ev) < 0) {
		int saved = errno;
		close(k->epoll);
		k->epoll = -1;
		errno = saved;
		return -1;
	}
	return 0;
}

void fcgi_kept_listen_again(struct fcgi_kept *k)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.fd = k->listener };
	epoll_ctl(k->epoll, EPOLL_CTL_MOD, k->listener, &ev);
}

void fcgi_kept_keep(struct fcgi_kept *k, int fd)
{
	/* Once: whoever it is reported to reads the request on it. */
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.fd = fd };
	if (epoll_ctl(k->epoll, EPOLL_CTL_MOD, fd, &ev) == 0)
		return;
	if (errno == ENOENT && epoll_ctl(k->epoll, EPOLL_CTL_ADD, fd, &ev) == 0)
		return;
	/* Unwatchable (out of memory for the set): not kept. */
	close(fd);
}

int fcgi_kept_next(struct fcgi_kept *k, int timeout_ms)
{
	struct epoll_event ev;
	int n = epoll_wait(k->epoll, &ev, 1, timeout_ms);
	if (n <= 0)
		return FCGI_KEPT_NOTHING;
	int fd = ev.data.fd;
	if (fd == k->listener)
		return FCGI_KEPT_LISTENER;
	/* Readable is a request, or the web server's close (the end of the
	 * stream reads as nothing). */
	char first;
	ssize_t got = recv(fd, &first, 1, MSG_PEEK | MSG_DONTWAIT);
	if (got == 1)
		return fd;
	if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
		fcgi_kept_keep(k, fd);
		return FCGI_KEPT_NOTHING;
	}
	close(fd);
	return FCGI_KEPT_NOTHING;
}

int fcgi_accept_kept(FCGX_Request *fcgi, int fd)
{
	/* No listening socket: when the request cannot be read, fcgi2 closes
	 * the connection and its accept of a new one fails at once, rather
	 * than waiting on the listener outside the acceptors' turn. */
	FCGX_InitRequest(fcgi, -1, 0);
	fcgi->ipcFd = fd;
	/* Or FCGX_Accept_r's finish of the request before would close it. */
	fcgi->keepConnection = 1;
	return FCGX_Accept_r(fcgi);
}

void fcgi_kept_skip_input(FCGX_Request *fcgi)
{
	char skipped[4096];
	if (fcgi->keepConnection)
		while (FCGX_GetStr(skipped, sizeof skipped, fcgi->in) > 0)
			;
}
