/* console - the agent's console: who is signed in, their state, and the
 * controls to change it or sign out; the queue, sessions, scheduled sessions
 * and messages, kept live by htdocs/js/console.js. Template: templates/console.cs.
 * Tests: t/console.t. */
#include "agent.h"
#include "db.h"
#include "desk.h"
#include "program.h"
#include "render.h"
#include "request.h"
#include "response.h"
#include "staff.h"

static int console_page(struct request *r)
{
	/* A reseller's account has no desk of its own to work. */
	if (staff_role(r->session) == ROLE_RESELLER)
		return resp_redirect(r, "/clients");
	struct desk d;
	int rc = desk_load(r->db, r->pool, r->session->client_id, r->session->agent_id, &d);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	struct view *v = view_new(r);
	desk_to_view(&d, v);
	view_set(v, "me.state_label", agent_state_label(r->session->state));
	view_set_int(v, "me.state_minutes", r->session->state_seconds / 60);
	agent_states_to_view(v);
	rc = view_render(r, v, 200, "console");
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
