/* transfer - an agent hands a channel to another available agent of the
 * client, who joins it as leader while the first agent leaves.
 * Tests: t/transfer.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"

enum { IN_CHANNEL, IN_TOKEN, IN_AGENT, IN__MAX };
static const struct input transfer_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_AGENT] = { "agent", INPUT_INT, true, 0, 1, 1000000000000LL, NULL },
};

static int transfer(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	if (strcmp(m.kind, "agent") != 0)
		return resp_error(r, 403, "Only an agent can hand the session to another agent.");
	int rc = channel_transfer(r, &m, r->in_int[IN_AGENT]);
	if (rc == CHANNEL_TAKEN)
		return resp_error(r, 409, "That agent cannot take the session: they must be an "
				  "available agent of your desk.");
	if (rc == CHANNEL_CLOSED)
		return resp_error(r, 409, "This conversation has ended for you.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (r->wants_json)
		return resp_json(r, 200, "{\"transferred\":true,\"next\":\"/console\"}");
	return resp_redirect(r, "/console");
}

static const struct action transfer_actions[] = {
	{ METHOD_POST, transfer_inputs, IN__MAX, GUARD_NONE, transfer },
};

static const struct program transfer_program = {
	"transfer", false, transfer_actions, COUNT_OF(transfer_actions)
};

int main(int argc, char **argv)
{
	return program_main(&transfer_program, argc, argv);
}
