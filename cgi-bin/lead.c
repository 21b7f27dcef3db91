/* lead - passing the baton: the leader hands the lead to any participant,
 * and an agent can always take it back (to = themselves). Everyone sees who
 * leads from the 'lead' event. Tests: t/lead.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "pool.h"
#include "profile.h"
#include "program.h"
#include "response.h"

enum { IN_CHANNEL, IN_TOKEN, IN_TO, IN__MAX };
static const struct input lead_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_TO] = { "to", INPUT_INT, true, 0, 1, 1000000000000LL, NULL },
};

static int pass_lead(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	long long to = r->in_int[IN_TO];
	bool leads = m.participant_id == m.leader_participant_id;
	bool agent_takes_back = strcmp(m.kind, "agent") == 0 && to == m.participant_id;
	if (!leads && !agent_takes_back)
		return resp_error(r, 403, "Only the leader can pass the lead (an agent can always take it).");
	struct db_rows target;
	int rc = db_query(r->db, r->pool, SQL_PARTICIPANT_IN_CHANNEL, &target, "ii", to, m.channel_id);
	/* A supervisor watching silently cannot lead: the visitor would see them
	 * (and not see their addresses). Answered as for a stranger, so that a
	 * leading visitor cannot find a silent watcher by trying ids. */
	if (rc == DB_OK && (target.rows == 0 || strcmp(db_cell(&target, 0, 1), "supervisor") == 0))
		return resp_error(r, 400, "That person is not in this conversation.");
	/* A chat-only service level (lib/profile.h): the visitor never leads. */
	bool cobrowses = true;
	if (rc == DB_OK && strcmp(db_cell(&target, 0, 1), "visitor") == 0)
		rc = profile_channel_cobrowses(r->db, r->pool, m.channel_id, &cobrowses);
	if (rc == DB_OK && !cobrowses)
		return resp_error(r, 403, "%s", PROFILE_CHAT_ONLY);
	long long seq = 0;
	if (rc == DB_OK)
		rc = channel_post(r->db, m.channel_id, m.participant_id, to, "lead",
				  db_cell(&target, 0, 2), NULL, &seq);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld,\"leader\":%lld}", seq, to));
}

static const struct action lead_actions[] = {
	{ METHOD_POST, lead_inputs, IN__MAX, GUARD_NONE, pass_lead },
};

static const struct program lead_program = { "lead", true, lead_actions, COUNT_OF(lead_actions) };

int main(int argc, char **argv)
{
	return program_main(&lead_program, argc, argv);
}
