/* capacity.c - who is free to take a visitor (see capacity.h). */
#include "capacity.h"

#include "db.h"

int capacity_of_client(struct db *db, struct pool *pool, long long client_id,
		       struct client_capacity *out)
{
	struct db_rows row;
	int rc = db_query(db, pool, SQL_CAPACITY_CLIENT, &row, "i", client_id);
	if (rc != DB_OK)
		return rc;
	out->signed_in = db_cell_int(&row, 0, 0);
	out->free_agents = db_cell_int(&row, 0, 1);
	out->seats_used = db_cell_int(&row, 0, 2);
	out->seat_cap = db_cell_int(&row, 0, 3);
	out->seats_full = out->seats_used >= out->seat_cap;
	out->can_take_visitor = out->free_agents > 0 && !out->seats_full;
	return DB_OK;
}

int capacity_of_agent(struct db *db, struct pool *pool, long long agent_id,
		      struct agent_capacity *out)
{
	struct db_rows row;
	int rc = db_query(db, pool, SQL_CAPACITY_AGENT, &row, "i", agent_id);
	if (rc != DB_OK)
		return rc;
	out->free_to_take_visitor = db_cell_int(&row, 0, 0) != 0;
	out->open_sessions = db_cell_int(&row, 0, 1);
	out->max_sessions = db_cell_int(&row, 0, 2);
	out->client_id = db_cell_int(&row, 0, 3);
	return DB_OK;
}

int capacity_free_agents(struct db *db, struct pool *pool, long long client_id,
			 struct db_rows *out)
{
	return db_query(db, pool, SQL_CAPACITY_FREE_AGENTS, out, "i", client_id);
}

int capacity_pick_agent(struct db *db, struct pool *pool, long long client_id,
			long long request_id, long long *agent_id)
{
	struct db_rows row;
	int rc = db_query(db, pool, SQL_CAPACITY_PICK_AGENT, &row, "iiii", client_id, request_id,
			  request_id, request_id);
	*agent_id = rc == DB_OK && row.rows > 0 ? db_cell_int(&row, 0, 0) : 0;
	return rc;
}
