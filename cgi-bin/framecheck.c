/* framecheck - may this address be shown in the viewer's frame? Reads the
 * page's response headers (X-Frame-Options, Content-Security-Policy
 * frame-ancestors) and answers {"frameable": bool, "reason": "..."}; the
 * viewer opens refusing pages in a separate, still led, window instead.
 * Results are kept for an hour.
 *
 * Only headers are read, never a body, and only for people in an open
 * session. So that the check cannot be used to probe private networks, an
 * address is fetched only when its host resolves to public addresses alone
 * (lib/webaddr.c says which are), and the fetch is pinned to the address
 * that was checked. The setting frame_check_private_addresses (off by
 * default) lets it fetch a client's own registered domains on private
 * addresses too, as the demo on 127.0.0.1 needs. An address refused, one
 * that cannot be reached and an unknown host get the same answer, so that
 * the answer tells nothing about what listens where. Tests: t/framecheck.t. */
#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "session.h"
#include "visitor.h"
#include "webaddr.h"

enum { MAX_REDIRECTS = 3, TIMEOUT_SECONDS = 4 };

enum { IN_CHANNEL, IN_URL, IN__MAX };
static const struct input framecheck_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_URL] = { "url", INPUT_LINE, true, 2000, 0, 0, NULL },
};

struct verdict {
	bool frameable;
	const char *reason;
	char location[2001];   /* a redirect's target */
};

/* What the verdict says about an address not checked: refused, not
 * reachable or unknown alike. */
static const char not_checked[] = "Baton could not check this page; it opens in its own window.";

struct target {
	struct web_target url;
	char address[INET6_ADDRSTRLEN];  /* the one to connect to */
};

/* Resolves the host; every address must be public, unless the host is one
 * of the client's own registered domains and the setting allows those on
 * private addresses. Keeps the first address to pin. */
static bool allowed(struct request *r, long long client_id, struct target *t, bool *db_down)
{
	bool registered = false;
	*db_down = false;
	if (r->cfg->frame_check_private_addresses && webaddr_host_is_ascii(t->url.host)) {
		struct db_rows own;
		int rc = db_query(r->db, r->pool, SQL_SITE_DOMAIN_OF_CLIENT, &own, "iss", client_id,
				  t->url.host, t->url.host);
		*db_down = rc == DB_DOWN;
		registered = rc == DB_OK && db_cell_int(&own, 0, 0) > 0;
	}
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
	if (getaddrinfo(t->url.host, NULL, &hints, &res) != 0)
		return false;
	bool ok = res != NULL;
	for (struct addrinfo *a = res; a != NULL; a = a->ai_next)
		if (!registered && !webaddr_is_public(a->ai_addr))
			ok = false;
	if (ok) {
		const void *in = res->ai_family == AF_INET
					 ? (const void *)&((struct sockaddr_in *)res->ai_addr)->sin_addr
					 : (const void *)&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
		inet_ntop(res->ai_family, in, t->address, sizeof t->address);
	}
	freeaddrinfo(res);
	return ok;
}

struct headers {
	char frame_options[128];
	char frame_ancestors[512];
	char location[2001];
};

static void copy_value(char *dst, size_t size, const char *value, size_t len)
{
	while (len > 0 && (value[len - 1] == '\r' || value[len - 1] == '\n' || value[len - 1] == ' '))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(dst, value, len);
	dst[len] = '\0';
}

static size_t on_header(char *line, size_t size, size_t count, void *data)
{
	struct headers *h = data;
	size_t len = size * count;
	static const char xfo[] = "x-frame-options:", csp[] = "content-security-policy:",
			  loc[] = "location:";
	if (len > sizeof xfo && strncasecmp(line, xfo, sizeof xfo - 1) == 0)
		copy_value(h->frame_options, sizeof h->frame_options, line + sizeof xfo,
			   len - sizeof xfo);
	else if (len > sizeof csp && strncasecmp(line, csp, sizeof csp - 1) == 0) {
		char value[2048];
		copy_value(value, sizeof value, line + sizeof csp, len - sizeof csp);
		char *fa = strcasestr(value, "frame-ancestors");
		if (fa != NULL) {
			size_t n = strcspn(fa + 15, ";");
			copy_value(h->frame_ancestors, sizeof h->frame_ancestors, fa + 15, n);
		}
	} else if (len > sizeof loc && strncasecmp(line, loc, sizeof loc - 1) == 0)
		copy_value(h->location, sizeof h->location, line + sizeof loc, len - sizeof loc);
	return len;
}

static size_t stop_at_body(char *data, size_t size, size_t count, void *unused)
{
	(void)data;
	(void)size;
	(void)count;
	(void)unused;
	return 0; /* the headers are all we want: stop at the body */
}

/* Whether frame-ancestors lets our origin frame the page. */
static bool ancestors_allow(const char *list, const char *ours, bool same_origin)
{
	if (strstr(list, "'none'") != NULL)
		return false;
	char copy[512];
	snprintf(copy, sizeof copy, "%s", list);
	for (char *save, *tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (strcmp(tok, "*") == 0 || (same_origin && strcmp(tok, "'self'") == 0)
		    || strcasecmp(tok, ours) == 0)
			return true;
	}
	return false;
}

