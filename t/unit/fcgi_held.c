/* Unit tests of a held FastCGI request's answer (lib/fcgi_held.c): the
 * records a web server reads (STDOUT in parts of at most 32 KB, an empty
 * STDOUT, END_REQUEST, each with the request's id), a web server that has
 * gone (no SIGPIPE, -1), and the close that waits for the other end. */
#include "fcgi_held.h"
#include "tap.h"

#include <fastcgi.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct record {
	int type, request_id;
	size_t len;
	unsigned char content[65536];
};

static int read_exactly(int fd, void *to, size_t len)
{
	unsigned char *p = to;
	while (len > 0) {
		ssize_t n = read(fd, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int read_record(int fd, struct record *r)
{
	FCGI_Header h;
	if (read_exactly(fd, &h, sizeof h) != 0 || h.version != FCGI_VERSION_1)
		return -1;
	r->type = h.type;
	r->request_id = h.requestIdB1 << 8 | h.requestIdB0;
	r->len = (size_t)(h.contentLengthB1 << 8 | h.contentLengthB0);
	unsigned char padding[256];
	if (read_exactly(fd, r->content, r->len) != 0 || read_exactly(fd, padding, h.paddingLength) != 0)
		return -1;
	return 0;
}

/* The answer as a web server reads it: the STDOUT stream put together,
 * and whether it ended as the protocol says. */
static void read_answer(int fd, int request_id, unsigned char *stdout_out, size_t *stdout_len,
			size_t *records, int *well_ended)
{
	static struct record r;
	*stdout_len = 0;
	*records = 0;
	*well_ended = 0;
	while (read_record(fd, &r) == 0) {
		(*records)++;
		if (r.request_id != request_id)
			return;
		if (r.type == FCGI_STDOUT && r.len > 0) {
			memcpy(stdout_out + *stdout_len, r.content, r.len);
			*stdout_len += r.len;
		} else if (r.type == FCGI_STDOUT) {
			if (read_record(fd, &r) != 0)
				return;
			(*records)++;
			const FCGI_EndRequestBody *end = (const void *)r.content;
			*well_ended = r.type == FCGI_END_REQUEST && r.request_id == request_id
				      && r.len == sizeof *end && end->protocolStatus == FCGI_REQUEST_COMPLETE
				      && end->appStatusB0 == 0;
			return;
		} else {
			return;
		}
	}
}

int main(void)
{
	int sv[2];
	int made = socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	ok(made == 0, "a connection");
	const char *small = "Status: 200 OK\r\nContent-Type: application/json\r\n\r\n{\"again\":true}";
	struct fcgi_held held = { .fd = sv[0], .request_id = 1 };
	int written = fcgi_held_answer(&held, small, strlen(small));
	ok(written == 0, "a short answer is written");
	static unsigned char got[200000];
	size_t len, records;
	int ended;
	read_answer(sv[1], 1, got, &len, &records, &ended);
	ok(len == strlen(small) && memcmp(got, small, len) == 0, "its STDOUT stream is the answer");
	ok(records == 3 && ended, "in one record, then an empty STDOUT and END_REQUEST (complete, status 0)");

	/* Larger than a socket's buffer, and than a record: the reader reads
	 * while the writer writes. */
	size_t big_len = 100000;
	char *big = malloc(big_len);
	for (size_t i = 0; i < big_len; i++)
		big[i] = (char)('a' + i % 26);
	held.request_id = 258;
	pid_t child = fork();
	if (child == 0) {
		close(sv[1]);
		_exit(fcgi_held_answer(&held, big, big_len) == 0 ? 0 : 1);
	}
	read_answer(sv[1], 258, got, &len, &records, &ended);
	int status = -1;
	waitpid(child, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a 100,000-byte answer is written");
	ok(len == big_len && memcmp(got, big, len) == 0, "and read back whole, under request id 258");
	ok(records == 4 + 2 && ended, "in four records of at most 32 KB, then the end");
	free(big);

	/* The close: the other end reads to the end and closes its side. */
	close(sv[1]);
	fcgi_held_close(&held);
	ok(fcntl(sv[0], F_GETFD) == -1, "closed once the other end has");

	/* A web server gone: -1, and the program lives on (no SIGPIPE). */
	made = socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	ok(made == 0, "another connection");
	close(sv[1]);
	held = (struct fcgi_held){ .fd = sv[0], .request_id = 1 };
	written = fcgi_held_answer(&held, small, strlen(small));
	ok(written == -1, "its other end gone: -1");
	fcgi_held_drop(&held);
	ok(fcntl(sv[0], F_GETFD) == -1, "dropped: closed");
	return done_testing();
}
