/* signin - the agents' sign-in page (GET) and sign-in (POST); accounts with
 * two-factor sign-in go on to /verify for their code.
 * Template: templates/signin.cs. Tests: t/signin.t. */
#include "agent.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "setup.h"
#include "signin_guard.h"
#include "two_factor.h"

enum { IN_CSRF, IN_EMAIL, IN_PASSWORD, IN_STATE, IN__MAX };

enum { PAGE_SIGNED_OUT, PAGE_PASSWORD_SET, PAGE__MAX };

static const struct input page_inputs[PAGE__MAX] = {
	[PAGE_SIGNED_OUT] = { "signed_out", INPUT_INT, false, 1, 0, 1, NULL },
	[PAGE_PASSWORD_SET] = { "password_set", INPUT_INT, false, 1, 0, 1, NULL },
};

static const struct input signin_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_EMAIL] = { "email", INPUT_EMAIL, true, 254, 0, 0, NULL },
	[IN_PASSWORD] = { "password", INPUT_PASSWORD, true, 1024, 0, 0, NULL },
	[IN_STATE] = { "state", INPUT_CHOICE, false, 20, 0, 0, agent_states },
};

static int show_form(struct request *r, int status, const char *message, const char *email,
		     const char *state)
{
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	/* A fresh installation points to its first-run setup (cgi-bin/setup.c).
	 * The form shows with the database down too (no hint then): signing in
	 * says what is wrong when it is tried. */
	bool fresh = false;
	if (setup_fresh(r->db, r->pool, &fresh) != DB_OK)
		fresh = false;
	struct view *v = view_new(r);
	view_set(v, "setup_pending", fresh ? "1" : NULL);
	view_set(v, "csrf", token);
	view_set(v, "form.email", email);
	view_set(v, "form.state", state ? state : "available");
	view_set(v, "message", message);
	agent_states_to_view(v);
	int rc = view_render(r, v, status, "signin");
	view_free(v);
	return rc;
}

static int signin_page(struct request *r)
{
	int rc = session_load(r);
	if (rc == DB_OK && r->session != NULL)
		return resp_redirect(r, "/console");
	const char *notice = r->in_int[PAGE_SIGNED_OUT] ? "You have signed out."
			     : r->in_int[PAGE_PASSWORD_SET] ? "Your password is set: sign in with it." : NULL;
	return show_form(r, 200, notice, NULL, NULL);
}

static int refuse(struct request *r, int status, const char *message)
{
	return show_form(r, status, message, r->in[IN_EMAIL], r->in[IN_STATE]);
}

static int signin_submit(struct request *r)
{
	const char *email = r->in[IN_EMAIL];
	const char *password = r->in[IN_PASSWORD];
	const char *state = r->in[IN_STATE] ? r->in[IN_STATE] : "available";

	long long wait = signin_wait_seconds(r, email);
	if (wait == DB_DOWN)
		return resp_unavailable(r);
	if (wait < 0)
		return -1;
	if (wait > 0) {
		signin_record(r, email, 0, "throttled");
		char *retry = pool_printf(r->pool, "%lld", wait);
		resp_header(r, "Retry-After", retry);
		return refuse(r, 429, pool_printf(r->pool, "Too many failed sign-ins. Please wait "
						  "%lld seconds before trying again.", wait));
	}

	struct db_rows agent;
	int rc = db_query(r->db, r->pool, SQL_AGENT_FOR_SIGNIN, &agent, "s", email);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	static const char wrong[] = "That e-mail address and password do not match an agent.";
	if (agent.rows == 0) {
		/* Same work as a real check, so timing does not reveal accounts. */
		crypto_password_burn(password, r->cfg->password_iterations);
		signin_record(r, email, 0, "unknown");
		return refuse(r, 403, wrong);
	}
	long long agent_id = db_cell_int(&agent, 0, 0);
	long long client_id = db_cell_int(&agent, 0, 3);
	if (crypto_password_verify(password, db_cell(&agent, 0, 1)) != 1) {
		signin_record(r, email, agent_id, "bad_password");
		return refuse(r, 403, wrong);
	}
	if (db_cell_int(&agent, 0, 2) != 0) {
		signin_record(r, email, agent_id, "disabled");
		return refuse(r, 403, signin_disabled_reason);
	}
	if (db_cell_int(&agent, 0, 5) != 0) {
		signin_record(r, email, agent_id, "disabled");
		return refuse(r, 403, signin_stopped_reason);
	}
	/* The password is right: a code next, for accounts that ask for one,
	 * else the session (lib/two_factor.c ends every sign-in). */
	struct signin_account account = { agent_id, client_id, email, db_cell(&agent, 0, 4),
					  db_cell_int(&agent, 0, 6) != 0 };
	return signin_password_accepted(r, &account, state);
}

static const struct action signin_actions[] = {
	{ METHOD_GET, page_inputs, PAGE__MAX, GUARD_NONE, signin_page },
	{ METHOD_POST, signin_inputs, IN__MAX, GUARD_FORM_CSRF, signin_submit },
};

static const struct program signin_program = {
	"signin", false, signin_actions, COUNT_OF(signin_actions)
};

int main(int argc, char **argv)
{
	return program_main(&signin_program, argc, argv);
}
