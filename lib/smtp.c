/* smtp.c - one message to an SMTP relay (see smtp.h). */
#include "smtp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"

enum { REPLY_TEXT_MAX = 300 };

struct conn {
	int fd;
	SSL_CTX *ctx;
	SSL *ssl;
	char in[4096];
	size_t in_len, in_pos;
	/* The last reply: its code and its text (joined lines, cut). */
	int code;
	char text[REPLY_TEXT_MAX];
	/* EHLO's answer, upper-cased, one extension per line. */
	char extensions[1024];
	char *error;
	size_t errlen;
};

__attribute__((format(printf, 2, 3)))
static void say_error(struct conn *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->error, c->errlen, fmt, ap);
	va_end(ap);
}

static bool is_ip_address(const char *host)
{
	unsigned char addr[16];
	return inet_pton(AF_INET, host, addr) == 1 || inet_pton(AF_INET6, host, addr) == 1;
}

static int connect_with_timeout(const char *host, int port, int timeout_s, char *why, size_t n)
{
	char service[16];
	snprintf(service, sizeof service, "%d", port);
	struct addrinfo hints, *list = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	int gai = getaddrinfo(host, service, &hints, &list);
	if (gai != 0) {
		snprintf(why, n, "cannot find %s: %s", host, gai_strerror(gai));
		return -1;
	}
	int fd = -1;
	snprintf(why, n, "cannot connect to %s port %d", host, port);
	for (struct addrinfo *a = list; a != NULL && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
		if (fd < 0)
			continue;
		int rc = connect(fd, a->ai_addr, a->ai_addrlen);
		if (rc != 0 && errno == EINPROGRESS) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };
			int err = 0;
			socklen_t len = sizeof err;
			if (poll(&p, 1, timeout_s * 1000) == 1
			    && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
				rc = 0;
			else
				errno = err ? err : ETIMEDOUT;
		}
		if (rc != 0) {
			snprintf(why, n, "cannot connect to %s port %d: %s", host, port, strerror(errno));
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(list);
	if (fd < 0)
		return -1;
	int flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	struct timeval tv = { .tv_sec = timeout_s };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	return fd;
}

static ssize_t conn_recv(struct conn *c, char *buf, size_t n)
{
	if (c->ssl != NULL) {
		int got = SSL_read(c->ssl, buf, (int)n);
		return got > 0 ? got : -1;
	}
	ssize_t got;
	do
		got = recv(c->fd, buf, n, 0);
	while (got < 0 && errno == EINTR);
	return got > 0 ? got : -1;
}

static int conn_send(struct conn *c, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t sent;
		if (c->ssl != NULL) {
			int n = SSL_write(c->ssl, data, (int)(len > 65536 ? 65536 : len));
			sent = n > 0 ? n : -1;
		} else {
			sent = send(c->fd, data, len, MSG_NOSIGNAL);
			if (sent < 0 && errno == EINTR)
				continue;
		}
		if (sent <= 0)
			return -1;
		data += sent;
		len -= (size_t)sent;
	}
	return 0;
}

/* One line without its CRLF into line; -1 when the connection ends. */
static int read_line(struct conn *c, char *line, size_t size)
{
	size_t n = 0;
	for (;;) {
		if (c->in_pos == c->in_len) {
			ssize_t got = conn_recv(c, c->in, sizeof c->in);
			if (got <= 0)
				return -1;
			c->in_len = (size_t)got;
			c->in_pos = 0;
		}
		char ch = c->in[c->in_pos++];
		if (ch == '\n')
			break;
		if (ch != '\r' && n + 1 < size)
			line[n++] = ch;
	}
	line[n] = '\0';
	return 0;
}

/* Reads a whole reply (all its "NNN-" lines and the "NNN " one); sets
 * c->code (0 when the connection failed) and c->text. */
static int read_reply(struct conn *c)
{
	char line[1024];
	c->code = 0;
	c->text[0] = '\0';
	size_t text_len = 0;
	for (int lines = 0; lines < 100; lines++) {
		if (read_line(c, line, sizeof line) != 0) {
			snprintf(c->text, sizeof c->text, "the relay closed the connection or timed out");
			return 0;
		}
		int code = atoi(line);
		if (code < 200 || code > 599 || strlen(line) < 3)
			break;
		c->code = code;
		const char *words = strlen(line) > 4 ? line + 4 : "";
		int wrote = snprintf(c->text + text_len, sizeof c->text - text_len, "%s%s",
				     text_len ? " / " : "", words);
		if (wrote > 0)
			text_len = strlen(c->text);
		if (line[3] != '-')
			return c->code;
	}
	c->code = 0;
	snprintf(c->text, sizeof c->text, "the relay's answer is not SMTP");
	return 0;
}

