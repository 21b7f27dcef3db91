/* signal - WebRTC signalling between two people in the same call: an offer,
 * an answer, or an ICE candidate, from the browser of one (htdocs/js/call.js)
 * to the browser of the other. It travels as an 'rtc' event of the channel,
 * addressed to that one participant: the same post and long-poll path as
 * everything else, never shown in the chat, never seen by anyone else (a
 * supervisor watching silently included). Who may signal whom: lib/call.h.
 * Baton does not read the data; it only bounds it.
 *   POST /signal channel, token, call, to, type (offer|answer|candidate), data
 * Tests: t/signal.t. */
#include <string.h>

#include "buf.h"
#include "call.h"
#include "channel.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"

/* An SDP of a video call is 4-10 KB; a candidate a few hundred bytes. */
enum { SIGNAL_DATA_MAX = 32000 };

static const char *const signal_types[] = { "offer", "answer", "candidate", NULL };

enum { IN_CHANNEL, IN_TOKEN, IN_CALL, IN_TO, IN_TYPE, IN_DATA, IN__MAX };
static const struct input signal_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_CALL] = { "call", INPUT_INT, true, 0, 1, 1000000000000000LL, NULL },
	[IN_TO] = { "to", INPUT_INT, true, 0, 1, 1000000000000LL, NULL },
	[IN_TYPE] = { "type", INPUT_CHOICE, true, 0, 0, 0, signal_types },
	[IN_DATA] = { "data", INPUT_TEXT, true, SIGNAL_DATA_MAX, 0, 0, NULL },
};

static int post_signal(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	long long call_id = r->in_int[IN_CALL], to = r->in_int[IN_TO];
	int refused = 0;
	const char *why = NULL;
	int rc = call_may_signal(r->db, r->pool, &m, call_id, to, &refused, &why);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	if (refused != 0)
		return resp_error(r, refused, "%s", why);
	struct buf body;
	buf_init(&body);
	buf_printf(&body, "{\"call\":%lld,\"type\":", call_id);
	buf_json_string(&body, r->in[IN_TYPE]);
	buf_puts(&body, ",\"data\":");
	buf_json_string(&body, r->in[IN_DATA]);
	buf_putc(&body, '}');
	long long seq = 0;
	rc = channel_post(r->db, m.channel_id, m.participant_id, to, "rtc", body.data, NULL, &seq);
	buf_free(&body);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld}", seq));
}

static const struct action signal_actions[] = {
	{ METHOD_POST, signal_inputs, IN__MAX, GUARD_NONE, post_signal },
};

static const struct program signal_program = {
	"signal", true, signal_actions, COUNT_OF(signal_actions)
};

int main(int argc, char **argv)
{
	return program_main(&signal_program, argc, argv);
}
