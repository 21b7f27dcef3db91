/* pointer - where a participant's mouse pointer is, for the others to see:
 * in page coordinates (CSS pixels from the page's top left, reported by the
 * site script, so it lands right at any window size and scroll), or as
 * fractions of the view on the pointing overlay for pages without the
 * script. Last value wins. Tests: t/pointer.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "mark.h"
#include "program.h"
#include "response.h"

static const char *const pointer_modes[] = { "page", "overlay", NULL };

enum { IN_CHANNEL, IN_TOKEN, IN_MODE, IN_X, IN_Y, IN__MAX };
static const struct input pointer_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_MODE] = { "mode", INPUT_CHOICE, true, 10, 0, 0, pointer_modes },
	[IN_X] = { "x", INPUT_LINE, true, 20, 0, 0, NULL },
	[IN_Y] = { "y", INPUT_LINE, true, 20, 0, 0, NULL },
};

/* A plain decimal within [0, max] (the whiteboard's rule for coordinates). */
static bool coordinate(const char *s, double max)
{
	double value;
	return mark_coordinate(s, strlen(s), max, &value);
}

static int pointer(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	bool overlay = strcmp(r->in[IN_MODE], "overlay") == 0;
	double max = overlay ? 1.0 : 10000000.0;
	if (!coordinate(r->in[IN_X], max) || !coordinate(r->in[IN_Y], max))
		return resp_error(r, 400, overlay ? "Overlay coordinates are fractions from 0 to 1."
						  : "Page coordinates are pixels from 0.");
	struct signal sig = { .kind = SIGNAL_POINTER, .mode = r->in[IN_MODE],
			      .px = r->in[IN_X], .py = r->in[IN_Y],
			      .sample = overlay ? "overlay" : "pointer" };
	int rc = channel_signal(r->db, &m, &sig);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, "{\"ok\":true}");
}

static const struct action pointer_actions[] = {
	{ METHOD_POST, pointer_inputs, IN__MAX, GUARD_NONE, pointer },
};

static const struct program pointer_program = {
	"pointer", true, pointer_actions, COUNT_OF(pointer_actions)
};

int main(int argc, char **argv)
{
	return program_main(&pointer_program, argc, argv);
}
