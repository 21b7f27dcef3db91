/* state - an agent changes their state (available, on break, away).
 * Answers JSON to scripts that ask for it, otherwise returns to the page the
 * form was on (the top bar's buttons, on every page) or the console.
 * Tests: t/state.t. */
#include "agent.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "staff.h"

enum { IN_CSRF, IN_STATE, IN_BACK, IN__MAX };

static const struct input state_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_STATE] = { "state", INPUT_CHOICE, true, 20, 0, 0, agent_states },
	/* The page the top bar's buttons were on (a local path). */
	[IN_BACK] = { "back", INPUT_LINE, false, 1100, 0, 0, NULL },
};

static int change_state(struct request *r)
{
	const char *state = r->in[IN_STATE];
	if (staff_role(r->session) == ROLE_RESELLER)
		return resp_error(r, 403, "A reseller's account takes no visitors, so it has no state.");
	int rc = agent_change_state(r, r->session->agent_id, r->session->client_id, state);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"state\":\"%s\"}", state));
	/* resp_redirect() takes local paths only; anything else goes to "/". */
	return resp_redirect(r, r->in[IN_BACK] ? r->in[IN_BACK] : "/console");
}

static const struct action state_actions[] = {
	{ METHOD_POST, state_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, change_state },
};

static const struct program state_program = {
	"state", false, state_actions, COUNT_OF(state_actions)
};

int main(int argc, char **argv)
{
	return program_main(&state_program, argc, argv);
}