__attribute__((format(printf, 2, 3)))
static int command(struct conn *c, const char *fmt, ...)
{
	char line[1100];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line - 2, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof line - 2)
		return 0;
	memcpy(line + n, "\r\n", 3);
	if (conn_send(c, line, (size_t)n + 2) != 0) {
		snprintf(c->text, sizeof c->text, "the relay closed the connection");
		c->code = 0;
		return 0;
	}
	return read_reply(c);
}

static int ehlo(struct conn *c, const char *domain)
{
	char line[1100];
	int n = snprintf(line, sizeof line, "EHLO %s\r\n", domain);
	if (conn_send(c, line, (size_t)n) != 0)
		return 0;
	c->extensions[0] = '\0';
	size_t used = 0;
	c->code = 0;
	for (int lines = 0; lines < 100; lines++) {
		if (read_line(c, line, sizeof line) != 0)
			return 0;
		c->code = atoi(line);
		if (strlen(line) > 4 && used + strlen(line + 4) + 2 < sizeof c->extensions) {
			for (char *p = line + 4; *p; p++)
				c->extensions[used++] = (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
			c->extensions[used++] = '\n';
			c->extensions[used] = '\0';
		}
		if (strlen(line) < 4 || line[3] != '-')
			break;
	}
	snprintf(c->text, sizeof c->text, "%s", "EHLO refused");
	return c->code;
}

/* Whether EHLO offered the extension (first word of a line) or, for
 * "AUTH", a mechanism among its words. */
static bool offers(const struct conn *c, const char *ext, const char *word)
{
	size_t n = strlen(ext);
	for (const char *p = c->extensions; *p; p = strchr(p, '\n') + 1) {
		if (strncmp(p, ext, n) == 0 && (p[n] == '\n' || p[n] == ' ' || p[n] == '=')) {
			if (word == NULL)
				return true;
			const char *end = strchr(p, '\n');
			for (const char *w = p + n; w < end; w++) {
				size_t wl = strlen(word);
				if ((w[-1] == ' ' || w[-1] == '=') && strncmp(w, word, wl) == 0
				    && (w + wl == end || w[wl] == ' '))
					return true;
			}
		}
		if (strchr(p, '\n') == NULL)
			break;
	}
	return false;
}

static int start_tls(struct conn *c, const struct config *cfg)
{
	c->ctx = SSL_CTX_new(TLS_client_method());
	if (c->ctx == NULL)
		return -1;
	SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION);
	if (cfg->smtp_verify) {
		SSL_CTX_set_verify(c->ctx, SSL_VERIFY_PEER, NULL);
		int loaded = cfg->smtp_ca_file[0]
				     ? SSL_CTX_load_verify_locations(c->ctx, cfg->smtp_ca_file, NULL)
				     : SSL_CTX_set_default_verify_paths(c->ctx);
		if (loaded != 1) {
			say_error(c, "cannot load the CA certificates %s", cfg->smtp_ca_file);
			return -1;
		}
	}
	c->ssl = SSL_new(c->ctx);
	if (c->ssl == NULL || SSL_set_fd(c->ssl, c->fd) != 1)
		return -1;
	if (is_ip_address(cfg->smtp_host)) {
		X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl), cfg->smtp_host);
	} else {
		SSL_set_tlsext_host_name(c->ssl, cfg->smtp_host);
		SSL_set1_host(c->ssl, cfg->smtp_host);
	}
	if (SSL_connect(c->ssl) != 1) {
		long verify = SSL_get_verify_result(c->ssl);
		unsigned long err = ERR_get_error();
		char reason[256];
		ERR_error_string_n(err, reason, sizeof reason);
		say_error(c, "TLS with %s failed: %s", cfg->smtp_host,
			  verify != X509_V_OK ? X509_verify_cert_error_string(verify) : reason);
		ERR_clear_error();
		return -1;
	}
	c->in_len = c->in_pos = 0;
	return 0;
}

static char *base64(const char *data, size_t len)
{
	char *out = malloc(4 * ((len + 2) / 3) + 1);
	if (out != NULL)
		EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)data, (int)len);
	return out;
}

static int authenticate(struct conn *c, const struct config *cfg)
{
	const char *user = cfg->smtp_user, *password = cfg->smtp_password;
	if (offers(c, "AUTH", "PLAIN")) {
		size_t ul = strlen(user), pl = strlen(password);
		char *plain = malloc(ul + pl + 3);
		if (plain == NULL)
			return -1;
		plain[0] = '\0';
		memcpy(plain + 1, user, ul + 1);
		memcpy(plain + 2 + ul, password, pl);
		char *encoded = base64(plain, ul + pl + 2);
		OPENSSL_cleanse(plain, ul + pl + 2);
		free(plain);
		if (encoded == NULL)
			return -1;
		int code = command(c, "AUTH PLAIN %s", encoded);
		OPENSSL_cleanse(encoded, strlen(encoded));
		free(encoded);
		return code == 235 ? 0 : -1;
	}
	if (offers(c, "AUTH", "LOGIN")) {
		char *u = base64(user, strlen(user)), *p = base64(password, strlen(password));
		int code = u && p ? command(c, "AUTH LOGIN") : 0;
		if (code == 334)
			code = command(c, "%s", u);
		if (code == 334)
			code = command(c, "%s", p);
		if (p != NULL)
			OPENSSL_cleanse(p, strlen(p));
		free(u);
		free(p);
		return code == 235 ? 0 : -1;
	}
	snprintf(c->text, sizeof c->text, "the relay offers neither AUTH PLAIN nor AUTH LOGIN");
	return -1;
}

