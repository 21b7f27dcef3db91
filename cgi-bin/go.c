/* go - the leader leads: every follower's view goes to this address
 * (mode "frame"), or it opens in a new window on their side, leaving their
 * view as it is (mode "window"). Only the leader may lead. A visitor who
 * leads goes directly only to the client's sites; another address becomes
 * their proposal, which staff see in full and may follow (approve=the
 * visitor's participant id; lib/lead.h), answered 202. Tests: t/go.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "lead.h"
#include "pool.h"
#include "program.h"
#include "response.h"

static const char *const go_modes[] = { "frame", "window", NULL };

enum { IN_CHANNEL, IN_TOKEN, IN_URL, IN_MODE, IN_APPROVE, IN__MAX };
static const struct input go_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_URL] = { "url", INPUT_LINE, true, 2000, 0, 0, NULL },
	[IN_MODE] = { "mode", INPUT_CHOICE, false, 10, 0, 0, go_modes },
	/* An agent following a visitor's proposal (lib/lead.h): the visitor. */
	[IN_APPROVE] = { "approve", INPUT_INT, false, 0, 1, 1000000000000000LL, NULL },
};

static int go(struct request *r)
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
		return resp_error(r, 400, "Give a web address starting with http:// or https://.");
	bool approving = r->in[IN_APPROVE] != NULL, allowed = false, direct = true;
	int rc = DB_OK;
	if (approving) {
		/* Any agent may follow a visitor's proposal, leader or not. */
		if (strcmp(m.kind, "agent") == 0)
			rc = lead_follow_proposal(r, &m, r->in_int[IN_APPROVE], url, &allowed);
		if (rc == DB_OK && !allowed)
			return resp_error(r, 403, "That is not a visitor's proposal of this address.");
	} else {
		if (m.participant_id != m.leader_participant_id)
			return resp_error(r, 403, "Only the leader can lead everyone to an address.");
		rc = lead_may_go(r, &m, url, &direct);
	}
	if (rc == DB_OK && !direct) {
		rc = lead_propose(r, &m, url);
		if (rc != DB_OK)
			return channel_failed(r, rc);
		return resp_json(r, 202, "{\"proposed\":true}");
	}
	bool window = r->in[IN_MODE] && strcmp(r->in[IN_MODE], "window") == 0;
	long long seq = 0;
	if (rc == DB_OK)
		rc = channel_post(r->db, m.channel_id, m.participant_id, 0, window ? "window" : "address",
				  url, NULL, &seq);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld}", seq));
}

static const struct action go_actions[] = {
	{ METHOD_POST, go_inputs, IN__MAX, GUARD_NONE, go },
};

static const struct program go_program = { "go", true, go_actions, COUNT_OF(go_actions) };

int main(int argc, char **argv)
{
	return program_main(&go_program, argc, argv);
}
