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

static int proposal_of(struct request *r, long long channel_id, long long participant_id,
		       const char **url)
{
	struct db_rows row;
	*url = NULL;
	int rc = db_query(r->db, r->pool, SQL_PARTICIPANT_PROPOSAL, &row, "ii", participant_id,
			  channel_id);
	if (rc == DB_OK && row.rows > 0)
		*url = db_cell(&row, 0, 0);
	return rc;
}

int lead_propose(struct request *r, const struct member *m, const char *url)
{
	const char *current;
	int rc = proposal_of(r, m->channel_id, m->participant_id, &current);
	if (rc != DB_OK || (current != NULL && strcmp(current, url) == 0))
		return rc; /* asked already (the view reports it again as it scrolls) */
	struct signal sig = { .kind = SIGNAL_PROPOSE, .text = url };
	return channel_signal(r->db, m, &sig);
}

int lead_follow_proposal(struct request *r, const struct member *agent, long long visitor,
			 const char *url, bool *matches)
{
	const char *current;
	*matches = false;
	int rc = proposal_of(r, agent->channel_id, visitor, &current);
	if (rc != DB_OK || current == NULL || strcmp(current, url) != 0)
		return rc;
	*matches = true;
	/* Answered: the visitor's proposal is withdrawn for everyone. */
	struct member proposer = *agent;
	proposer.participant_id = visitor;
	struct signal sig = { .kind = SIGNAL_PROPOSE, .text = NULL };
	return channel_signal(r->db, &proposer, &sig);
}
