/* lead.c - where a leader may take everyone (see lead.h). */
#include "lead.h"

#include <string.h>

#include "channel.h"
#include "config.h"
#include "db.h"
#include "webaddr.h"

int lead_may_go(struct request *r, const struct member *m, const char *url, bool *direct)
{
	*direct = true;
	if (strcmp(m->kind, "visitor") != 0 || r->cfg->visitor_lead_anywhere)
		return DB_OK;
	*direct = false;
	struct web_target t;
	if (!webaddr_parse(url, &t) || !webaddr_host_is_ascii(t.host))
		return DB_OK;
	struct db_rows own;
	int rc = db_query(r->db, r->pool, SQL_SITE_DOMAIN_OF_CLIENT, &own, "iss", m->client_id, t.host,
			  t.host);
	if (rc == DB_OK)
		*direct = db_cell_int(&own, 0, 0) > 0;
	return rc;
}

int lead_proposal_matches(struct request *r, const struct member *m, long long seq, const char *url,
			  bool *matches)
{
	struct db_rows ev;
	*matches = false;
	int rc = db_query(r->db, r->pool, SQL_EVENT_PROPOSAL, &ev, "ii", m->channel_id, seq);
	if (rc == DB_OK && ev.rows > 0 && db_cell(&ev, 0, 0) != NULL)
		*matches = strcmp(db_cell(&ev, 0, 0), url) == 0;
	return rc;
}

int lead_already_proposed(struct request *r, const struct member *m, const char *url, bool *already)
{
	struct db_rows ev;
	*already = false;
	int rc = db_query(r->db, r->pool, SQL_EVENT_LAST_PROPOSAL, &ev, "ii", m->channel_id,
			  m->participant_id);
	if (rc == DB_OK && ev.rows > 0 && db_cell(&ev, 0, 0) != NULL)
		*already = strcmp(db_cell(&ev, 0, 0), url) == 0;
	return rc;
}
