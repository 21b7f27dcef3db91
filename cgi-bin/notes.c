/* notes - staff keep notes on a visitor (per client, like the profile),
 * from the visitor panel beside a conversation (lib/visitor_panel.c). A
 * POST adds one about the visitor of a channel of the staff member's client:
 * JSON for htdocs/js/visitor-panel.js, else back to the conversation.
 * Tests: t/notes.t. */
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "visitor_panel.h"

enum { IN_CSRF, IN_CHANNEL, IN_TEXT, IN__MAX };
static const struct input notes_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TEXT] = { "text", INPUT_TEXT, true, 2000, 0, 0, NULL },
};

static int add_note(struct request *r)
{
	long long id = 0;
	const char *error;
	int rc = visitor_note_add(r, r->in[IN_CHANNEL], r->in[IN_TEXT], &id, &error);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return resp_error(r, rc, "%s", error);
	if (!r->wants_json)
		return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", r->in[IN_CHANNEL]));
	struct buf json;
	buf_init(&json);
	buf_printf(&json, "{\"note\":{\"id\":%lld,\"author\":", id);
	buf_json_string(&json, r->session->display_name);
	buf_puts(&json, "}}");
	rc = resp_json(r, 200, json.data);
	buf_free(&json);
	return rc;
}

static const struct action notes_actions[] = {
	{ METHOD_POST, notes_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, add_note },
};

static const struct program notes_program = { "notes", false, notes_actions, COUNT_OF(notes_actions) };

int main(int argc, char **argv)
{
	return program_main(&notes_program, argc, argv);
}