static void examine(struct request *r, const char *url, const struct target *t, struct verdict *v)
{
	struct headers h;
	memset(&h, 0, sizeof h);
	CURL *curl = curl_easy_init();
	char pin[400];
	snprintf(pin, sizeof pin, "%s:%d:%s", t->url.host, t->url.port, t->address);
	/* An IP literal is not resolved, so there is nothing to pin. */
	struct curl_slist *resolve = t->url.ipv6_literal ? NULL : curl_slist_append(NULL, pin);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)TIMEOUT_SECONDS);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	/* Never through a proxy from the environment: that would undo the pin. */
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "Baton frame check");
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, stop_at_body);
	CURLcode rc = curl_easy_perform(curl);
	long status = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(curl);
	curl_slist_free_all(resolve);
	if (status == 0 && rc != CURLE_OK && rc != CURLE_WRITE_ERROR) {
		v->frameable = false;
		v->reason = not_checked;
		return;
	}
	if (status >= 300 && status < 400 && h.location[0]) {
		snprintf(v->location, sizeof v->location, "%s", h.location);
		return;
	}
	const char *ours = request_origin(r);
	char theirs[300];
	const struct web_target *u = &t->url;
	snprintf(theirs, sizeof theirs, u->ipv6_literal ? "%s://[%s]" : "%s://%s", u->scheme, u->host);
	bool default_port = u->port == (strcmp(u->scheme, "https") == 0 ? 443 : 80);
	if (!default_port)
		snprintf(theirs + strlen(theirs), sizeof theirs - strlen(theirs), ":%d", u->port);
	bool same_origin = strcasecmp(theirs, ours) == 0;
	v->frameable = true;
	v->reason = "";
	if (h.frame_ancestors[0] != '\0') {
		if (!ancestors_allow(h.frame_ancestors, ours, same_origin)) {
			v->frameable = false;
			v->reason = "The page's Content-Security-Policy (frame-ancestors) refuses framing.";
		}
	} else if (strcasecmp(h.frame_options, "deny") == 0
		   || (strcasecmp(h.frame_options, "sameorigin") == 0 && !same_origin)) {
		v->frameable = false;
		v->reason = "The page's X-Frame-Options refuses framing.";
	}
}

static int frame_check(struct request *r)
{
	struct member m;
	int status = channel_viewer(r, r->in[IN_CHANNEL], "You are not in this conversation.", &m);
	if (status != 0)
		return status;
	if (m.left || !m.channel_open)
		return resp_error(r, 409, "This conversation has ended for you.");

	const char *url = r->in[IN_URL];
	/* Per client: whether an address may be fetched depends on the client's
	 * registered domains. */
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(pool_printf(r->pool, "%lld %s", m.client_id, url), hash);
	struct db_rows cached;
	if (db_query(r->db, r->pool, SQL_FRAME_CHECK_GET, &cached, "s", hash) == DB_OK && cached.rows)
		return resp_json(r, 200, pool_printf(r->pool, "{\"frameable\":%s,\"reason\":\"%s\"}",
						      db_cell_int(&cached, 0, 0) ? "true" : "false",
						      db_cell(&cached, 0, 1) ? db_cell(&cached, 0, 1) : ""));

	struct verdict v = { .frameable = false, .reason = "The page redirects too often." };
	const char *current = url;
	for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
		struct target t;
		bool db_down = false;
		if (!webaddr_parse(current, &t.url)) {
			if (hop == 0)
				return resp_error(r, 400, "Give a web address starting with http:// or https://.");
			/* A redirect to a relative or non-web address: not the asker's mistake. */
			v.frameable = false;
			v.reason = "The page redirects to an address Baton does not check.";
			break;
		}
		if (!allowed(r, m.client_id, &t, &db_down)) {
			if (db_down)
				return resp_unavailable(r);
			v.frameable = false;
			v.reason = not_checked;
			break;
		}
		v.location[0] = '\0';
		examine(r, current, &t, &v);
		if (v.location[0] == '\0')
			break;
		current = v.location[0] == '/'
				  ? pool_printf(r->pool, t.url.ipv6_literal ? "%s://[%s]:%d%s" : "%s://%s:%d%s",
						t.url.scheme, t.url.host, t.url.port, v.location)
				  : pool_strdup(r->pool, v.location);
		v.frameable = false;
		v.reason = "The page redirects too often.";
	}
	db_exec(r->db, SQL_FRAME_CHECK_PUT, NULL, "ssis", hash, url, (long long)v.frameable, v.reason);
	return resp_json(r, 200, pool_printf(r->pool, "{\"frameable\":%s,\"reason\":\"%s\"}",
					      v.frameable ? "true" : "false", v.reason));
}

static const struct action framecheck_actions[] = {
	{ METHOD_GET, framecheck_inputs, IN__MAX, GUARD_NONE, frame_check },
};

static const struct program framecheck_program = {
	"framecheck", true, framecheck_actions, COUNT_OF(framecheck_actions)
};

int main(int argc, char **argv)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int status = program_main(&framecheck_program, argc, argv);
	curl_global_cleanup();
	return status;
}
