/* response.c - headers, cookies, redirects, error pages and sending. */
#include "response.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "config.h"
#include "io.h"
#include "log.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "session.h"

void resp_init(struct response *resp)
{
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	resp->frames_web_pages = false;
	resp->frame_ancestors = NULL;
	buf_init(&resp->headers);
	buf_init(&resp->body);
}

void resp_free(struct response *resp)
{
	buf_free(&resp->headers);
	buf_free(&resp->body);
}

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

static bool header_safe(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

void resp_header(struct request *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value)) {
		log_error("refused a header with a line break: %s", name);
		return;
	}
	buf_printf(&r->resp.headers, "%s: %s\r\n", name, value);
}

void resp_cookie(struct request *r, const char *name, const char *value, long max_age,
		 const char *same_site)
{
	bool secure = r->cfg->secure_cookies == SECURE_COOKIES_ALWAYS
		      || (r->cfg->secure_cookies == SECURE_COOKIES_AUTO && r->https);
	/* In the widget's panel, a frame on the client's site, a Lax or Strict
	 * cookie never comes back when the site is another site than Baton's.
	 * There the cookie is kept for that site alone (CHIPS: Partitioned),
	 * which needs Secure; over plain HTTP the panel falls back to the bare
	 * link (htdocs/js/baton-site.js). */
	bool partitioned = r->framed && secure;
	char *cookie = pool_printf(r->pool, "%s=%s; Path=/; HttpOnly; SameSite=%s%s%s", name, value,
				   partitioned ? "None" : same_site, secure ? "; Secure" : "",
				   partitioned ? "; Partitioned" : "");
	if (max_age >= 0)
		cookie = pool_printf(r->pool, "%s; Max-Age=%ld", cookie, max_age);
	resp_header(r, "Set-Cookie", cookie);
}

int resp_redirect(struct request *r, const char *location)
{
	/* Only local paths: a redirect target never comes from elsewhere. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	r->resp.status = 303;
	buf_clear(&r->resp.body);
	resp_header(r, "Location", location);
	return 303;
}

int resp_json(struct request *r, int status, const char *json)
{
	r->resp.status = status;
	r->resp.content_type = "application/json; charset=utf-8";
	buf_clear(&r->resp.body);
	buf_puts(&r->resp.body, json);
	buf_putc(&r->resp.body, '\n');
	return status;
}

static void error_html_fallback(struct request *r, int status, const char *message)
{
	buf_clear(&r->resp.body);
	buf_printf(&r->resp.body, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		   "<title>%d %s</title></head><body><h1>%s</h1><p>", status,
		   http_reason(status), http_reason(status));
	buf_html(&r->resp.body, message);
	buf_puts(&r->resp.body, "</p></body></html>\n");
}

/* Staff read English (their pages are English): a signed-in staff
 * member's browser, known by its session cookie before the session is
 * loaded (an input refused before the action ran). */
static bool staff_browser(const struct request *r)
{
	return r->session != NULL || request_cookie(r, SESSION_COOKIE) != NULL;
}

int resp_error(struct request *r, int status, const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);

	r->resp.status = status;
	if (r->wants_json) {
		/* What a page's script shows the visitor, in their browser's
		 * language (a signed-in staff member reads English). */
		const char *said = message;
		struct view *words = r->cfg != NULL && !staff_browser(r) ? view_new(r) : NULL;
		if (words != NULL) {
			catalogue_page(r, words, NULL);
			said = catalogue_message(words, r->cfg->templates_dir, r->pool, message);
		}
		struct buf json;
		buf_init(&json);
		buf_puts(&json, "{\"error\":");
		buf_json_string(&json, said);
		buf_printf(&json, ",\"status\":%d}", status);
		resp_json(r, status, json.data);
		buf_free(&json);
		if (words != NULL)
			view_free(words);
		return status;
	}
	r->resp.content_type = "text/html; charset=utf-8";
	/* An error inside the widget's panel shows there (it holds no action
	 * to trick anyone into) rather than as the browser's refusal. */
	if (r->framed && r->resp.frame_ancestors == NULL)
		r->resp.frame_ancestors = "*";
	struct view *v = view_new(r);
	/* The page and its message in the browser's language (lib/catalogue.h);
	 * the message in English for a signed-in staff member. */
	char reason_key[32];
	snprintf(reason_key, sizeof reason_key, "t.error.status.%d", status);
	catalogue_page(r, v, NULL);
	view_set(v, "error.message", staff_browser(r) ? message
				     : catalogue_message(v, r->cfg->templates_dir, r->pool, message));
	view_set_int(v, "error.status", status);
	view_set(v, "error.reason", view_get(v, reason_key, http_reason(status)));
	if (view_render(r, v, status, "error") < 0)
		error_html_fallback(r, status, message);
	view_free(v);
	r->resp.status = status;
	return status;
}

int resp_unavailable(struct request *r)
{
	resp_header(r, "Retry-After", "5");
	return resp_error(r, 503, "Baton cannot reach its database right now. "
			  "Please try again in a few seconds.");
}

void resp_send(struct request *r)
{
	struct response *resp = &r->resp;
	struct buf head;
	buf_init(&head);
	buf_printf(&head, "Status: %d %s\r\n", resp->status, http_reason(resp->status));
	buf_printf(&head, "Content-Type: %s\r\n", resp->content_type);
	buf_printf(&head, "Content-Length: %zu\r\n", resp->body.len);
	/* Our own pages are never framed (but by the client's site, for the
	 * widget's panel), sniffed or cached by intermediaries. */
	buf_puts(&head, "X-Content-Type-Options: nosniff\r\n");
	if (resp->frame_ancestors == NULL)
		buf_puts(&head, "X-Frame-Options: DENY\r\n");
	buf_printf(&head, "Referrer-Policy: %s\r\n"
			  "Cache-Control: no-store\r\n"
			  "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
			  "frame-ancestors %s; form-action 'self'; base-uri 'none'; object-src 'none'",
		   resp->no_referrer ? "no-referrer" : "same-origin",
		   resp->frame_ancestors ? resp->frame_ancestors : "'none'");
	/* The viewer frames the pages people browse together, from any site. */
	if (resp->frames_web_pages)
		buf_puts(&head, "; frame-src http: https:");
	buf_puts(&head, "\r\n");
	if (resp->headers.len > 0)
		buf_append(&head, resp->headers.data, resp->headers.len);
	buf_puts(&head, "\r\n");
	io_write(r->io, head.data, head.len);
	if (r->method != METHOD_HEAD && resp->body.len > 0)
		io_write(r->io, resp->body.data, resp->body.len);
	buf_free(&head);
}
