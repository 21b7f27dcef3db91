/* request.c - reading the request: meta-variables, query, body, cookies. */
#include "request.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "io.h"
#include "pool.h"
#include "request_read.h"
#include "utf8.h"

enum { MAX_QUERY_BYTES = 8 * 1024, MAX_COOKIE_BYTES = 8 * 1024 };

const char *request_param(const struct request *r, const char *name)
{
	return param_get(r->method == METHOD_POST ? r->form : r->query, name);
}

const char *request_cookie(const struct request *r, const char *name)
{
	return param_get(r->cookies, name);
}

const char *request_origin(const struct request *r)
{
	return pool_printf(r->pool, "%s://%s", r->https ? "https" : "http",
			   r->host ? r->host : "localhost");
}

static const char *env(struct request *r, const char *name)
{
	return io_param(r->io, name);
}

static enum http_method parse_method(const char *m)
{
	if (m == NULL) return METHOD_OTHER;
	if (strcmp(m, "GET") == 0) return METHOD_GET;
	if (strcmp(m, "HEAD") == 0) return METHOD_HEAD;
	if (strcmp(m, "POST") == 0) return METHOD_POST;
	return METHOD_OTHER;
}

/* The client address: the last X-Forwarded-For hop when a trusted proxy
 * (load balancer) sits in front, otherwise the connection's address. */
static const char *client_address(struct request *r)
{
	const char *addr = env(r, "REMOTE_ADDR");
	const char *forwarded = env(r, "HTTP_X_FORWARDED_FOR");
	if (r->cfg->trust_forwarded_for && forwarded != NULL && *forwarded != '\0') {
		const char *last = strrchr(forwarded, ',');
		last = last ? last + 1 : forwarded;
		while (*last == ' ')
			last++;
		if (strlen(last) <= 45)
			addr = last;
	}
	return pool_strdup(r->pool, addr ? addr : "unknown");
}

static bool wants_json(struct request *r)
{
	const char *accept = env(r, "HTTP_ACCEPT");
	return accept != NULL && strstr(accept, "application/json") != NULL
	       && strstr(accept, "text/html") == NULL;
}

int request_read_head(struct request *r, const char **error)
{
	r->method_name = env(r, "REQUEST_METHOD");
	r->method = parse_method(r->method_name);
	const char *script = env(r, "SCRIPT_NAME");
	r->path = pool_strdup(r->pool, script && *script ? script : "/");
	r->remote_addr = client_address(r);
	r->user_agent = env(r, "HTTP_USER_AGENT");
	if (r->user_agent != NULL && strlen(r->user_agent) > 255)
		r->user_agent = pool_strndup(r->pool, r->user_agent, 255);
	r->host = env(r, "HTTP_HOST");
	r->origin = env(r, "HTTP_ORIGIN");
	r->referer = env(r, "HTTP_REFERER");
	r->accept_language = env(r, "HTTP_ACCEPT_LANGUAGE");
	if (r->accept_language != NULL && strlen(r->accept_language) > 255)
		r->accept_language = NULL;
	const char *https = env(r, "HTTPS");
	const char *proto = env(r, "HTTP_X_FORWARDED_PROTO");
	r->https = (https != NULL && (strcmp(https, "on") == 0 || strcmp(https, "1") == 0))
		   || (r->cfg->trust_forwarded_for && proto != NULL && strcmp(proto, "https") == 0);
	r->wants_json = r->wants_json || wants_json(r);
	/* The widget's panel frames visitor pages (lib/panel.c). */
	const char *dest = env(r, "HTTP_SEC_FETCH_DEST");
	r->framed = dest != NULL && (strcmp(dest, "iframe") == 0 || strcmp(dest, "frame") == 0);

	if (r->host != NULL && (strlen(r->host) > 255 || strpbrk(r->host, "/\\ \t<>\"'") != NULL)) {
		*error = "The Host header is malformed.";
		return 400;
	}
	const char *cookie = env(r, "HTTP_COOKIE");
	if (cookie != NULL && strlen(cookie) <= MAX_COOKIE_BYTES)
		r->cookies = input_parse_cookies(r->pool, cookie);

	const char *query = env(r, "QUERY_STRING");
	r->query_string = query ? query : "";
	if (query != NULL && *query != '\0') {
		size_t len = strlen(query);
		if (len > MAX_QUERY_BYTES) {
			*error = "The query string is too long.";
			return 400;
		}
		r->query = input_parse_urlencoded(r->pool, query, len, error);
		if (r->query == NULL)
			return 400;
	}
	return 0;
}

int request_read_body(struct request *r, const char **error)
{
	const char *length_text = env(r, "CONTENT_LENGTH");
	if (length_text == NULL || *length_text == '\0') {
		*error = "A POST needs a Content-Length.";
		return 411;
	}
	char *end;
	errno = 0;
	long long length = strtoll(length_text, &end, 10);
	if (errno != 0 || *end != '\0' || length < 0) {
		*error = "The Content-Length is not a number.";
		return 400;
	}
	if (length > r->cfg->max_body_bytes) {
		*error = pool_printf(r->pool, "The request body is too large (at most %ld bytes).",
				     r->cfg->max_body_bytes);
		return 413;
	}
	const char *type = env(r, "CONTENT_TYPE");
	if (length > 0 && (type == NULL
			   || strncmp(type, "application/x-www-form-urlencoded", 33) != 0
			   || (type[33] != '\0' && type[33] != ';'))) {
		*error = "Send the form as application/x-www-form-urlencoded.";
		return 415;
	}
	char *body = pool_alloc(r->pool, (size_t)length + 1);
	size_t got = 0;
	while (got < (size_t)length) {
		long n = io_read(r->io, body + got, (size_t)length - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != (size_t)length) {
		*error = "The request body is shorter than its Content-Length.";
		return 400;
	}
	body[got] = '\0';
	r->body = body;
	r->body_len = got;
	r->form = input_parse_urlencoded(r->pool, body, got, error);
	if (r->form == NULL && *error != NULL)
		return 400;
	return 0;
}