/* The message with lines that begin with "." doubled (RFC 5321 4.5.2),
 * ending in CRLF, then the ".". */
static int send_data(struct conn *c, const char *content, size_t len)
{
	struct buf out;
	buf_init(&out);
	bool line_start = true;
	for (size_t i = 0; i < len; i++) {
		if (line_start && content[i] == '.')
			buf_putc(&out, '.');
		buf_putc(&out, content[i]);
		line_start = content[i] == '\n';
	}
	if (!line_start)
		buf_puts(&out, "\r\n");
	buf_puts(&out, ".\r\n");
	int rc = conn_send(c, out.data, out.len);
	buf_free(&out);
	return rc == 0 ? read_reply(c) : 0;
}

/* The outcome of a reply that is not the hoped-for one. */
static enum mail_outcome refusal(struct conn *c, const char *step, bool recipient)
{
	if (c->code == 0) {
		if (c->error[0] == '\0')
			say_error(c, "%s: %s", step, c->text);
		return MAIL_TEMPORARY;
	}
	say_error(c, "%s: %d %s", step, c->code, c->text);
	if (c->code >= 500)
		return recipient ? MAIL_RECIPIENT_REFUSED : MAIL_PERMANENT;
	return MAIL_TEMPORARY;
}

static enum mail_outcome converse(struct conn *c, const struct config *cfg, const char *helo,
				  const char *from, const char *to, const char *content, size_t len)
{
	if (cfg->smtp_security == SMTP_TLS && start_tls(c, cfg) != 0)
		return MAIL_TEMPORARY;
	if (read_reply(c) != 220)
		return refusal(c, "greeting", false);
	if (ehlo(c, helo) != 250)
		return refusal(c, "EHLO", false);
	if (cfg->smtp_security == SMTP_STARTTLS) {
		if (!offers(c, "STARTTLS", NULL)) {
			say_error(c, "%s does not offer STARTTLS (smtp_security = starttls)", cfg->smtp_host);
			return MAIL_TEMPORARY;
		}
		if (command(c, "STARTTLS") != 220)
			return refusal(c, "STARTTLS", false);
		if (start_tls(c, cfg) != 0)
			return MAIL_TEMPORARY;
		if (ehlo(c, helo) != 250)
			return refusal(c, "EHLO after STARTTLS", false);
	}
	if (cfg->smtp_user[0] != '\0') {
		if (c->ssl == NULL) {
			say_error(c, "%s", "refusing to send the SMTP password without TLS");
			return MAIL_TEMPORARY;
		}
		if (authenticate(c, cfg) != 0) {
			/* Wrong credentials are the installation's to fix: keep the mail. */
			say_error(c, "login as %s refused: %d %s", cfg->smtp_user, c->code, c->text);
			return MAIL_TEMPORARY;
		}
	}
	if (command(c, "MAIL FROM:<%s>", from) != 250)
		return refusal(c, "MAIL FROM", false);
	int code = command(c, "RCPT TO:<%s>", to);
	if (code != 250 && code != 251)
		return refusal(c, "RCPT TO", true);
	if (command(c, "DATA") != 354)
		return refusal(c, "DATA", false);
	if (send_data(c, content, len) != 250)
		return refusal(c, "end of DATA", false);
	command(c, "QUIT");
	return MAIL_SENT;
}

enum mail_outcome smtp_send(const struct config *cfg, const char *helo_domain, const char *from,
			    const char *to, const char *content, size_t len, char *error,
			    size_t errlen)
{
	struct conn c;
	memset(&c, 0, sizeof c);
	c.error = error;
	c.errlen = errlen;
	error[0] = '\0';
	if (cfg->smtp_host[0] == '\0') {
		snprintf(error, errlen, "mail_transport is smtp but smtp_host is empty");
		return MAIL_TEMPORARY;
	}
	c.fd = connect_with_timeout(cfg->smtp_host, cfg->smtp_port, cfg->smtp_timeout_seconds, error,
				    errlen);
	if (c.fd < 0)
		return MAIL_TEMPORARY;
	enum mail_outcome outcome = converse(&c, cfg, helo_domain, from, to, content, len);
	if (c.ssl != NULL) {
		SSL_shutdown(c.ssl);
		SSL_free(c.ssl);
	}
	if (c.ctx != NULL)
		SSL_CTX_free(c.ctx);
	close(c.fd);
	return outcome;
}
