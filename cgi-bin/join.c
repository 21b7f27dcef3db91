/* join - where an invitation link leads (lib/room.h). GET /join?i=TOKEN
 * shows who invites whom into what, and asks for a name (or, where the
 * client requires it, a collaborator id and password); someone already in
 * the session goes straight back in. POST joins and goes to the viewer. An
 * unknown link is 404, a withdrawn, expired or used-up one or an ended
 * session 410, a full session or no free seat 409, a wrong password 403.
 * Template: templates/join.cs. Tests: t/join.t, t/browser-room.t. */
#include <string.h>

#include "catalogue.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "room.h"
#include "session.h"
#include "visitor.h"

enum { GET_TOKEN, GET__MAX };
static const struct input link_inputs[GET__MAX] = {
	[GET_TOKEN] = { "i", INPUT_TOKEN, true, 64, 0, 0, NULL },
};

enum { IN_CSRF, IN_TOKEN, IN_NAME, IN_LOGIN, IN_PASSWORD, IN__MAX };
static const struct input join_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_TOKEN] = { "i", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_LOGIN] = { "login", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_PASSWORD] = { "password", INPUT_PASSWORD, false, 1000, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static bool blank(const char *s)
{
	for (; s != NULL && *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* The invitation's page, with an error above the form when there is one. */
static int join_page(struct request *r, const struct invitation *inv, const char *token, int status,
		     const char *error)
{
	const char *csrf = form_csrf_token(r);
	if (csrf == NULL)
		return -1;
	bool as_staff = r->session != NULL && r->session->client_id == inv->client_id;
	enum room_refusal state = as_staff ? ROOM_ALLOWED : room_invitation_state(inv);
	if (state != ROOM_ALLOWED && status == 200)
		return resp_error(r, room_refusal_status(state), "%s", room_refusal_message(state));
	struct view *v = view_new(r);
	view_set(v, "csrf", csrf);
	view_set(v, "join.token", token);
	view_set(v, "join.room", inv->channel_name);
	view_set(v, "join.client", inv->client_name);
	view_set(v, "join.inviter", inv->inviter);
	view_set(v, "join.expires", inv->expires_at);
	view_set(v, "join.guest_name", inv->guest_name);
	view_set(v, "join.state", "open");
	view_set_int(v, "join.as_staff", as_staff);
	view_set_int(v, "join.needs_account", inv->needs_account);
	if (error != NULL)
		view_set(v, "join.error", error);
	catalogue_page(r, v, NULL); /* the guest's language (lib/catalogue.h) */
	int rc = view_render(r, v, status, "join");
	view_free(v);
	return rc;
}

static int join_link(struct request *r)
{
	struct invitation inv;
	bool found = false;
	long long visitor_id = 0;
	int rc = session_load(r);
	if (rc == DB_OK)
		rc = room_invitation(r->db, r->pool, r->in[GET_TOKEN], &inv, &found);
	if (rc == DB_OK && found)
		rc = visitor_identify(r, false, &visitor_id);
	if (rc != DB_OK)
		return failed(r, rc);
	if (!found)
		return resp_error(r, 404, "%s", room_refusal_message(ROOM_UNKNOWN));
	/* Back in the session already? Then straight to it. */
	struct db_rows present = { 0 };
	if (r->session != NULL && r->session->client_id == inv.client_id)
		rc = db_query(r->db, r->pool, SQL_ROOM_PRESENT_AS_AGENT, &present, "ii", inv.channel_id,
			      r->session->agent_id);
	else if (visitor_id > 0)
		rc = db_query(r->db, r->pool, SQL_ROOM_PRESENT_AS_VISITOR, &present, "ii", inv.channel_id,
			      visitor_id);
	if (rc != DB_OK)
		return failed(r, rc);
	if (present.rows > 0 && inv.channel_open)
		return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", inv.channel_public_id));
	return join_page(r, &inv, r->in[GET_TOKEN], 200, NULL);
}

static int join_post(struct request *r)
{
	struct invitation inv;
	bool found = false;
	int rc = session_load(r);
	if (rc == DB_OK)
		rc = room_invitation(r->db, r->pool, r->in[IN_TOKEN], &inv, &found);
	if (rc != DB_OK)
		return failed(r, rc);
	if (!found)
		return resp_error(r, 404, "%s", room_refusal_message(ROOM_UNKNOWN));
	bool as_staff = r->session != NULL && r->session->client_id == inv.client_id;
	struct joiner who = { .name = r->in[IN_NAME], .login = r->in[IN_LOGIN],
			      .password = r->in[IN_PASSWORD] };
	if (!as_staff && inv.needs_account && (blank(who.login) || who.password == NULL))
		return join_page(r, &inv, r->in[IN_TOKEN], 400, "Give your id and password.");
	if (!as_staff && !inv.needs_account && blank(who.name))
		return join_page(r, &inv, r->in[IN_TOKEN], 400, "Give your name: the others see it.");
	const char *channel = NULL;
	enum room_refusal refusal = ROOM_ALLOWED;
	rc = room_join(r, r->in[IN_TOKEN], &who, &channel, &refusal);
	if (rc != DB_OK)
		return failed(r, rc);
	if (refusal == ROOM_BAD_LOGIN || refusal == ROOM_THROTTLED)
		return join_page(r, &inv, r->in[IN_TOKEN], room_refusal_status(refusal),
				 room_refusal_message(refusal));
	if (refusal != ROOM_ALLOWED)
		return resp_error(r, room_refusal_status(refusal), "%s", room_refusal_message(refusal));
	return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", channel));
}

static const struct action join_actions[] = {
	{ METHOD_GET, link_inputs, GET__MAX, GUARD_NONE, join_link },
	{ METHOD_POST, join_inputs, IN__MAX, GUARD_FORM_CSRF, join_post },
};

static const struct program join_program = { "join", false, join_actions, COUNT_OF(join_actions) };

int main(int argc, char **argv)
{
	return program_main(&join_program, argc, argv);
}
