/* channel - the conversation page for everyone in a channel, which is also
 * the co-browsing viewer: the shared page in a frame, the avatars, the lines
 * so far, the input line, the address bar, leave; for agents also canned
 * phrases and addresses, their other channels, and transfer.
 * htdocs/js/channel.js makes the conversation live (long-poll, typing),
 * htdocs/js/viewer.js the browsing together; without JavaScript it still
 * posts and shows lines on reload. Someone not in the channel gets 403.
 * In the widget's panel it is the conversation alone, and htdocs/js/panel.js
 * makes the visitor's own page of the site the shared view.
 * Template: templates/channel.cs.
 * Tests: t/channel.t. */
#include <stdio.h>
#include <string.h>

#include "channel.h"
#include "catalogue.h"
#include "chat_lang.h"
#include "config.h"
#include "db.h"
#include "desk.h"
#include "panel.h"
#include "phone_call.h"
#include "pool.h"
#include "profile.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "room.h"
#include "session.h"
#include "visitor.h"
#include "visitor_panel.h"

enum { IN_ID, IN__MAX };
static const struct input channel_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int agent_extras(struct request *r, const struct member *m, struct view *v)
{
	static const char *const canned_cols[] = { "id", "title", "body", NULL };
	static const char *const agent_cols[] = { "id", "name", "state", NULL };
	static const char *const address_cols[] = { "id", "title", "url", NULL };
	static const char *const room_cols[] = { "id", "name", "seconds", "others", NULL };
	struct db_rows canned, agents, addresses, rooms, show, start;
	const struct session *s = r->session;
	int rc = db_query(r->db, r->pool, SQL_CANNED_FOR_AGENT, &canned, "ii", s->client_id, s->agent_id);
	if (rc == DB_OK)
		rc = desk_colleagues(r->db, r->pool, s->client_id, s->agent_id, &agents);
	/* The viewer: addresses to lead to with one click, the agent's other
	 * open channels (the rooms button, unless the client hides it), and the
	 * page the visitor asked on, to start from. */
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CANNED_ADDRESSES, &addresses, "ii", s->client_id,
			      s->agent_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CONSOLE_MY_CHANNELS, &rooms, "i", s->agent_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CLIENT_SHOW_ROOMS, &show, "i", m->client_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CHANNEL_START_PAGE, &start, "i", m->channel_id);
	if (rc != DB_OK)
		return rc;
	view_set_rows(v, "canned", &canned, canned_cols);
	view_set_rows(v, "agents", &agents, agent_cols);
	view_set_rows(v, "addresses", &addresses, address_cols);
	view_set_rows(v, "rooms", &rooms, room_cols);
	view_set_int(v, "client.show_rooms", show.rows == 0 || db_cell_int(&show, 0, 0) != 0);
	if (start.rows > 0 && db_cell(&start, 0, 0) != NULL)
		view_set(v, "channel.start_page", db_cell(&start, 0, 0));
	/* A call-back or a caller: the agent's phone (htdocs/js/phone.js). */
	struct phone_call_info call;
	bool has_call = false;
	rc = phone_call_of_channel(r->db, r->pool, m->channel_id, &call, &has_call);
	if (rc == DB_OK && has_call && strcmp(call.state, "ended") != 0) {
		view_set(v, "call.id", call.public_id);
		view_set(v, "call.number", call.number);
		view_set_int(v, "call.outbound", call.outbound);
		static const char keys[] = "123456789*0#";
		char key[24], digit[2] = { 0, 0 };
		for (size_t i = 0; keys[i]; i++) {
			snprintf(key, sizeof key, "phone_keys.%zu", i);
			digit[0] = keys[i];
			view_set(v, key, digit);
		}
	}
	return rc;
}

/* For the viewer: who leads, the address led to, each participant's avatar
 * and address (visitors never learn of a supervisor), the avatars to choose
 * from, and whom each of the viewer's private lines went to or came from. */
