/* transcript - the record of a conversation, for the people who were in it
 * (the link a visitor gets when the session ends). Template:
 * templates/transcript.cs. Tests: t/transcript.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

enum { IN_ID, IN__MAX };
static const struct input transcript_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_LINE, true, 32, 0, 0, NULL },
};

static int transcript(struct request *r)
{
	long long visitor_id = 0;
	struct member m;
	bool found = false;
	int rc = session_load(r);
	if (rc == DB_OK)
		rc = visitor_identify(r, false, &visitor_id);
	if (rc == DB_OK)
		rc = channel_member(r, r->in[IN_ID], visitor_id, &m, &found);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (!found)
		return resp_error(r, 403, "This transcript belongs to a conversation you were not in.");
	struct view *v = view_new(r);
	view_set(v, "channel.id", m.channel_public_id);
	view_set(v, "channel.name", m.channel_name);
	view_set_int(v, "channel.open", m.channel_open);
	rc = channel_to_view(r->db, r->pool, m.channel_id, m.participant_id,
			     strcmp(m.kind, "visitor") != 0, v);
	if (rc == DB_OK)
		rc = view_render(r, v, 200, "transcript");
	else
		rc = rc == DB_DOWN ? resp_unavailable(r) : -1;
	view_free(v);
	return rc;
}

static const struct action transcript_actions[] = {
	{ METHOD_GET, transcript_inputs, IN__MAX, GUARD_NONE, transcript },
};

static const struct program transcript_program = {
	"transcript", false, transcript_actions, COUNT_OF(transcript_actions)
};

int main(int argc, char **argv)
{
	return program_main(&transcript_program, argc, argv);
}
