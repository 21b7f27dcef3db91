/* Unit tests of the connections a web server keeps (lib/fcgi_kept.c): the
 * listener and kept connections waited on together, a kept connection's
 * next request read by fcgi2 and answered without closing it, the web
 * server's close of an idle one, and a kept connection that sends rubbish
 * (closed, and no wait on a listener). The web server here is this test,
 * speaking FastCGI on a Unix socket as nginx does with fastcgi_keep_conn. */
#include "fcgi_kept.h"
#include "tap.h"

#include <fastcgi.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void record(unsigned char **at, int type, int request_id, const void *content, size_t len)
{
	FCGI_Header h = {
		.version = FCGI_VERSION_1,
		.type = (unsigned char)type,
		.requestIdB1 = (unsigned char)(request_id >> 8),
		.requestIdB0 = (unsigned char)request_id,
		.contentLengthB1 = (unsigned char)(len >> 8),
		.contentLengthB0 = (unsigned char)len,
	};
	memcpy(*at, &h, sizeof h);
	memcpy(*at + sizeof h, content, len);
	*at += sizeof h + len;
}

/* A request for `uri` as nginx sends it on a kept connection (the flag asks
 * the program to keep the connection after answering), with `body` as its
 * input, if any. */
static void send_request(int fd, int request_id, const char *uri, const char *body)
{
	unsigned char msg[4096], *at = msg;
	FCGI_BeginRequestBody begin = { .roleB0 = FCGI_RESPONDER, .flags = FCGI_KEEP_CONN };
	record(&at, FCGI_BEGIN_REQUEST, request_id, &begin, sizeof begin);
	unsigned char params[256], *p = params;
	const char *names[] = { "REQUEST_METHOD", "REQUEST_URI" }, *values[] = { "GET", uri };
	for (int i = 0; i < 2; i++) {
		*p++ = (unsigned char)strlen(names[i]);
		*p++ = (unsigned char)strlen(values[i]);
		memcpy(p, names[i], strlen(names[i]));
		p += strlen(names[i]);
		memcpy(p, values[i], strlen(values[i]));
		p += strlen(values[i]);
	}
	record(&at, FCGI_PARAMS, request_id, params, (size_t)(p - params));
	record(&at, FCGI_PARAMS, request_id, "", 0);
	if (body != NULL)
		record(&at, FCGI_STDIN, request_id, body, strlen(body));
	record(&at, FCGI_STDIN, request_id, "", 0);
	ssize_t sent = write(fd, msg, (size_t)(at - msg));
	if (sent != at - msg)
		abort();
}

/* Reads records up to END_REQUEST; the STDOUT stream into out. */
static int read_answer(int fd, char *out, size_t room)
{
	size_t len = 0;
	for (;;) {
		FCGI_Header h;
		unsigned char content[65536 + 256];
		if (recv(fd, &h, sizeof h, MSG_WAITALL) != (ssize_t)sizeof h)
			return -1;
		size_t n = (size_t)(h.contentLengthB1 << 8 | h.contentLengthB0) + h.paddingLength;
		if (n > 0 && recv(fd, content, n, MSG_WAITALL) != (ssize_t)n)
			return -1;
		if (h.type == FCGI_END_REQUEST) {
			out[len] = '\0';
			return 0;
		}
		size_t part = (size_t)(h.contentLengthB1 << 8 | h.contentLengthB0);
		if (h.type == FCGI_STDOUT && len + part < room) {
			memcpy(out + len, content, part);
			len += part;
		}
	}
}

static bool is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

/* Asks the set until it reports something other than nothing, for up to
 * two seconds. */
static int next_event(struct fcgi_kept *k)
{
	int got = FCGI_KEPT_NOTHING;
	for (int i = 0; i < 40 && got == FCGI_KEPT_NOTHING; i++)
		got = fcgi_kept_next(k, 50);
	return got;
}

