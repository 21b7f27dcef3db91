/* panel.c - who may frame the widget's panel. */
#include "panel.h"

#include <string.h>

#include "buf.h"
#include "db.h"
#include "pool.h"

/* A domain goes into a header only when it is plainly a host name. */
static bool plain_host(const char *d)
{
	size_t n = strlen(d);
	if (n == 0 || n > 253 || d[0] == '.' || d[0] == '-')
		return false;
	return strspn(d, "abcdefghijklmnopqrstuvwxyz0123456789.-") == n;
}

const char *panel_frame_ancestors(struct pool *pool, const char *const *domains, size_t count)
{
	struct buf out;
	buf_init(&out);
	buf_puts(&out, "'self'");
	for (size_t i = 0; i < count; i++) {
		if (domains[i] == NULL || !plain_host(domains[i]))
			continue;
		buf_printf(&out, " %s:* *.%s:*", domains[i], domains[i]);
	}
	const char *sources = pool_strdup(pool, out.data ? out.data : "'self'");
	buf_free(&out);
	return sources;
}

int panel_allow(struct request *r, long long site_id)
{
	if (!r->framed)
		return DB_OK;
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_PANEL_SITE_DOMAINS, &rows, "i", site_id);
	if (rc != DB_OK)
		return rc;
	const char **domains = pool_alloc(r->pool, (rows.rows + 1) * sizeof *domains);
	for (size_t i = 0; i < rows.rows; i++)
		domains[i] = db_cell(&rows, i, 0);
	r->resp.frame_ancestors = panel_frame_ancestors(r->pool, domains, rows.rows);
	return DB_OK;
}

int panel_allow_channel(struct request *r, long long channel_id)
{
	if (!r->framed)
		return DB_OK;
	struct db_rows site;
	int rc = db_query(r->db, r->pool, SQL_CHANNEL_SITE, &site, "i", channel_id);
	if (rc != DB_OK || site.rows == 0)
		return rc;
	return panel_allow(r, db_cell_int(&site, 0, 0));
}
