/* avatar - a participant chooses their avatar for the viewer's strip.
 * The avatars are the pictures in htdocs/avatars/. Tests: t/avatar.t. */
#include "channel.h"
#include "db.h"
#include "program.h"
#include "response.h"

enum { IN_CHANNEL, IN_TOKEN, IN_AVATAR, IN__MAX };
static const struct input avatar_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_AVATAR] = { "avatar", INPUT_CHOICE, true, 32, 0, 0, channel_avatars },
};

static int choose_avatar(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	struct signal sig = { .kind = SIGNAL_AVATAR, .text = r->in[IN_AVATAR] };
	int rc = channel_signal(r->db, &m, &sig);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, "{\"ok\":true}");
}

static const struct action avatar_actions[] = {
	{ METHOD_POST, avatar_inputs, IN__MAX, GUARD_NONE, choose_avatar },
};

static const struct program avatar_program = {
	"avatar", true, avatar_actions, COUNT_OF(avatar_actions)
};

int main(int argc, char **argv)
{
	return program_main(&avatar_program, argc, argv);
}
