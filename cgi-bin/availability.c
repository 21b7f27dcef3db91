/* availability - for the help button script on a client's pages: is
 * anyone there right now? {"status":"available"|"busy"|"closed"}. Readable
 * cross-origin only by the site's registered domains. Tests: t/availability.t. */
#include <ctype.h>
#include <string.h>

#include "capacity.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "webaddr.h"

enum { IN_SITE, IN__MAX };
static const struct input availability_inputs[IN__MAX] = {
	[IN_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
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

static int availability(struct request *r)
{
	struct db_rows site, registered;
	struct client_capacity cap;
	int rc = db_query(r->db, r->pool, SQL_SITE_BY_KEY, &site, "s", r->in[IN_SITE]);
	if (rc == DB_OK && site.rows == 0)
		return resp_error(r, 404, "No site is registered with this key.");
	long long site_id = db_cell_int(&site, 0, 0), client_id = db_cell_int(&site, 0, 1);
	if (rc == DB_OK)
		rc = capacity_of_client(r->db, r->pool, client_id, &cap);
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
	const char *status = cap.signed_in == 0 ? "closed"
			     : cap.can_take_visitor ? "available" : "busy";
	return resp_json(r, 200, pool_printf(r->pool, "{\"status\":\"%s\"}", status));
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
