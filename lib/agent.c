/* agent.c - agent state changes, always recorded for the archive. */
#include "agent.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "queue.h"
#include "render.h"
#include "router.h"

const char *const agent_states[] = { "available", "break", "away", NULL };

int agent_record_event(struct request *r, long long agent_id, long long client_id,
		       const char *kind, const char *state)
{
	return db_exec(r->db, SQL_AGENT_EVENT_INSERT, NULL, "iisss", agent_id, client_id, kind,
		       state, r->remote_addr);
}

struct state_change {
	struct request *r;
	long long agent_id, client_id;
	const char *state, *at;          /* at: sign-out of a lapsed session */
	unsigned long long changed;      /* out */
	unsigned long long version;      /* out */
};

static int change_state_once(struct db *db, struct state_change *c)
{
	c->changed = 0;
	c->version = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = queue_lock(db, c->client_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_AGENT_SET_STATE, &c->changed, "sis", c->state, c->agent_id,
			     c->state);
	if (rc == DB_OK && c->changed > 0)
		rc = agent_record_event(c->r, c->agent_id, c->client_id, "state", c->state);
	/* Supervisors' live view and routing both follow the client's queue. */
	if (rc == DB_OK && c->changed > 0)
		rc = queue_bump(db, c->client_id, &c->version);
	if (rc == DB_OK && c->changed > 0 && strcmp(c->state, "available") == 0)
		rc = db_exec(db, SQL_AGENT_SET_IDLE, NULL, "i", c->agent_id);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int agent_change_state(struct request *r, long long agent_id, long long client_id,
		       const char *state)
{
	struct state_change c = { .r = r, .agent_id = agent_id, .client_id = client_id,
				  .state = state };
	int rc, attempt = 0;
	do
		rc = change_state_once(r->db, &c);
	while (db_retry(r->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	queue_notify(client_id, c.version);
	/* An agent who became available may take a waiting visitor at once. */
	if (c.changed > 0 && strcmp(state, "available") == 0)
		router_route_after(r->db, r->pool, client_id);
	return DB_OK;
}

static int sign_out_once(struct db *db, struct state_change *c)
{
	c->changed = 0;
	c->version = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = queue_lock(db, c->client_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_AGENT_SET_OFFLINE_AT, &c->changed, "si", c->at, c->agent_id);
	/* Another host may have done it first: then changed is 0. */
	if (rc == DB_OK && c->changed > 0)
		rc = db_exec(db, SQL_AGENT_EVENT_INSERT_AT, NULL, "iisss", c->agent_id, c->client_id,
			     "signout", "offline", c->at);
	if (rc == DB_OK && c->changed > 0)
		rc = queue_bump(db, c->client_id, &c->version);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/* Every app host's poll program sweeps at once: two may sign the same agent
 * out together, and one then loses (a deadlock, or on Galera a conflict)
 * and finds it done when it runs again. */
static int sign_out_lapsed(struct db *db, long long agent_id, long long client_id, const char *at)
{
	struct state_change c = { .agent_id = agent_id, .client_id = client_id, .at = at };
	int rc, attempt = 0;
	do
		rc = sign_out_once(db, &c);
	while (db_retry(db, &rc, &attempt));
	if (rc == DB_OK && c.changed > 0)
		queue_notify(client_id, c.version);
	return rc;
}

int agent_sweep_lapsed(struct db *db, struct pool *pool)
{
	struct db_rows lapsed;
	int rc = db_query(db, pool, SQL_AGENTS_LAPSED, &lapsed, "");
	for (size_t i = 0; rc == DB_OK && i < lapsed.rows; i++)
		rc = sign_out_lapsed(db, db_cell_int(&lapsed, i, 0), db_cell_int(&lapsed, i, 1),
				     db_cell(&lapsed, i, 2));
	return rc;
}

const char *agent_state_label(const char *state)
{
	if (state == NULL) return "Unknown";
	if (strcmp(state, "available") == 0) return "Available";
	if (strcmp(state, "break") == 0) return "On break";
	if (strcmp(state, "away") == 0) return "Away";
	if (strcmp(state, "offline") == 0) return "Signed out";
	return state;
}

void agent_states_to_view(struct view *v)
{
	for (int i = 0; agent_states[i] != NULL; i++) {
		char key[64];
		snprintf(key, sizeof key, "states.%d.value", i);
		view_set(v, key, agent_states[i]);
		snprintf(key, sizeof key, "states.%d.label", i);
		view_set(v, key, agent_state_label(agent_states[i]));
	}
}