static int viewer_extras(struct request *r, const struct member *m, bool staff, struct view *v)
{
	struct db_rows ch, views, privates;
	int rc = db_query(r->db, r->pool, SQL_CHANNEL_VERSIONS, &ch, "i", m->channel_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CHANNEL_PEOPLE_VIEWS, &views, "i", m->channel_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CHANNEL_PRIVATE_LINES, &privates, "iii", m->channel_id,
			      m->participant_id, m->participant_id);
	if (rc != DB_OK)
		return rc;
	view_set_int(v, "channel.leader", m->leader_participant_id);
	/* A chat-only service level (lib/profile.h) is said on the page. */
	bool cobrowses;
	if ((rc = profile_channel_cobrowses(r->db, r->pool, m->channel_id, &cobrowses)) != DB_OK)
		return rc;
	view_set_int(v, "channel.chat_only", !cobrowses);
	if (ch.rows > 0 && db_cell(&ch, 0, 4) != NULL)
		view_set(v, "channel.url", db_cell(&ch, 0, 4));
	char key[64];
	size_t n = 0;
	for (size_t i = 0; i < views.rows; i++) {
		if (!staff && strcmp(db_cell(&views, i, 1), "supervisor") == 0)
			continue;
		const char *avatar = db_cell(&views, i, 2) ? db_cell(&views, i, 2) : "owl";
		snprintf(key, sizeof key, "views.%zu.id", n);
		view_set(v, key, db_cell(&views, i, 0));
		snprintf(key, sizeof key, "views.%zu.avatar", n);
		view_set(v, key, avatar);
		snprintf(key, sizeof key, "views.%zu.url", n);
		view_set(v, key, db_cell(&views, i, 3));
		n++;
		if (db_cell_int(&views, i, 0) == m->participant_id)
			view_set(v, "me.avatar", avatar);
	}
	for (size_t i = 0; channel_avatars[i] != NULL; i++) {
		snprintf(key, sizeof key, "avatars.%zu", i);
		view_set(v, key, channel_avatars[i]);
	}
	static const char *const private_cols[] = { "seq", "from", "to", "to_name", NULL };
	view_set_rows(v, "privates", &privates, private_cols);
	return DB_OK;
}

static int channel_page(struct request *r)
{
	struct member m;
	int rc = channel_viewer(r, r->in[IN_ID], "You are not in this conversation.", &m);
	if (rc != 0)
		return rc;

	bool agent = strcmp(m.kind, "visitor") != 0; /* agents and supervisors */
	/* A visitor's conversation may show in the widget's panel on the site. */
	if (!agent && (rc = panel_allow_channel(r, m.channel_id)) != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	struct view *v = view_new(r);
	view_set(v, "channel.id", m.channel_public_id);
	view_set(v, "channel.name", m.channel_name);
	view_set_int(v, "channel.open", m.channel_open && !m.left);
	view_set_int(v, "me.participant", m.participant_id);
	view_set(v, "me.role", m.kind);
	view_set(v, "me.display", m.display_name);
	view_set(v, "token", m.token);
	view_set_int(v, "me.leads", m.participant_id == m.leader_participant_id);
	struct db_rows notice, client;
	if (!agent && db_query(r->db, r->pool, SQL_CLIENT_MONITOR_NOTICE, &notice, "i", m.client_id)
			      == DB_OK && notice.rows > 0)
		view_set_int(v, "monitoring_notice", db_cell_int(&notice, 0, 0));
	/* Visitors see whom they talk with, staff whom and where from. */
	if (!agent && db_query(r->db, r->pool, SQL_CLIENT_SETTINGS, &client, "i", m.client_id) == DB_OK
	    && client.rows > 0)
		view_set(v, "client.name", db_cell(&client, 0, 5));
	rc = channel_to_view(r->db, r->pool, m.channel_id, m.participant_id,
			     strcmp(m.kind, "visitor") != 0, v);
	/* The language this reader reads lines in, and how long a line waits
	 * for its translation (htdocs/js/translate.js). */
	const char *lang = "en";
	if (rc == DB_OK)
		rc = chat_lang_of(r->db, r->pool, m.channel_id, m.participant_id, &lang, NULL);
	view_set(v, "me.lang", lang);
	/* Visitors' words in their language (staff pages are English so far). */
	char page_lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, agent ? "en" : lang, page_lang);
	catalogue_load(r, v, page_lang);
	view_set(v, "page.lang", page_lang);
	view_set_int(v, "translate.deadline_ms", 2LL * r->cfg->translate_timeout_ms + 2000);
	if (rc == DB_OK)
		rc = viewer_extras(r, &m, agent, v);
	if (rc == DB_OK && agent)
		rc = agent_extras(r, &m, v);
	if (rc == DB_OK && agent)
		rc = visitor_panel_to_view(r, m.channel_id, v);
	if (rc == DB_OK)
		rc = room_to_view(r, &m, v); /* rooms (issue 17) */
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
