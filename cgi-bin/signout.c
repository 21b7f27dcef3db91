/* signout - ends the agent's session; an agent with no other live session
 * goes offline, so no visitor is routed to them. Tests: t/signout.t. */
#include "agent.h"
#include "db.h"
#include "program.h"
#include "response.h"
#include "session.h"

enum { IN_CSRF, IN__MAX };

static const struct input signout_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
};

static int sign_out(struct request *r)
{
	const struct session *s = r->session;
	struct db_rows others;
	int rc = db_query(r->db, r->pool, SQL_SESSION_OTHERS_LIVE, &others, "ii", s->agent_id, s->id);
	if (rc == DB_OK)
		rc = session_end(r);
	if (rc == DB_OK)
		rc = agent_record_event(r, s->agent_id, s->client_id, "signout", NULL);
	if (rc == DB_OK && db_cell_int(&others, 0, 0) == 0)
		rc = agent_change_state(r, s->agent_id, s->client_id, "offline");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	return resp_redirect(r, "/signin?signed_out=1");
}

static const struct action signout_actions[] = {
	{ METHOD_POST, signout_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, sign_out },
};

static const struct program signout_program = {
	"signout", false, signout_actions, COUNT_OF(signout_actions)
};

int main(int argc, char **argv)
{
	return program_main(&signout_program, argc, argv);
}
