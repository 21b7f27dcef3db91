/* desk.h - what an agent's console shows: the client's queue (with offers
 * to this agent marked), the agent's open sessions, scheduled sessions,
 * messages, and the colleagues a session can be handed to. Loaded once and
 * shown either as the console page or as the console's poll answer. */
#ifndef BATON_DESK_H
#define BATON_DESK_H

#include "buf.h"
#include "db.h"

struct view;

struct desk {
	unsigned long long version;
	const char *state;
	struct db_rows queue, channels, messages, scheduled, agents;
};

int desk_load(struct db *db, struct pool *pool, long long client_id, long long agent_id,
	      struct desk *d);
/* The colleagues an agent can hand a session to: the client's staff free
 * to take a visitor (capacity.h), but the agent (id, name, state). */
int desk_colleagues(struct db *db, struct pool *pool, long long client_id, long long agent_id,
		    struct db_rows *agents);
void desk_json(const struct desk *d, struct buf *out);
void desk_to_view(const struct desk *d, struct view *v);

#endif
