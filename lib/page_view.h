/* page_view.h - the pages a visitor saw on a client's sites, with the time
 * they spent on each: what the optional site script (htdocs/js/baton-site.js)
 * reports when a page is left, a small form-encoded beacon to /pageview:
 *
 *   site=KEY&trail=TOKEN&page=URL&seconds=N
 *
 * TOKEN (32 hex) names the browser tab's trail; the site script keeps it in
 * the site's own sessionStorage and adds it to the help link, so the help
 * click makes the trail the visitor's (page_view_link): the path to the
 * click, and what they see afterwards, in their profile. Baton keeps only
 * the token's hash. A visitor who declined the site's tracking sends none,
 * and what was kept of their trail is forgotten.
 *
 * Bounds: a body of at most PAGE_VIEW_BODY_MAX bytes, PAGE_VIEW_RATE views
 * a minute per trail (more are refused with a 429), the newest 50 views
 * of a trail and 100 of a visitor (lib/sql_profile.c's trims), and the
 * client's retention (profile_retention_days). */
#ifndef BATON_PAGE_VIEW_H
#define BATON_PAGE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

struct db;
struct pool;
struct profile_facts;

enum { PAGE_VIEW_BODY_MAX = 2600, PAGE_VIEW_RATE = 20, PAGE_VIEW_SECONDS_MAX = 86400 };

struct page_view {
	const char *site_key;  /* 32 hex */
	const char *trail;     /* 32 hex: the tab's trail token */
	const char *page;      /* the page's address, as the script saw it */
	long long seconds;     /* time the page was in view */
};

/* Parses a beacon's body of len bytes. Returns 0, or -1 with a message in
 * *error (too long, malformed, a field missing or out of bounds). */
int page_view_parse(struct pool *pool, const char *body, size_t len, struct page_view *pv,
		    const char **error);

/* What became of a page view. */
enum page_view_result { PAGE_VIEW_KEPT, PAGE_VIEW_LIMITED, PAGE_VIEW_DECLINED };

/* Keeps a parsed page view (url as it may be stored) for the client's site:
 * on the trail, and the visitor's when a help click linked it. Returns a
 * db_status and sets *result. */
int page_view_record(struct db *db, struct pool *pool, long long client_id, long long site_id,
		     const char *trail, const char *url, long long seconds,
		     enum page_view_result *result);

/* A help click carried the tab's trail token: its views become the
 * visitor's, or, when the visitor declined tracking, are forgotten. */
int page_view_link(struct db *db, long long client_id, long long visitor_id, const char *trail,
		   bool tracking);

/* The pages the rules see: every page seen in 7 days (seen) and the page
 * seen before the one asked from (came_from). */
int page_view_facts(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		    const char *asked_from, struct profile_facts *facts);

#endif
