/* site_snippets.c - help links, buttons and the site script, ready to copy
 * (see site_snippets.h). */
#include "site_snippets.h"

#include <stdio.h>

#include "config.h"
#include "db.h"
#include "pool.h"
#include "render.h"

void site_snippets_to_view(struct request *r, struct view *v, const struct db_rows *sites)
{
	const char *base = r->cfg->public_url[0] ? r->cfg->public_url : request_origin(r);
	view_set(v, "base", base);
	view_set(v, "site_script", pool_printf(r->pool, "<script src=\"%s/js/baton-site.js\" async></script>",
					       base));
	for (size_t i = 0; i < sites->rows; i++) {
		char key[64];
		const char *site_key = db_cell(sites, i, 2);
		snprintf(key, sizeof key, "sites.%zu.id", i);
		view_set(v, key, db_cell(sites, i, 0));
		snprintf(key, sizeof key, "sites.%zu.name", i);
		view_set(v, key, db_cell(sites, i, 1));
		snprintf(key, sizeof key, "sites.%zu.key", i);
		view_set(v, key, site_key);
		snprintf(key, sizeof key, "sites.%zu.domains", i);
		view_set(v, key, db_cell(sites, i, 3));
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
}
