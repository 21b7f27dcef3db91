/* call - voice and video calls between the people of a channel (the rules:
 * lib/call.h; the browser's side: htdocs/js/call.js).
 *   GET  /call?channel=ID              the channel's call now (who is in it,
 *                                      ringing, muted), for a page that opens
 *                                      while one is under way
 *   POST /call channel, token, action  start (media=audio|video), join
 *        (media), decline, leave, mute, unmute, camera-off, camera-on; call
 *        names the call the page knows (start needs none)
 * Starting or joining answers with the call's state and the ICE servers for
 * this person: STUN, and TURN with a credential minted now (lib/turn.c);
 * action=ice gives fresh ones to someone in the call. Signalling between
 * browsers goes through /signal. Tests: t/call.t, t/browser-call.t. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "call.h"
#include "channel.h"
#include "config.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "turn.h"

static const char *const call_actions_names[] = { "start", "join", "decline", "leave", "mute",
	"unmute", "camera-off", "camera-on", "ice", NULL };
static const char *const media_names[] = { "audio", "video", NULL };

enum { IN_CHANNEL, IN_TOKEN, IN_ACTION, IN_MEDIA, IN_CALL, IN__MAX };
static const struct input post_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, call_actions_names },
	[IN_MEDIA] = { "media", INPUT_CHOICE, false, 0, 0, 0, media_names },
	[IN_CALL] = { "call", INPUT_INT, false, 0, 1, 1000000000000000LL, NULL },
};
static const struct input get_inputs[] = {
	{ "channel", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int state_answer(struct request *r, const struct member *m, const char *extra)
{
	struct buf out;
	buf_init(&out);
	int rc = call_state_json(r->db, r->pool, m, &out);
	if (rc != DB_OK) {
		buf_free(&out);
		return channel_failed(r, rc);
	}
	if (extra != NULL) {
		out.data[--out.len] = '\0'; /* the closing brace */
		buf_puts(&out, extra);
		buf_putc(&out, '}');
	}
	int status = resp_json(r, 200, out.data);
	buf_free(&out);
	resp_header(r, "Cache-Control", "no-store");
	return status;
}

/* ,"ice":[...],"ice_expires":T for this participant. */
static const char *ice_fields(struct request *r, const struct member *m)
{
	struct buf ice;
	buf_init(&ice);
	long long expires = 0;
	buf_puts(&ice, ",\"ice\":");
	char id[32];
	snprintf(id, sizeof id, "p%lld", m->participant_id);
	if (turn_ice_servers_json(r->cfg, (long long)time(NULL), id, &ice, &expires) != 0) {
		buf_free(&ice);
		return NULL;
	}
	buf_printf(&ice, ",\"ice_expires\":%lld,\"relay_only\":%s", expires,
		   r->cfg->call_relay_only && expires > 0 ? "true" : "false");
	const char *fields = pool_strdup(r->pool, ice.data);
	buf_free(&ice);
	return fields;
}

static int call_get(struct request *r)
{
	struct member m;
	int status = channel_viewer(r, r->in[0], "You are not in this conversation.", &m);
	if (status != 0)
		return status;
	return state_answer(r, &m, NULL);
}

static enum call_action action_of(const char *name)
{
	static const struct { const char *name; enum call_action action; } map[] = {
		{ "start", CALL_START }, { "join", CALL_JOIN }, { "decline", CALL_DECLINE },
		{ "leave", CALL_LEAVE }, { "mute", CALL_MUTE }, { "unmute", CALL_UNMUTE },
		{ "camera-off", CALL_CAMERA_OFF }, { "camera-on", CALL_CAMERA_ON },
	};
	for (size_t i = 0; i < COUNT_OF(map); i++)
		if (strcmp(name, map[i].name) == 0)
			return map[i].action;
	return CALL_LEAVE;
}

static int call_post(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	const char *action = r->in[IN_ACTION];
	const char *media = r->in[IN_MEDIA];
	bool wants_media = strcmp(action, "start") == 0 || strcmp(action, "join") == 0;
	if (wants_media && media == NULL)
		return resp_error(r, 400, "Say which media: audio, or video (with audio).");
	if (strcmp(action, "start") != 0 && r->in[IN_CALL] == NULL)
		return resp_error(r, 400, "Say which call (the field 'call').");
	const char *ice = ice_fields(r, &m);
	if (ice == NULL)
		return -1;
	if (strcmp(action, "ice") == 0) {
		/* Fresh credentials, for someone in the call only. */
		bool joined = false;
		int rc = call_joined(r->db, r->pool, &m, r->in_int[IN_CALL], &joined);
		if (rc != DB_OK)
			return channel_failed(r, rc);
		if (!joined)
			return resp_error(r, 409, "You are not in that call.");
		return state_answer(r, &m, ice);
	}
	struct call_result res;
	int rc = call_act(r->db, r->pool, &m, action_of(action), media, r->in_int[IN_CALL], &res);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	if (res.status != 0)
		return resp_error(r, res.status, "%s", res.message);
	return state_answer(r, &m, wants_media ? ice : NULL);
}

static const struct action call_actions[] = {
	{ METHOD_GET, get_inputs, COUNT_OF(get_inputs), GUARD_NONE, call_get },
	{ METHOD_POST, post_inputs, IN__MAX, GUARD_NONE, call_post },
};

static const struct program call_program = { "call", true, call_actions, COUNT_OF(call_actions) };

int main(int argc, char **argv)
{
	return program_main(&call_program, argc, argv);
}
