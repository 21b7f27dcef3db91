/* page_view.c - pages seen and time on them, from the site script's
 * beacons (page_view.h). */
#include "page_view.h"

#include <string.h>

#include "crypto.h"
#include "db.h"
#include "input.h"
#include "pool.h"
#include "profile_rules.h"

enum { PV_SITE, PV_TRAIL, PV_PAGE, PV_SECONDS, PV__MAX };
static const struct input view_inputs[PV__MAX] = {
	[PV_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	[PV_TRAIL] = { "trail", INPUT_KEY, true, 32, 0, 0, NULL },
	[PV_PAGE] = { "page", INPUT_LINE, true, 2000, 0, 0, NULL },
	[PV_SECONDS] = { "seconds", INPUT_INT, true, 0, 0, PAGE_VIEW_SECONDS_MAX, NULL },
};

int page_view_parse(struct pool *pool, const char *body, size_t len, struct page_view *pv,
		    const char **error)
{
	memset(pv, 0, sizeof *pv);
	*error = NULL;
	if (body == NULL || len == 0) {
		*error = "The page view is empty.";
		return -1;
	}
	if (len > PAGE_VIEW_BODY_MAX) {
		*error = "The page view is too long.";
		return -1;
	}
	if (memchr(body, '\0', len) != NULL) {
		*error = "The page view holds a NUL byte.";
		return -1;
	}
	struct param *params = input_parse_urlencoded(pool, body, len, error);
	if (params == NULL) {
		if (*error == NULL)
			*error = "The page view has no fields.";
		return -1;
	}
	const char *in[PV__MAX];
	long long num[PV__MAX];
	if (input_validate(pool, params, view_inputs, PV__MAX, in, num, error) != 0)
		return -1;
	if (strncmp(in[PV_PAGE], "http://", 7) != 0 && strncmp(in[PV_PAGE], "https://", 8) != 0) {
		*error = "The page must be an http or https address.";
		return -1;
	}
	pv->site_key = in[PV_SITE];
	pv->trail = in[PV_TRAIL];
	pv->page = in[PV_PAGE];
	pv->seconds = num[PV_SECONDS];
	return 0;
}

int page_view_record(struct db *db, struct pool *pool, long long client_id, long long site_id,
		     const char *trail, const char *url, long long seconds,
		     enum page_view_result *result)
{
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(trail, hash);
	struct db_rows known, tracking;
	*result = PAGE_VIEW_KEPT;
	int rc = db_query(db, pool, SQL_PAGE_VIEW_TRAIL, &known, "isis", client_id, hash, client_id,
			  hash);
	if (rc != DB_OK)
		return rc;
	if (db_cell_int(&known, 0, 0) >= PAGE_VIEW_RATE) {
		*result = PAGE_VIEW_LIMITED;
		return DB_OK;
	}
	long long visitor_id = db_cell(&known, 0, 1) ? db_cell_int(&known, 0, 1) : 0;
	if (visitor_id != 0) {
		rc = db_query(db, pool, SQL_PROFILE_TRACKING, &tracking, "ii", client_id, visitor_id);
		if (rc != DB_OK)
			return rc;
		if (tracking.rows > 0 && db_cell_int(&tracking, 0, 0) == 0) {
			*result = PAGE_VIEW_DECLINED;
			return DB_OK;
		}
	}
	rc = db_exec(db, SQL_PAGE_VIEW_INSERT, NULL, "iisnsi", client_id, site_id, hash, visitor_id,
		     url, seconds);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PAGE_VIEW_TRIM_TRAIL, NULL, "isis", client_id, hash, client_id, hash);
	if (rc == DB_OK && visitor_id != 0)
		rc = db_exec(db, SQL_PAGE_VIEW_TRIM_VISITOR, NULL, "iiii", client_id, visitor_id,
			     client_id, visitor_id);
	return rc;
}

int page_view_link(struct db *db, long long client_id, long long visitor_id, const char *trail,
		   bool tracking)
{
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(trail, hash);
	if (!tracking) {
		int rc = db_exec(db, SQL_PAGE_VIEW_FORGET_TRAIL, NULL, "is", client_id, hash);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_PAGE_TRAIL_FORGET_TRAIL, NULL, "is", client_id, hash);
		return rc;
	}
	int rc = db_exec(db, SQL_PAGE_TRAIL_LINK, NULL, "isi", client_id, hash, visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PAGE_VIEW_LINK, NULL, "iis", visitor_id, client_id, hash);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PAGE_VIEW_TRIM_VISITOR, NULL, "iiii", client_id, visitor_id,
			     client_id, visitor_id);
	return rc;
}

int page_view_facts(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		    const char *asked_from, struct profile_facts *facts)
{
	struct db_rows seen;
	int rc = db_query(db, pool, SQL_PROFILE_PAGES_SEEN, &seen, "ii", client_id, visitor_id);
	if (rc != DB_OK)
		return rc;
	facts->pages_seen = seen.rows;
	facts->page_urls = pool_alloc(pool, (seen.rows + 1) * sizeof *facts->page_urls);
	for (size_t i = 0; i < seen.rows; i++) {
		facts->page_urls[i] = db_cell(&seen, i, 0);
		/* Newest first: the first that is not the page asked from is
		 * where the visitor came from. */
		if (facts->came_from == NULL
		    && (asked_from == NULL || strcmp(asked_from, facts->page_urls[i]) != 0))
			facts->came_from = facts->page_urls[i];
	}
	return DB_OK;
}
