/* supervise - a client's desk, live, for its supervisors: each agent with
 * state, time in it, sessions and their length; the queue with its length
 * and oldest wait; alerts that stand out. htdocs/js/supervise.js keeps it
 * live (long-poll). Operators choose the client with ?client=SLUG.
 * Template: templates/supervise.cs. Tests: t/supervise.t. */
#include "db.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "staff.h"
#include "supervise.h"

enum { IN_CLIENT, IN__MAX };
static const struct input supervise_inputs[IN__MAX] = {
	[IN_CLIENT] = { "client", INPUT_LINE, false, 64, 0, 0, NULL },
};

static int supervise_page(struct request *r)
{
	long long client_id;
	int status = staff_client_for_request(r, r->in[IN_CLIENT], ROLE_SUPERVISOR, &client_id);
	if (status != 0)
		return status;
	struct supervision s;
	int rc = supervise_load(r->db, r->pool, client_id, &s);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	struct view *v = view_new(r);
	supervise_to_view(&s, r->pool, v);
	view_set(v, "client_slug", r->in[IN_CLIENT]);
	rc = view_render(r, v, 200, "supervise");
	view_free(v);
	return rc;
}

static const struct action supervise_actions[] = {
	{ METHOD_GET, supervise_inputs, IN__MAX, GUARD_SESSION, supervise_page },
};

static const struct program supervise_program = {
	"supervise", false, supervise_actions, COUNT_OF(supervise_actions)
};

int main(int argc, char **argv)
{
	return program_main(&supervise_program, argc, argv);
}
