/* channel - the conversation page for everyone in a channel: the lines so
 * far, who is here, the input line, leave; for agents also canned phrases
 * and transfer. htdocs/js/channel.js makes it live (long-poll, typing);
 * without JavaScript it still posts and shows lines on reload. Someone not
 * in the channel gets 403. Template: templates/channel.cs.
 * Tests: t/channel.t. */
#include <stdio.h>
#include <string.h>

#include "channel.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

enum { IN_ID, IN__MAX };
static const struct input channel_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_LINE, true, 32, 0, 0, NULL },
};

static int agent_extras(struct request *r, struct view *v)
{
	static const char *const canned_cols[] = { "id", "title", "body", NULL };
	static const char *const agent_cols[] = { "id", "name", "state", NULL };
	struct db_rows canned, agents;
	const struct session *s = r->session;
	int rc = db_query(r->db, r->pool, SQL_CANNED_FOR_AGENT, &canned, "ii", s->client_id, s->agent_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CONSOLE_AGENTS, &agents, "ii", s->client_id, s->agent_id);
	if (rc != DB_OK)
		return rc;
	view_set_rows(v, "canned", &canned, canned_cols);
	view_set_rows(v, "agents", &agents, agent_cols);
	return DB_OK;
}

static int channel_page(struct request *r)
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
		return resp_error(r, 403, "You are not in this conversation.");

	bool agent = strcmp(m.kind, "visitor") != 0; /* agents and supervisors */
	struct view *v = view_new(r);
	view_set(v, "channel.id", m.channel_public_id);
	view_set(v, "channel.name", m.channel_name);
	view_set_int(v, "channel.open", m.channel_open && !m.left);
	view_set_int(v, "me.participant", m.participant_id);
	view_set(v, "me.role", m.kind);
	view_set(v, "me.display", m.display_name);
	view_set(v, "token", m.token);
	view_set_int(v, "me.leads", m.participant_id == m.leader_participant_id);
	struct db_rows notice;
	if (!agent && db_query(r->db, r->pool, SQL_CLIENT_MONITOR_NOTICE, &notice, "i", m.client_id)
			      == DB_OK && notice.rows > 0)
		view_set_int(v, "monitoring_notice", db_cell_int(&notice, 0, 0));
	rc = channel_to_view(r->db, r->pool, m.channel_id, m.participant_id,
			     strcmp(m.kind, "visitor") != 0, v);
	if (rc == DB_OK && agent)
		rc = agent_extras(r, v);
	if (rc != DB_OK) {
		view_free(v);
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	}
	rc = view_render(r, v, 200, "channel");
	view_free(v);
	r->resp.frames_web_pages = true;
	return rc;
}

static const struct action channel_actions[] = {
	{ METHOD_GET, channel_inputs, IN__MAX, GUARD_NONE, channel_page },
};

static const struct program channel_program = {
	"channel", false, channel_actions, COUNT_OF(channel_actions)
};

int main(int argc, char **argv)
{
	return program_main(&channel_program, argc, argv);
}
