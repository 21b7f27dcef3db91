/* site_snippets.h - what a site owner pastes into their pages: each site's
 * help link and help button, and the optional co-browsing site script, as
 * the Settings and Sites pages show them ready to copy. */
#ifndef BATON_SITE_SNIPPETS_H
#define BATON_SITE_SNIPPETS_H

#include "request.h"

struct view;
struct db_rows;

/* Sets site_script, base, and for each row of sites (columns: id, name,
 * key, domains, then any) sites.I.id, .name, .key, .domains, .link and
 * .button. */
void site_snippets_to_view(struct request *r, struct view *v, const struct db_rows *sites);

#endif
