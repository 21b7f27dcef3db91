/* phone - the agent's phone in the viewer (htdocs/js/phone.js): for the
 * call of a channel the agent is in, "key" gives the SIP address their
 * browser dials (through Kamailio's WebSocket) to join it, with a fresh
 * key that only this agent's phone holds; hold, resume, hangup, digits and
 * requeue (back to the queue: the agent leaves the channel) are carried
 * out by the dialer. Posts carry the participant token, from our own
 * origin, like every post to a channel. Tests: t/phone.t. */
#include <string.h>

#include "agent_phone.h"
#include "channel.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "phone_call.h"
#include "pool.h"
#include "program.h"
#include "response.h"

static const char *const actions[] = { "key", "hold", "resume", "hangup", "digits", "requeue",
				       NULL };

enum { IN_CHANNEL, IN_TOKEN, IN_ACTION, IN_DIGITS, IN__MAX };
static const struct input phone_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, actions },
	[IN_DIGITS] = { "digits", INPUT_LINE, false, 20, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static bool keypad_digits(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++)
		if (strchr("0123456789*#ABCD", *s) == NULL)
			return false;
	return true;
}

static int key(struct request *r, const struct phone_call_info *call, long long agent_id)
{
	char k[TOKEN_HEX_LEN + 1];
	int rc = phone_call_new_key(r->db, call->id, agent_id, k);
	if (rc != DB_OK)
		return failed(r, rc);
	struct buf json;
	buf_init(&json);
	buf_printf(&json, "{\"uri\":\"sip:k-%s@%s\",\"ws\":", k, r->cfg->sip_domain);
	buf_json_string(&json, r->cfg->sip_ws_url);
	buf_puts(&json, ",\"call\":");
	buf_json_string(&json, call->public_id);
	buf_puts(&json, ",\"number\":");
	buf_json_string(&json, call->number ? call->number : "");
	buf_printf(&json, ",\"outbound\":%s,\"state\":", call->outbound ? "true" : "false");
	buf_json_string(&json, call->state);
	buf_putc(&json, '}');
	int status = resp_json(r, 200, json.data);
	buf_free(&json);
	return status;
}

static int phone(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	if (strcmp(m.kind, "agent") != 0)
		return resp_error(r, 403, "Only the agent of a call has its phone.");
	struct phone_call_info call;
	bool found;
	int rc = phone_call_of_channel(r->db, r->pool, m.channel_id, &call, &found);
	if (rc != DB_OK)
		return failed(r, rc);
	const char *action = r->in[IN_ACTION];
	/* Hanging up a call that has ended is done already. */
	if (strcmp(action, "hangup") == 0 && (!found || strcmp(call.state, "ended") == 0))
		return resp_json(r, 200, "{\"ok\":true,\"ended\":true}");
	if (!found || strcmp(call.state, "ended") == 0)
		return resp_error(r, 409, "There is no call in this conversation any more.");
	bool desk = false;
	if (strcmp(action, "key") == 0 && (rc = agent_phone_in_use(r->db, r->pool, m.agent_id, &desk)) != DB_OK)
		return failed(r, rc);
	/* An agent with a desk phone: the dialer rings it; the page's phone
	 * only shows the call and its controls. */
	if (strcmp(action, "key") == 0 && desk)
		return resp_json(r, 200, pool_printf(r->pool, "{\"desk\":true,\"outbound\":%s,\"number\":\"%s\"}",
						      call.outbound ? "true" : "false",
						      call.number ? call.number : ""));
	if (strcmp(action, "key") == 0)
		return key(r, &call, m.agent_id);
	if (strcmp(action, "digits") == 0 && !keypad_digits(r->in[IN_DIGITS]))
		return resp_error(r, 400, "Keypad digits are 0-9, *, # and A-D.");
	rc = phone_call_command(r->db, call.id, m.agent_id, action,
				strcmp(action, "digits") == 0 ? r->in[IN_DIGITS] : NULL);
	/* Back to the queue: the call waits for the next agent, without this one. */
	if (rc == DB_OK && strcmp(action, "requeue") == 0)
		rc = channel_leave(r, &m);
	if (rc != DB_OK)
		return failed(r, rc);
	return resp_json(r, 200, strcmp(action, "requeue") == 0
				 ? "{\"ok\":true,\"next\":\"/console\"}" : "{\"ok\":true}");
}

static const struct action phone_actions[] = {
	{ METHOD_POST, phone_inputs, IN__MAX, GUARD_NONE, phone },
};

static const struct program phone_program = { "phone", true, phone_actions, COUNT_OF(phone_actions) };

int main(int argc, char **argv)
{
	return program_main(&phone_program, argc, argv);
}
