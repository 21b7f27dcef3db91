/* password - where a link to set a password leads (invitations and password
 * resets, lib/account.c): GET shows whose account it is and asks for the
 * password twice; POST sets it, uses the link up and sends the person to
 * sign in. A used, replaced or expired link says so (404). Nobody needs to
 * be signed in; the form carries the double-submit token of the sign-in
 * page. Template: templates/password.cs. Tests: t/password.t. */
#include <string.h>

#include "account.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"

enum { GET_TOKEN, GET__MAX };
static const struct input link_inputs[GET__MAX] = {
	[GET_TOKEN] = { "t", INPUT_LINE, true, 64, 0, 0, NULL },
};

enum { IN_CSRF, IN_TOKEN, IN_PASSWORD, IN_AGAIN, IN__MAX };
static const struct input set_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_TOKEN] = { "t", INPUT_LINE, true, 64, 0, 0, NULL },
	[IN_PASSWORD] = { "password", INPUT_PASSWORD, false, PASSWORD_MAX_CHARS, 0, 0, NULL },
	[IN_AGAIN] = { "again", INPUT_PASSWORD, false, PASSWORD_MAX_CHARS, 0, 0, NULL },
};

/* The person acting through a link is not signed in: the link is all
 * they have. */
static void link_actor(struct admin_context *ac, struct request *r)
{
	memset(ac, 0, sizeof *ac);
	ac->db = r->db;
	ac->pool = r->pool;
	ac->cfg = r->cfg;
	ac->role = ROLE_AGENT;
	ac->who = "link";
	ac->from = r->remote_addr ? r->remote_addr : "unknown";
	ac->base_url = "";
}

static int failed(struct request *r, struct admin_context *ac, int status)
{
	if (status == DB_DOWN)
		return resp_unavailable(r);
	if (status < 0)
		return -1;
	return resp_error(r, status, "%s", ac->message);
}

static int show_form(struct request *r, const char *token, const struct account *a, const char *kind,
		     int status, const char *message)
{
	const char *csrf = form_csrf_token(r);
	if (csrf == NULL)
		return -1;
	struct view *v = view_new(r);
	view_set(v, "csrf", csrf);
	view_set(v, "token", token);
	view_set(v, "account.name", a->name);
	view_set(v, "account.email", a->email);
	view_set(v, "account.role", a->role);
	view_set(v, "kind", kind);
	view_set(v, "message", message);
	view_set_int(v, "password_min", PASSWORD_MIN_CHARS);
	int rc = view_render(r, v, status, "password");
	view_free(v);
	/* The token is in this page's address: it must not travel on, not
	 * even to our own styles in the web server's log. */
	r->resp.no_referrer = true;
	return rc;
}

static int invite_page(struct request *r)
{
	struct admin_context ac;
	struct account a;
	const char *kind;
	link_actor(&ac, r);
	int status = account_link_check(&ac, r->in[GET_TOKEN], &a, &kind);
	if (status != 0)
		return failed(r, &ac, status);
	return show_form(r, r->in[GET_TOKEN], &a, kind, 200, NULL);
}

static int set_password(struct request *r)
{
	struct admin_context ac;
	link_actor(&ac, r);
	int status, attempt = 0;
	do /* the whole action again after a conflict (lib/db.h, db_retry) */
		status = account_link_use(&ac, r->in[IN_TOKEN], r->in[IN_PASSWORD], r->in[IN_AGAIN]);
	while (status < 0 && db_retry(r->db, &status, &attempt));
	if (status == 400) {
		/* A weak or mistyped password: the same form again, saying why. */
		struct admin_context check;
		struct account a;
		const char *kind;
		link_actor(&check, r);
		if (account_link_check(&check, r->in[IN_TOKEN], &a, &kind) == 0)
			return show_form(r, r->in[IN_TOKEN], &a, kind, 400, ac.message);
	}
	if (status != 0)
		return failed(r, &ac, status);
	resp_cookie(r, FORM_CSRF_COOKIE, "", 0, "Strict");
	return resp_redirect(r, "/signin?password_set=1");
}

static const struct action invite_actions[] = {
	{ METHOD_GET, link_inputs, GET__MAX, GUARD_NONE, invite_page },
	{ METHOD_POST, set_inputs, IN__MAX, GUARD_FORM_CSRF, set_password },
};

static const struct program invite_program = {
	"password", false, invite_actions, COUNT_OF(invite_actions)
};

int main(int argc, char **argv)
{
	return program_main(&invite_program, argc, argv);
}
