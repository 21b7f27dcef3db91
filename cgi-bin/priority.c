/* priority - a client's supervisor or admin gives a waiting visitor a
 * priority (kept on the visitor's profile for next time too): higher
 * priority is served first. Tests: t/priority.t. */
#include "db.h"
#include "helpreq.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "staff.h"

enum { IN_CSRF, IN_REQUEST, IN_PRIORITY, IN__MAX };
static const struct input priority_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_REQUEST] = { "request", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_PRIORITY] = { "priority", INPUT_INT, true, 0, 0, 1000, NULL },
};

static int set_priority(struct request *r)
{
	struct request_status st;
	bool found = false;
	int rc = helpreq_status(r->db, r->pool, r->in[IN_REQUEST], &st, &found);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (!found || !staff_may_see_client(r->session, st.client_id, ROLE_SUPERVISOR))
		return resp_error(r, 403, "Only a supervisor or admin of this client can set a "
				  "visitor's priority.");
	rc = helpreq_set_priority(r, &st, r->in_int[IN_PRIORITY]);
	if (rc == HELPREQ_CLOSED)
		return resp_error(r, 409, "This visitor is no longer waiting.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"priority\":%lld}", r->in_int[IN_PRIORITY]));
	return resp_redirect(r, "/console");
}

static const struct action priority_actions[] = {
	{ METHOD_POST, priority_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, set_priority },
};

static const struct program priority_program = {
	"priority", false, priority_actions, COUNT_OF(priority_actions)
};

int main(int argc, char **argv)
{
	return program_main(&priority_program, argc, argv);
}
