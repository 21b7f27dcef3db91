/* mirror - the visitor's own page mirrored to the agent (issue 20; what a
 * message is: lib/mirror.h).
 *   POST /mirror channel, token, data   one mirror message, stored as the
 *                                       channel's next 'mirror' event
 * The visitor's page sends its DOM, masked in the visitor's browser before
 * it is sent (htdocs/js/mirror.js, through the widget's panel); the agent's
 * viewer (htdocs/js/mirror-view.js) sends fills and clicks back, which the
 * visitor's page carries out only as far as the visitor allows. Everyone
 * in the conversation gets them through the long poll like any event, and
 * the archive keeps them for the replay. A supervisor watching silently
 * sends none. Tests: t/mirror.t, t/browser-mirror.t, t/browser-mirror-compress.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "mirror.h"
#include "pool.h"
#include "program.h"
#include "response.h"

enum { IN_CHANNEL, IN_TOKEN, IN_DATA, IN__MAX };
static const struct input post_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_DATA] = { "data", INPUT_TEXT, true, MIRROR_BODY_MAX, 0, 0, NULL },
};

static int mirror_post(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	/* A chat-only service level (lib/profile.h): a mirrored page is
	 * co-browsing too. */
	if ((status = channel_require_cobrowse(r, &m)) != 0)
		return status;
	const char *data = r->in[IN_DATA];
	bool forbidden = false;
	const char *problem = mirror_check(data, strlen(data), m.kind, &forbidden);
	if (problem != NULL)
		return resp_error(r, forbidden ? 403 : 400, "%s", problem);
	long long seq = 0;
	int rc = channel_post(r->db, m.channel_id, m.participant_id, 0, "mirror", data, NULL, &seq);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld}", seq));
}

static const struct action mirror_actions[] = {
	{ METHOD_POST, post_inputs, IN__MAX, GUARD_NONE, mirror_post },
};

static const struct program mirror_program = { "mirror", true, mirror_actions, COUNT_OF(mirror_actions) };

int main(int argc, char **argv)
{
	return program_main(&mirror_program, argc, argv);
}
