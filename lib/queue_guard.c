/* queue_guard.c - limits on help requests, and abandoned requests (see
 * queue_guard.h). */
#include "queue_guard.h"

#include "config.h"
#include "db.h"
#include "pool.h"
#include "queue.h"
#include "router.h"

int queue_guard_admit(struct db *db, struct pool *pool, const struct config *cfg, const char *ip,
		      long long visitor_id, const char **refusal)
{
	struct db_rows counts;
	*refusal = NULL;
	int rc = db_query(db, pool, SQL_GUARD_COUNTS, &counts, "ssi", ip, ip, visitor_id);
	if (rc != DB_OK)
		return rc;
	if (db_cell_int(&counts, 0, 0) >= cfg->help_open_requests_per_address
	    || db_cell_int(&counts, 0, 1) >= cfg->help_requests_per_address_per_minute)
		*refusal = "Too many requests for help come from your network right now. Please "
			   "try again in a minute.";
	else if (db_cell_int(&counts, 0, 2) >= cfg->help_requests_per_visitor_per_hour)
		*refusal = "You have asked for help many times in the last hour. Please try again "
			   "later.";
	return DB_OK;
}

int queue_guard_seen(struct db *db, long long request_id)
{
	return db_exec(db, SQL_GUARD_SEEN, NULL, "i", request_id);
}

struct abandonment {
	struct pool *pool;
	long long client_id;
	int after_seconds;
	unsigned long long version;   /* out: the queue's, 0 if unchanged */
};

static int abandon_once(struct db *db, struct abandonment *a)
{
	struct db_rows due;
	a->version = 0;
	int rc = queue_lock(db, a->client_id);
	if (rc == DB_OK)
		rc = db_query(db, a->pool, SQL_GUARD_ABANDON_DUE, &due, "ii", a->client_id,
			      (long long)a->after_seconds);
	if (rc != DB_OK || due.rows == 0)
		return rc;
	for (size_t i = 0; rc == DB_OK && i < due.rows; i++) {
		long long id = db_cell_int(&due, i, 0);
		rc = db_exec(db, SQL_GUARD_ABANDON, NULL, "i", id);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", id, a->client_id,
				     "abandoned", 0LL);
	}
	if (rc == DB_OK)
		rc = queue_bump(db, a->client_id, &a->version);
	return rc;
}

int queue_guard_sweep_client(struct db *db, struct pool *pool, long long client_id,
			     int abandon_after_seconds)
{
	struct abandonment a = { .pool = pool, .client_id = client_id,
				 .after_seconds = abandon_after_seconds };
	int rc, attempt = 0;
	do {
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = abandon_once(db, &a);
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	if (rc != DB_OK || a.version == 0)
		return rc;
	queue_notify(client_id, a.version);
	/* A withdrawn offer frees its agent for the next visitor. */
	router_route_after(db, pool, client_id);
	return DB_OK;
}

int queue_guard_sweep(struct db *db, struct pool *pool, int abandon_after_seconds)
{
	struct db_rows due;
	int rc = db_query(db, pool, SQL_GUARD_ABANDON_CLIENTS, &due, "i", (long long)abandon_after_seconds);
	for (size_t i = 0; rc == DB_OK && i < due.rows; i++)
		rc = queue_guard_sweep_client(db, pool, db_cell_int(&due, i, 0), abandon_after_seconds);
	return rc;
}
