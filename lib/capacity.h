/* capacity.h - who is free to take a visitor, the one definition that
 * routing, /availability, the waiting page, the desk (the console's list
 * of colleagues and the supervisors' view), /accept and /transfer all use.
 *
 * A member of staff is free to take a visitor when they are available,
 * not disabled, signed in, hold fewer open sessions than their maximum
 * (watching one silently counts) and have no offer out. A client can take
 * a visitor now when one of its staff is free and a seat of its desk (its
 * seat cap: open sessions plus offers out) is free. The SQL is in
 * lib/sql_capacity.c. */
#ifndef BATON_CAPACITY_H
#define BATON_CAPACITY_H

#include <stdbool.h>

struct db;
struct db_rows;
struct pool;

struct client_capacity {
	long long signed_in;   /* staff signed in and not offline */
	long long free_agents; /* of them, free to take a visitor */
	long long seats_used;  /* open sessions and offers out */
	long long seat_cap;
	bool seats_full;       /* seats_used >= seat_cap */
	bool can_take_visitor; /* someone free and a seat free */
};

/* The client's capacity now. Returns a db_status. */
int capacity_of_client(struct db *db, struct pool *pool, long long client_id,
		       struct client_capacity *out);

struct agent_capacity {
	bool free_to_take_visitor;
	long long open_sessions;
	long long max_sessions;
	long long client_id;    /* 0: no such agent */
};

/* One member of staff now. Returns a db_status. */
int capacity_of_agent(struct db *db, struct pool *pool, long long agent_id,
		      struct agent_capacity *out);

/* The client's staff free to take a visitor (id, display name, state),
 * by name. Returns a db_status. */
int capacity_free_agents(struct db *db, struct pool *pool, long long client_id,
			 struct db_rows *out);

/* Routing's choice for a request: the free member of staff who has not let
 * it roll, idle longest; *agent_id 0 when there is none. */
int capacity_pick_agent(struct db *db, struct pool *pool, long long client_id,
			long long request_id, long long *agent_id);

#endif
