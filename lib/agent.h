/* agent.h - an agent's availability and the events that record it. */
#ifndef BATON_AGENT_H
#define BATON_AGENT_H

#include "request.h"

struct db;
struct pool;

/* The states an agent can choose; "offline" is set by signing out. */
extern const char *const agent_states[];

/* Sets the agent's state and records it in agent_event, in one transaction.
 * Returns a db_status. */
int agent_change_state(struct request *r, long long agent_id, long long client_id,
		       const char *state);
/* Records a sign-in, sign-out or similar event for the agent. */
int agent_record_event(struct request *r, long long agent_id, long long client_id,
		       const char *kind, const char *state);
/* Signs out, as of when their last session lapsed, the agents still shown
 * as signed in whose sessions have all expired: otherwise they would stay
 * "available" (or on break) in the desk and the reports until they came
 * back. Run by the poll program every few seconds. Returns a db_status. */
int agent_sweep_lapsed(struct db *db, struct pool *pool);
struct view;
/* Sets states.N.value and states.N.label for a state chooser. */
void agent_states_to_view(struct view *v);
/* A label for people: "available" -> "Available", "break" -> "On break". */
const char *agent_state_label(const char *state);

#endif
