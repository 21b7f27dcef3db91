/* fcgi_held.c - a FastCGI request kept by its connection alone
 * (fcgi_held.h). The records are the FastCGI 1.0 specification's: a
 * responder's answer is its STDOUT stream, ended by an empty STDOUT
 * record, then an END_REQUEST record. */
#include "fcgi_held.h"

#include <errno.h>
#include <fastcgi.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"

/* The most content one record carries (a multiple of 8: no padding). */
enum { RECORD_CONTENT_MAX = 32768, CLOSE_WAIT_MS = 2000 };

struct fcgi_held fcgi_held_of(const FCGX_Request *fcgi)
{
	return (struct fcgi_held){ .fd = fcgi->ipcFd, .request_id = fcgi->requestId,
				   .keep = fcgi->keepConnection != 0 };
}

void fcgi_release(FCGX_Request *fcgi)
{
	FCGX_Free(fcgi, 0);
	free(fcgi);
}

static void record_header(struct buf *out, int type, int request_id, size_t len)
{
	FCGI_Header h = {
		.version = FCGI_VERSION_1,
		.type = (unsigned char)type,
		.requestIdB1 = (unsigned char)((request_id >> 8) & 0xff),
		.requestIdB0 = (unsigned char)(request_id & 0xff),
		.contentLengthB1 = (unsigned char)((len >> 8) & 0xff),
		.contentLengthB0 = (unsigned char)(len & 0xff),
	};
	buf_append(out, (const char *)&h, sizeof h);
}

/* Sends all of it, waiting while the socket's buffer is full. */
static int send_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
		if (n > 0) {
			data += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };
			if (poll(&p, 1, CLOSE_WAIT_MS) <= 0)
				return -1;
		} else {
			return -1;
		}
	}
	return 0;
}

int fcgi_held_answer(const struct fcgi_held *held, const char *data, size_t len)
{
	struct buf out;
	buf_init(&out);
	for (size_t at = 0; at < len; at += RECORD_CONTENT_MAX) {
		size_t part = len - at < RECORD_CONTENT_MAX ? len - at : RECORD_CONTENT_MAX;
		record_header(&out, FCGI_STDOUT, held->request_id, part);
		buf_append(&out, data + at, part);
	}
	record_header(&out, FCGI_STDOUT, held->request_id, 0);
	record_header(&out, FCGI_END_REQUEST, held->request_id, sizeof(FCGI_EndRequestBody));
	FCGI_EndRequestBody end = { .protocolStatus = FCGI_REQUEST_COMPLETE };
	buf_append(&out, (const char *)&end, sizeof end);
	int rc = send_all(held->fd, out.data, out.len);
	buf_free(&out);
	return rc;
}

void fcgi_held_close(const struct fcgi_held *held)
{
	if (shutdown(held->fd, SHUT_WR) == 0) {
		char trash[1024];
		struct pollfd p = { .fd = held->fd, .events = POLLIN };
		while (poll(&p, 1, CLOSE_WAIT_MS) > 0 && read(held->fd, trash, sizeof trash) > 0)
			;
	}
	close(held->fd);
}

void fcgi_held_drop(const struct fcgi_held *held)
{
	close(held->fd);
}
