/* leave - a participant leaves the channel. When the last agent (or
 * everyone) has left, the channel closes and the visitor is shown that it
 * has ended, with a link to the transcript. Tests: t/leave.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"

enum { IN_CHANNEL, IN_TOKEN, IN__MAX };
static const struct input leave_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
};

static int leave(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	int rc = channel_leave(r, &m);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	const char *next = strcmp(m.kind, "agent") == 0
				   ? "/console"
				   : pool_printf(r->pool, "/transcript?id=%s", r->in[IN_CHANNEL]);
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"left\":true,\"next\":\"%s\"}", next));
	return resp_redirect(r, next);
}

static const struct action leave_actions[] = {
	{ METHOD_POST, leave_inputs, IN__MAX, GUARD_NONE, leave },
};

static const struct program leave_program = { "leave", false, leave_actions, COUNT_OF(leave_actions) };

int main(int argc, char **argv)
{
	return program_main(&leave_program, argc, argv);
}
