/* settings - the client's settings page for staff: each site's help link
 * and availability button, ready to copy. Template: templates/settings.cs.
 * Tests: t/settings.t. */
#include <stdio.h>

#include "config.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"

static int settings_page(struct request *r)
{
	struct db_rows sites, client;
	int rc = db_query(r->db, r->pool, SQL_SITE_BY_CLIENT, &sites, "i", r->session->client_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CLIENT_SETTINGS, &client, "i", r->session->client_id);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	const char *base = r->cfg->public_url[0] ? r->cfg->public_url : request_origin(r);
	struct view *v = view_new(r);
	view_set(v, "base", base);
	view_set(v, "site_script", pool_printf(r->pool, "<script src=\"%s/js/baton-site.js\" async></script>",
					       base));
	for (size_t i = 0; i < sites.rows; i++) {
		char key[64];
		const char *site_key = db_cell(&sites, i, 2);
		snprintf(key, sizeof key, "sites.%zu.name", i);
		view_set(v, key, db_cell(&sites, i, 1));
		snprintf(key, sizeof key, "sites.%zu.domains", i);
		view_set(v, key, db_cell(&sites, i, 3));
		snprintf(key, sizeof key, "sites.%zu.help_address", i);
		view_set(v, key, db_cell(&sites, i, 4));
		snprintf(key, sizeof key, "sites.%zu.link", i);
		/* The referrer policy lets the link tell Baton the page it was on,
		 * not only the site (browsers send just the origin otherwise). */
		view_set(v, key, pool_printf(r->pool, "<a href=\"%s/help?site=%s\" "
					     "referrerpolicy=\"no-referrer-when-downgrade\">Talk to us</a>",
					     base, site_key));
		snprintf(key, sizeof key, "sites.%zu.button", i);
		view_set(v, key, pool_printf(r->pool, "<a href=\"%s/help?site=%s\" "
					     "referrerpolicy=\"no-referrer-when-downgrade\" data-baton-help>Talk to us"
					     "</a>\n<script src=\"%s/js/help-button.js\" async></script>",
					     base, site_key, base));
	}
	static const char *const names[] = { "seat_cap", "accept_timeout", "max_missed",
		"participant_cap", "wait_target", NULL };
	for (size_t c = 0; names[c] != NULL && client.rows > 0; c++) {
		char key[64];
		snprintf(key, sizeof key, "client.%s", names[c]);
		view_set(v, key, db_cell(&client, 0, c));
	}
	rc = view_render(r, v, 200, "settings");
	view_free(v);
	return rc;
}

static const struct action settings_actions[] = {
	{ METHOD_GET, NULL, 0, GUARD_SESSION, settings_page },
};

static const struct program settings_program = {
	"settings", false, settings_actions, COUNT_OF(settings_actions)
};

int main(int argc, char **argv)
{
	return program_main(&settings_program, argc, argv);
}
