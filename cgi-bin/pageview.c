/* pageview - the optional site script (htdocs/js/baton-site.js) reports a
 * page of a client's site the visitor left and how long it was in view: a
 * form-encoded beacon (lib/page_view.h has the format and the bounds). The
 * page must be on a domain registered for the site, and the beacon come
 * from that page's origin. Kept on the tab's trail, and in the visitor's
 * profile once a help click linked the trail (cgi-bin/help.c); a visitor
 * who declined tracking sends none, and none is kept for them. Answers
 * JSON: {"ok":true,"kept":BOOL}, a 4xx saying what is wrong, or a 429 when
 * a trail reports more than PAGE_VIEW_RATE pages a minute.
 * Tests: t/pageview.t, t/browser-pageview.t. */
#include <string.h>

#include "db.h"
#include "helpreq.h"
#include "page_view.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "webaddr.h"

/* The page's host is a domain of the site, and the beacon came from it. */
static int page_of_site(struct request *r, long long site_id, const char *page, bool *ok)
{
	*ok = false;
	const char *host = helpreq_url_host(r->pool, page);
	if (host == NULL || !webaddr_host_is_ascii(host))
		return DB_OK;
	if (r->origin != NULL) {
		const char *origin_host = helpreq_url_host(r->pool, r->origin);
		if (origin_host == NULL || strcmp(origin_host, host) != 0)
			return DB_OK;
	}
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_SITE_HAS_DOMAIN, &rows, "iss", site_id, host, host);
	*ok = rc == DB_OK && db_cell_int(&rows, 0, 0) != 0;
	return rc;
}

static int pageview(struct request *r)
{
	struct page_view pv;
	const char *error = NULL;
	if (page_view_parse(r->pool, r->body, r->body ? r->body_len : 0, &pv, &error) != 0)
		return resp_error(r, r->body_len > PAGE_VIEW_BODY_MAX ? 413 : 400, "%s", error);
	struct db_rows site;
	int rc = db_query(r->db, r->pool, SQL_SITE_BY_KEY, &site, "s", pv.site_key);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (site.rows == 0)
		return resp_error(r, 404, "No site has the key %s.", pv.site_key);
	if (db_cell_int(&site, 0, 5) != 0)
		return resp_error(r, 403, "This help desk is not available at the moment.");
	long long site_id = db_cell_int(&site, 0, 0), client_id = db_cell_int(&site, 0, 1);
	bool ok;
	if ((rc = page_of_site(r, site_id, pv.page, &ok)) != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (!ok)
		return resp_error(r, 403, "The page is not on a domain of the site %s, or the report "
				  "did not come from it.", db_cell(&site, 0, 2));
	enum page_view_result result;
	rc = page_view_record(r->db, r->pool, client_id, site_id, pv.trail,
			      helpreq_page_url(r->pool, pv.page), pv.seconds, &result);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (result == PAGE_VIEW_LIMITED) {
		resp_header(r, "Retry-After", "60");
		return resp_error(r, 429, "More than %d pages a minute: these are not kept.",
				  PAGE_VIEW_RATE);
	}
	return resp_json(r, 200, result == PAGE_VIEW_KEPT ? "{\"ok\":true,\"kept\":true}"
							  : "{\"ok\":true,\"kept\":false}");
}

static const struct action pageview_actions[] = {
	{ METHOD_POST, NULL, 0, GUARD_NONE, pageview },
};

static const struct program pageview_program = { "pageview", true, pageview_actions,
						  COUNT_OF(pageview_actions) };

int main(int argc, char **argv)
{
	return program_main(&pageview_program, argc, argv);
}