int main(void)
{
	FCGX_Init();
	/* An abstract address: nothing to clean up. */
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	snprintf(addr.sun_path + 1, sizeof addr.sun_path - 1, "baton-fcgi-kept-%ld", (long)getpid());
	socklen_t addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(addr.sun_path + 1));
	int listener = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(listener >= 0 && bind(listener, (struct sockaddr *)&addr, addr_len) == 0 && listen(listener, 8) == 0,
	   "a listening socket");

	struct fcgi_kept k;
	ok(fcgi_kept_open(&k, listener) == 0, "watched");
	ok(fcgi_kept_next(&k, 50) == FCGI_KEPT_NOTHING, "nothing yet: nothing, after the timeout");

	int web = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(connect(web, (struct sockaddr *)&addr, addr_len) == 0, "the web server connects");
	ok(next_event(&k) == FCGI_KEPT_LISTENER, "a new connection: the listener's turn");
	int second = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(connect(second, (struct sockaddr *)&addr, addr_len) == 0, "and again, on a second connection");
	int conn = accept(listener, NULL, NULL);
	ok(conn >= 0, "one accepted");
	ok(fcgi_kept_next(&k, 50) == FCGI_KEPT_NOTHING, "the listener is not reported again, though one waits");
	fcgi_kept_listen_again(&k);
	ok(next_event(&k) == FCGI_KEPT_LISTENER, "until it is watched again");
	int other = accept(listener, NULL, NULL);
	ok(other >= 0, "the other accepted");
	close(other);
	close(second);
	fcgi_kept_listen_again(&k);
	fcgi_kept_keep(&k, conn);
	ok(fcgi_kept_next(&k, 50) == FCGI_KEPT_NOTHING, "kept, no request on it yet: nothing");

	/* Two requests in turn on the one connection. */
	for (int turn = 1; turn <= 2; turn++) {
		char uri[32], want[64], answer[256];
		snprintf(uri, sizeof uri, "/poll?turn=%d", turn);
		send_request(web, turn, uri, NULL);
		int got = next_event(&k);
		ok(got == conn, "request %d: the kept connection is reported", turn);
		ok(fcgi_kept_next(&k, 50) == FCGI_KEPT_NOTHING, "request %d: once", turn);
		FCGX_Request fcgi;
		ok(fcgi_accept_kept(&fcgi, conn) == 0, "request %d: read", turn);
		const char *read_uri = FCGX_GetParam("REQUEST_URI", fcgi.envp);
		ok(read_uri != NULL && strcmp(read_uri, uri) == 0 && fcgi.requestId == turn,
		   "request %d: its parameters and id", turn);
		snprintf(want, sizeof want, "Status: 200 OK\r\n\r\nturn %d", turn);
		FCGX_PutS(want, fcgi.out);
		FCGX_Finish_r(&fcgi);
		ok(fcgi.ipcFd == conn && is_open(conn), "request %d: answered, the connection stays open", turn);
		ok(read_answer(web, answer, sizeof answer) == 0 && strcmp(answer, want) == 0,
		   "request %d: the web server reads the answer to its end", turn);
		fcgi_kept_keep(&k, conn);
	}

	/* A request with input the program does not read: skipped, so that
	 * the connection is reported again only for the next request. */
	static char body[3000];
	memset(body, 'x', sizeof body - 1);
	send_request(web, 3, "/poll?turn=3", body);
	ok(next_event(&k) == conn, "a request with a body: reported");
	FCGX_Request with_body;
	ok(fcgi_accept_kept(&with_body, conn) == 0, "read");
	fcgi_kept_skip_input(&with_body);
	FCGX_PutS("Status: 405 Method Not Allowed\r\n\r\n", with_body.out);
	FCGX_Finish_r(&with_body);
	char answer[256];
	ok(read_answer(web, answer, sizeof answer) == 0 && strncmp(answer, "Status: 405", 11) == 0,
	   "answered without reading its body");
	fcgi_kept_keep(&k, conn);
	ok(fcgi_kept_next(&k, 50) == FCGI_KEPT_NOTHING, "its body skipped: nothing more on the connection");
	send_request(web, 4, "/poll?turn=4", NULL);
	ok(next_event(&k) == conn && fcgi_accept_kept(&with_body, conn) == 0
	   && strcmp(FCGX_GetParam("REQUEST_URI", with_body.envp), "/poll?turn=4") == 0,
	   "the next request is read whole");
	FCGX_Free(&with_body, 0);
	fcgi_kept_keep(&k, conn);

	/* The web server closes an idle kept connection. */
	close(web);
	ok(fcgi_kept_next(&k, 2000) == FCGI_KEPT_NOTHING && !is_open(conn), "closed by the web server: closed here");

	/* Rubbish on a kept connection: fcgi2 gives up on it and closes it,
	 * and does not go on to wait on a listener. */
	web = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(connect(web, (struct sockaddr *)&addr, addr_len) == 0, "another connection");
	ok(next_event(&k) == FCGI_KEPT_LISTENER, "the listener's turn");
	conn = accept(listener, NULL, NULL);
	fcgi_kept_listen_again(&k);
	fcgi_kept_keep(&k, conn);
	ok(write(web, "not a FastCGI record", 20) == 20, "rubbish sent");
	shutdown(web, SHUT_WR);
	ok(next_event(&k) == conn, "reported");
	FCGX_Request fcgi;
	time_t before = time(NULL);
	int rc = fcgi_accept_kept(&fcgi, conn);
	ok(rc < 0 && !is_open(conn), "not a request: an error, the connection closed");
	ok(time(NULL) - before <= 3, "at once (no wait for a new connection)");
	close(web);

	close(k.epoll);
	close(listener);
	return done_testing();
}
