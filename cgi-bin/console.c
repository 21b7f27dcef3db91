/* console - the agent's console: who is signed in, their state, and the
 * controls to change it or sign out. Template: templates/console.cs.
 * Tests: t/console.t. */
#include "agent.h"
#include "program.h"
#include "render.h"
#include "request.h"

static int console_page(struct request *r)
{
	struct view *v = view_new(r);
	view_set(v, "me.state_label", agent_state_label(r->session->state));
	view_set_int(v, "me.state_minutes", r->session->state_seconds / 60);
	agent_states_to_view(v);
	int rc = view_render(r, v, 200, "console");
	view_free(v);
	return rc;
}

static const struct action console_actions[] = {
	{ METHOD_GET, NULL, 0, GUARD_SESSION, console_page },
};

static const struct program console_program = {
	"console", false, console_actions, COUNT_OF(console_actions)
};

int main(int argc, char **argv)
{
	return program_main(&console_program, argc, argv);
}
