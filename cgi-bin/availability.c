/* availability - for the help button and the widget on a client's pages:
 * is anyone there right now, and how long would a visitor who asked now
 * wait? {"status":"available"|"busy"|"away"|"closed", "desk":..,
 * "estimate":..,"estimate_words":..,"choices":[..]}: the same estimate the
 * waiting page gives (lib/estimate.c). Readable cross-origin only by the
 * site's registered domains. Tests: t/availability.t. */
#include <ctype.h>
#include <string.h>

#include "buf.h"
#include "crypto.h"
#include "db.h"
#include "estimate.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "visitor.h"
#include "webaddr.h"

enum { IN_SITE, IN_PROBE, IN__MAX };
static const struct input availability_inputs[IN__MAX] = {
	[IN_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	/* The widget's panel asks whether its visitor cookie came back. */
	[IN_PROBE] = { "probe", INPUT_INT, false, 0, 0, 1, NULL },
};

/* The host of an Origin header ("https://shop.example:8443" -> "shop.example"). */
static char *origin_host(struct pool *pool, const char *origin)
{
	const char *p = strstr(origin, "://");
	if (p == NULL)
		return NULL;
	p += 3;
	size_t n = strcspn(p, ":/");
	char *host = pool_strndup(pool, p, n);
	for (char *c = host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return host;
}

/* The help button's word for each state of the desk. */
static const char *status_word(enum desk_state state)
{
	switch (state) {
	case DESK_FREE: return "available";
	case DESK_BUSY: return "busy";
	case DESK_AWAY: return "away";
	case DESK_NOBODY: break;
	}
	return "closed";
}

static int availability(struct request *r)
{
	struct db_rows site, registered;
	struct estimate e;
	int rc = db_query(r->db, r->pool, SQL_SITE_BY_KEY, &site, "s", r->in[IN_SITE]);
	if (rc == DB_OK && site.rows == 0)
		return resp_error(r, 404, "No site is registered with this key.");
	long long site_id = db_cell_int(&site, 0, 0), client_id = db_cell_int(&site, 0, 1);
	if (rc == DB_OK)
		rc = estimate_for_newcomer(r->db, r->pool, client_id, &e);
	char *host = r->origin ? origin_host(r->pool, r->origin) : NULL;
	if (host != NULL && !webaddr_host_is_ascii(host))
		host = NULL; /* names no registered domain (those are ASCII) */
	if (rc == DB_OK && host != NULL)
		rc = db_query(r->db, r->pool, SQL_SITE_HAS_DOMAIN, &registered, "iss", site_id, host, host);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (host != NULL && db_cell_int(&registered, 0, 0) > 0) {
		resp_header(r, "Access-Control-Allow-Origin", r->origin);
		resp_header(r, "Vary", "Origin");
	}
	struct buf out;
	buf_init(&out);
	buf_printf(&out, "{\"status\":\"%s\",", status_word(e.state));
	estimate_json(&e, &out);
	buf_printf(&out, ",\"waiting\":%lld", e.position);
	/* Whether this browser keeps Baton's visitor cookie where it asks from
	 * (a panel on another site over plain HTTP, or a browser refusing
	 * cookies in frames, does not): the panel then falls back to the link. */
	if (r->in[IN_PROBE] != NULL && r->in_int[IN_PROBE] == 1) {
		const char *cookie = request_cookie(r, VISITOR_COOKIE);
		buf_printf(&out, ",\"visitor_cookie\":%s", cookie != NULL && crypto_is_token(cookie) ? "true" : "false");
	}
	buf_putc(&out, '}');
	rc = resp_json(r, 200, pool_strdup(r->pool, out.data));
	buf_free(&out);
	return rc;
}

static const struct action availability_actions[] = {
	{ METHOD_GET, availability_inputs, IN__MAX, GUARD_NONE, availability },
};

static const struct program availability_program = {
	"availability", true, availability_actions, COUNT_OF(availability_actions)
};

int main(int argc, char **argv)
{
	return program_main(&availability_program, argc, argv);
}
