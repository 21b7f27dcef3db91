/* panel.h - Baton's visitor pages inside the widget's panel: the optional
 * site script (htdocs/js/baton-site.js) shows them in a frame of Baton's
 * origin on the client's own pages, so no script of the site can read the
 * conversation. A visitor page asked for by a frame (Sec-Fetch-Dest:
 * iframe) may be framed by the site's registered domains, and renders for
 * the panel (the view gets panel = 1: no top bar, a compact layout, and
 * htdocs/js/panel.js to talk with the site script). */
#ifndef BATON_PANEL_H
#define BATON_PANEL_H

#include "request.h"

/* For a visitor page about a request or channel of this site: when the
 * page is asked for by a frame, lets the site's registered domains (and
 * their subdomains, any port) frame it. Returns a db_status. */
int panel_allow(struct request *r, long long site_id);

/* The same for a visitor page about a channel: its request's site. */
int panel_allow_channel(struct request *r, long long channel_id);

/* The CSP frame-ancestors sources for a list of domains: "'self'" then
 * "DOMAIN:* *.DOMAIN:*" for each domain that is a plain host name or IPv4
 * address (anything else is left out). Pure (t/unit/panel.c). */
const char *panel_frame_ancestors(struct pool *pool, const char *const *domains, size_t count);

#endif
