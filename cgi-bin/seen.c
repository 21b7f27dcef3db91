/* seen - where a participant's view is: the address it shows and its
 * scroll position, reported by the viewer (from Baton's site script in the
 * framed page when present). When the leader's view moves to another
 * address (they clicked a link inside the page), everyone follows: that
 * becomes a led address. Tests: t/seen.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "lead.h"
#include "program.h"
#include "response.h"

enum { IN_CHANNEL, IN_TOKEN, IN_URL, IN_SCROLL_X, IN_SCROLL_Y, IN__MAX };
static const struct input seen_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_URL] = { "url", INPUT_LINE, true, 2000, 0, 0, NULL },
	[IN_SCROLL_X] = { "sx", INPUT_INT, false, 0, 0, 10000000, NULL },
	[IN_SCROLL_Y] = { "sy", INPUT_INT, false, 0, 0, 10000000, NULL },
};

static int seen(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	/* A chat-only service level (lib/profile.h): nobody's page is led. */
	if ((status = channel_require_cobrowse(r, &m)) != 0)
		return status;
	const char *url = r->in[IN_URL];
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return resp_error(r, 400, "The address must start with http:// or https://.");
	/* The leader's scrolling is what everyone follows: the replay keeps it. */
	bool leads = m.participant_id == m.leader_participant_id;
	struct signal sig = { .kind = SIGNAL_SEEN, .text = url,
			      .x = r->in_int[IN_SCROLL_X], .y = r->in_int[IN_SCROLL_Y],
			      .sample = leads ? "scroll" : NULL };
	int rc = channel_signal(r->db, &m, &sig);
	struct db_rows ch;
	if (rc == DB_OK && m.participant_id == m.leader_participant_id)
		rc = db_query(r->db, r->pool, SQL_CHANNEL_VERSIONS, &ch, "i", m.channel_id);
	if (rc == DB_OK && m.participant_id == m.leader_participant_id
	    && (db_cell(&ch, 0, 4) == NULL || strcmp(db_cell(&ch, 0, 4), url) != 0)) {
		/* A visitor's link off the client's sites is put to the agents
		 * rather than followed (lib/lead.h). */
		bool direct = true;
		long long seq;
		rc = lead_may_go(r, &m, url, &direct);
		if (rc == DB_OK && !direct)
			rc = lead_propose(r, &m, url);
		else if (rc == DB_OK)
			rc = channel_post(r->db, m.channel_id, m.participant_id, 0, "address", url, NULL,
					  &seq);
	}
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, "{\"ok\":true}");
}

static const struct action seen_actions[] = {
	{ METHOD_POST, seen_inputs, IN__MAX, GUARD_NONE, seen },
};

static const struct program seen_program = { "seen", true, seen_actions, COUNT_OF(seen_actions) };

int main(int argc, char **argv)
{
	return program_main(&seen_program, argc, argv);
}
