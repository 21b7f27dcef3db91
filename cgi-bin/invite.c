/* invite - inviting people into a channel (lib/room.h), from the viewer's
 * Invite panel (htdocs/js/room.js):
 *   GET  /invite?channel=ID            the channel's invitations (JSON)
 *   POST /invite channel, token, action=make, uses (1: single use), hours,
 *        [email, name]                 a new link, shown once; mailed when an
 *                                      address is given and mail is set up
 *        action=revoke invitation=N    withdraws one
 *        action=allow participant=N may=0|1   the owner (or staff) lets a
 *                                      visitor invite, or not
 * Only those with the right may: staff always, a visitor when allowed.
 * Tests: t/invite.t. */
#include <string.h>

#include "buf.h"
#include "channel.h"
#include "config.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "room.h"

static const char *const actions[] = { "make", "revoke", "allow", NULL };

enum { IN_CHANNEL, IN_TOKEN, IN_ACTION, IN_USES, IN_HOURS, IN_EMAIL, IN_NAME, IN_INVITATION,
       IN_PARTICIPANT, IN_MAY, IN__MAX };
static const struct input post_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, actions },
	[IN_USES] = { "uses", INPUT_INT, false, 0, 1, ROOM_MAX_USES, NULL },
	[IN_HOURS] = { "hours", INPUT_INT, false, 0, 1, ROOM_MAX_HOURS, NULL },
	[IN_EMAIL] = { "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_INVITATION] = { "invitation", INPUT_INT, false, 0, 1, 1000000000000LL, NULL },
	[IN_PARTICIPANT] = { "participant", INPUT_INT, false, 0, 1, 1000000000000LL, NULL },
	[IN_MAY] = { "may", INPUT_INT, false, 0, 0, 1, NULL },
};
static const struct input get_inputs[] = {
	{ "channel", INPUT_LINE, true, 32, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

/* The requester must be in the channel and have the right to invite. */
static int inviter(struct request *r, const struct member *m)
{
	bool may = false;
	int rc = room_may_invite(r->db, r->pool, m, &may);
	if (rc != DB_OK)
		return failed(r, rc);
	if (!may)
		return resp_error(r, 403, "%s", room_refusal_message(ROOM_NOT_ALLOWED));
	return 0;
}

static const char *link_base(struct request *r)
{
	const char *base = r->cfg->public_url[0] ? r->cfg->public_url : request_origin(r);
	size_t n = strlen(base);
	return n > 0 && base[n - 1] == '/' ? pool_strndup(r->pool, base, n - 1) : base;
}

static int make(struct request *r, const struct member *m)
{
	if (r->in[IN_USES] == NULL || r->in[IN_HOURS] == NULL)
		return resp_error(r, 400, "Say how many times the link may be used (uses) and for how "
				  "many hours (hours).");
	if (r->in[IN_NAME] != NULL && r->in[IN_EMAIL] == NULL)
		return resp_error(r, 400, "A name goes with an e-mail address to send the link to.");
	struct invitation_request req = { .uses = r->in_int[IN_USES], .hours = r->in_int[IN_HOURS],
					  .email = r->in[IN_EMAIL], .name = r->in[IN_NAME] };
	struct invitation_made made;
	int rc = room_invite(r->db, r->pool, r->cfg, m, link_base(r), &req, &made);
	if (rc != DB_OK)
		return failed(r, rc);
	struct buf out;
	buf_init(&out);
	buf_printf(&out, "{\"id\":%lld,\"link\":", made.id);
	buf_json_string(&out, made.link);
	buf_printf(&out, ",\"uses\":%lld,\"hours\":%lld,\"mailed\":%s,\"note\":", req.uses, req.hours,
		   made.mailed ? "true" : "false");
	buf_json_string(&out, made.mail_note ? made.mail_note : "");
	buf_putc(&out, '}');
	rc = resp_json(r, 200, pool_strdup(r->pool, out.data));
	buf_free(&out);
	return rc;
}

static int invite_post(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	const char *action = r->in[IN_ACTION];
	if (strcmp(action, "allow") == 0) {
		/* The owner decides who else may invite; staff may too. */
		struct db_rows owner;
		int rc = db_query(r->db, r->pool, SQL_ROOM_CHANNEL_KIND, &owner, "i", m.channel_id);
		if (rc != DB_OK)
			return failed(r, rc);
		bool is_owner = owner.rows > 0 && db_cell_int(&owner, 0, 1) == m.participant_id;
		if (!is_owner && strcmp(m.kind, "agent") != 0)
			return resp_error(r, 403, "Only the session's owner decides who may invite.");
		if (r->in[IN_PARTICIPANT] == NULL || r->in[IN_MAY] == NULL)
			return resp_error(r, 400, "Say whom (participant) and whether they may (may=1 or 0).");
		bool changed = false;
		rc = room_set_may_invite(r->db, &m, r->in_int[IN_PARTICIPANT], r->in_int[IN_MAY] != 0,
					 &changed);
		if (rc != DB_OK)
			return failed(r, rc);
		if (!changed)
			return resp_error(r, 400, "That person is not a visitor in this session.");
		return resp_json(r, 200, "{\"ok\":true}");
	}
	if ((status = inviter(r, &m)) != 0)
		return status;
	if (strcmp(action, "make") == 0)
		return make(r, &m);
	if (r->in[IN_INVITATION] == NULL)
		return resp_error(r, 400, "Say which invitation to withdraw (invitation).");
	bool changed = false;
	int rc = room_revoke(r->db, m.channel_id, r->in_int[IN_INVITATION], &changed);
	if (rc != DB_OK)
		return failed(r, rc);
	if (!changed)
		return resp_error(r, 404, "There is no such invitation to withdraw in this session.");
	return resp_json(r, 200, "{\"ok\":true}");
}

static int invite_list(struct request *r)
{
	struct member m;
	int status = channel_viewer(r, r->in[0], "You are not in this conversation.", &m);
	if (status != 0)
		return status;
	if (m.left || !m.channel_open)
		return resp_error(r, 409, "This conversation has ended for you.");
	if ((status = inviter(r, &m)) != 0)
		return status;
	struct buf out;
	buf_init(&out);
	int rc = room_invitations_json(r->db, r->pool, m.channel_id, &out);
	status = rc == DB_OK ? resp_json(r, 200, pool_strdup(r->pool, out.data)) : failed(r, rc);
	buf_free(&out);
	return status;
}

static const struct action invite_actions[] = {
	{ METHOD_GET, get_inputs, COUNT_OF(get_inputs), GUARD_NONE, invite_list },
	{ METHOD_POST, post_inputs, IN__MAX, GUARD_NONE, invite_post },
};

static const struct program invite_program = {
	"invite", true, invite_actions, COUNT_OF(invite_actions)
};

int main(int argc, char **argv)
{
	return program_main(&invite_program, argc, argv);
}
