/* replay - plays a session back in time: its chat lines and the addresses
 * the view went to, at the real pace or faster. The page (templates/
 * replay.cs, driven by htdocs/js/replay.js) fetches the events with their
 * times from the same address with format=json. Who may see it, and which
 * private lines, as for the staff transcript (lib/archive.h).
 * Tests: t/replay.t. */
#include <string.h>

#include "archive.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "timeline.h"

static const char *const replay_formats[] = { "html", "json", NULL };

enum { IN_ID, IN_FORMAT, IN__MAX };
static const struct input replay_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_FORMAT] = { "format", INPUT_CHOICE, false, 4, 0, 0, replay_formats },
};

static int replay_json(struct request *r, const struct archived_channel *c)
{
	struct timeline t;
	int rc = timeline_load(r->db, r->pool, c, true, &t);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	struct buf out;
	buf_init(&out);
	timeline_json(c, &t, &out);
	rc = resp_json(r, 200, out.data);
	buf_free(&out);
	resp_header(r, "Cache-Control", "no-store");
	return rc;
}

static int replay(struct request *r)
{
	bool json = r->in[IN_FORMAT] != NULL && strcmp(r->in[IN_FORMAT], "json") == 0;
	if (json)
		r->wants_json = true; /* errors as JSON too */
	if (!crypto_is_public_id(r->in[IN_ID]))
		return resp_error(r, 404, "There is no such session.");
	struct archived_channel c;
	int status = archive_channel_for_staff(r, r->in[IN_ID], &c);
	if (status != 0)
		return status;
	if (json)
		return replay_json(r, &c);
	struct view *v = view_new(r);
	view_set(v, "session.id", c.public_id);
	view_set(v, "session.name", c.name);
	view_set(v, "session.started", c.started);
	view_set_int(v, "session.seconds", c.seconds);
	view_set(v, "events_url", pool_printf(r->pool, "/replay?id=%s&format=json", c.public_id));
	int rc = view_render(r, v, 200, "replay");
	view_free(v);
	/* The pages the session went to are shown in a frame. */
	r->resp.frames_web_pages = true;
	return rc;
}

static const struct action replay_actions[] = {
	{ METHOD_GET, replay_inputs, IN__MAX, GUARD_SESSION, replay },
};

static const struct program replay_program = {
	"replay", false, replay_actions, COUNT_OF(replay_actions)
};

int main(int argc, char **argv)
{
	return program_main(&replay_program, argc, argv);
}
