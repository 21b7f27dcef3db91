/* monitor - a supervisor opens a live session of their client silently:
 * they see everything and can prompt the agent privately (a private line),
 * while the visitor sees no sign of them (unless the client chose to tell
 * visitors that sessions may be monitored). Tests: t/monitor.t. */
#include "channel.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "staff.h"

enum { IN_CSRF, IN_CHANNEL, IN__MAX };
static const struct input monitor_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int monitor(struct request *r)
{
	struct member m;
	bool found = false;
	int rc = channel_member(r, r->in[IN_CHANNEL], 0, &m, &found);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	/* channel_member finds the channel even when we are not in it. */
	if (m.channel_id == 0 || !staff_may_see_client(r->session, m.client_id, ROLE_SUPERVISOR))
		return resp_error(r, 403, "Only a supervisor of this client can watch its sessions.");
	if (!m.channel_open)
		return resp_error(r, 409, "This session has ended; find it in the archive.");
	if (!found || m.left)
		rc = channel_monitor(r, &m);
	if (rc == CHANNEL_FULL)
		return resp_error(r, 409, "This session already holds as many people as your desk "
				  "allows (channel_participant_cap).");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", r->in[IN_CHANNEL]));
}

static const struct action monitor_actions[] = {
	{ METHOD_POST, monitor_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, monitor },
};

static const struct program monitor_program = {
	"monitor", false, monitor_actions, COUNT_OF(monitor_actions)
};

int main(int argc, char **argv)
{
	return program_main(&monitor_program, argc, argv);
}
