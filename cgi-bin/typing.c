/* typing - what a participant is typing right now (a last-value-wins
 * signal, not an archived event): agents see a visitor's line as it is
 * typed (in another language, translated a finished sentence at a time:
 * lib/typing_lang.c), visitors see that an agent is typing. Tests:
 * t/typing.t, t/typing-translate.t. */
#include "channel.h"
#include "db.h"
#include "program.h"
#include "response.h"
#include "typing_lang.h"

enum { IN_CHANNEL, IN_TOKEN, IN_TEXT, IN__MAX };
static const struct input typing_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_TEXT] = { "text", INPUT_TEXT, false, 500, 0, 0, NULL },
};

static int typing(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	int rc = channel_typing(r->db, &m, typing_lang_preview(r, &m, r->in[IN_TEXT]));
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, "{\"ok\":true}");
}

static const struct action typing_actions[] = {
	{ METHOD_POST, typing_inputs, IN__MAX, GUARD_NONE, typing },
};

static const struct program typing_program = {
	"typing", true, typing_actions, COUNT_OF(typing_actions)
};

int main(int argc, char **argv)
{
	return program_main(&typing_program, argc, argv);
}
