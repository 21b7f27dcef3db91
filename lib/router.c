/* router.c - offering waiting requests to agents, and rolling them on. */
#include "router.h"

#include "capacity.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "pool.h"
#include "queue.h"

static int request_event(struct db *db, long long request_id, long long client_id,
			 const char *kind, long long agent_id)
{
	return db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, client_id, kind,
		       agent_id);
}

/* An offer that timed out goes back to the queue, never to that agent
 * again; the agent's misses count towards being set away. */
static int roll_expired(struct db *db, struct pool *pool, long long client_id,
			long long max_missed, int *changed)
{
	struct db_rows expired;
	int rc = db_query(db, pool, SQL_ROUTE_EXPIRED_OFFERS, &expired, "i", client_id);
	for (size_t i = 0; rc == DB_OK && i < expired.rows; i++) {
		long long request_id = db_cell_int(&expired, i, 0);
		long long agent_id = db_cell_int(&expired, i, 1);
		unsigned long long away = 0;
		rc = db_exec(db, SQL_ROUTE_UNOFFER, NULL, "i", request_id);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_ROUTE_REFUSAL_INSERT, NULL, "ii", request_id, agent_id);
		if (rc == DB_OK)
			rc = request_event(db, request_id, client_id, "rolled", agent_id);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_AGENT_MISSED_OFFER, NULL, "i", agent_id);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_AGENT_SET_AWAY_IF_MISSED, &away, "ii", agent_id, max_missed);
		if (rc == DB_OK && away > 0)
			rc = db_exec(db, SQL_AGENT_EVENT_INSERT, NULL, "iisss", agent_id, client_id,
				     "state", "away", NULL);
		*changed = 1;
	}
	return rc;
}

static int offer_waiting(struct db *db, struct pool *pool, long long client_id, int *changed)
{
	struct client_capacity cap;
	struct db_rows waiting;
	int rc = capacity_of_client(db, pool, client_id, &cap);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_ROUTE_WAITING, &waiting, "i", client_id);
	if (rc != DB_OK || !cap.can_take_visitor)
		return rc;
	long long seats = cap.seat_cap - cap.seats_used;
	for (size_t i = 0; rc == DB_OK && i < waiting.rows && seats > 0; i++) {
		long long request_id = db_cell_int(&waiting, i, 0), agent_id = 0;
		rc = capacity_pick_agent(db, pool, client_id, request_id, &agent_id);
		if (rc != DB_OK || agent_id == 0)
			continue;
		rc = db_exec(db, SQL_ROUTE_OFFER, NULL, "ii", agent_id, request_id);
		if (rc == DB_OK)
			rc = request_event(db, request_id, client_id, "routed", agent_id);
		seats--;
		*changed = 1;
	}
	return rc;
}

struct route {
	struct pool *pool;
	long long client_id;
	unsigned long long version;
};

static int route_once(struct db *db, struct route *t)
{
	struct db_rows settings;
	int changed = 0;
	t->version = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_query(db, t->pool, SQL_CLIENT_SETTINGS_LOCK, &settings, "i", t->client_id);
	if (rc == DB_OK && settings.rows == 1)
		rc = roll_expired(db, t->pool, t->client_id, db_cell_int(&settings, 0, 2), &changed);
	if (rc == DB_OK && settings.rows == 1)
		rc = offer_waiting(db, t->pool, t->client_id, &changed);
	if (rc == DB_OK && changed)
		rc = queue_bump(db, t->client_id, &t->version);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int router_route_client(struct db *db, struct pool *pool, long long client_id)
{
	struct route t = { .pool = pool, .client_id = client_id };
	int rc, attempt = 0;
	do
		rc = route_once(db, &t);
	while (db_retry(db, &rc, &attempt));
	if (rc == DB_OK)
		queue_notify(client_id, t.version);
	return rc;
}

void router_route_after(struct db *db, struct pool *pool, long long client_id)
{
	int rc = router_route_client(db, pool, client_id);
	if (rc != DB_OK)
		log_warn("routing client %lld left to the next sweep (status %d)", client_id, rc);
}

int router_sweep(struct db *db, struct pool *pool)
{
	struct db_rows due;
	int rc = db_query(db, pool, SQL_ROUTE_CLIENTS_DUE, &due, "");
	for (size_t i = 0; rc == DB_OK && i < due.rows; i++)
		rc = router_route_client(db, pool, db_cell_int(&due, i, 0));
	return rc;
}
