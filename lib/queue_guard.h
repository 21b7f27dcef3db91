/* queue_guard.h - keeping a client's queue honest: help requests are
 * limited per address and per visitor (so one machine cannot flood a queue
 * with forged requests), and a request whose waiting page stopped asking
 * about it (the visitor closed it, with or without JavaScript) leaves the
 * queue as abandoned after abandon_after_seconds. */
#ifndef BATON_QUEUE_GUARD_H
#define BATON_QUEUE_GUARD_H

struct config;
struct db;
struct pool;

/* Inside the transaction that would create a request: whether one more
 * may come from this address and visitor. Sets *refusal to a message for
 * the visitor (NULL when allowed). Returns a db_status. */
int queue_guard_admit(struct db *db, struct pool *pool, const struct config *cfg, const char *ip,
		      long long visitor_id, const char **refusal);

/* The waiting page (or its poll) asked about the request: it is still
 * wanted. Writes at most every 15 s. Returns a db_status. */
int queue_guard_seen(struct db *db, long long request_id);

/* Takes out of the queue, as abandoned, the client's requests (or every
 * client's) whose pages have not asked for abandon_after_seconds; commits,
 * notifies and re-routes. Returns a db_status. */
int queue_guard_sweep_client(struct db *db, struct pool *pool, long long client_id,
			     int abandon_after_seconds);
int queue_guard_sweep(struct db *db, struct pool *pool, int abandon_after_seconds);

#endif
