/* verify - the second step of signing in, for accounts with two-factor
 * sign-in: the code from the authenticator app (or a recovery code) for the
 * sign-in whose password was just accepted (a cookie, five minutes, five
 * tries; lib/two_factor.c). Template: templates/verify.cs.
 * Tests: t/verify.t, t/browser-two-factor.t. */
#include "db.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "two_factor.h"

enum { IN_CSRF, IN_CODE, IN__MAX };
static const struct input verify_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_CODE] = { "code", INPUT_LINE, true, 30, 0, 0, NULL },
};

static int show_form(struct request *r, int status, const char *message)
{
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	struct view *v = view_new(r);
	view_set(v, "csrf", token);
	view_set(v, "message", message);
	int rc = view_render(r, v, status, "verify");
	view_free(v);
	return rc;
}

static int verify_page(struct request *r)
{
	if (request_cookie(r, CHALLENGE_COOKIE) == NULL)
		return resp_redirect(r, "/signin");
	return show_form(r, 200, NULL);
}

static int verify_code(struct request *r)
{
	const char *error;
	bool ended;
	int status = signin_code(r, r->in[IN_CODE], &error, &ended);
	if (status == DB_DOWN)
		return resp_unavailable(r);
	if (status < 0)
		return -1;
	if (error == NULL)
		return status; /* signed in: on to the console */
	if (ended) {
		resp_cookie(r, CHALLENGE_COOKIE, "", 0, "Strict");
		return resp_error(r, status, "%s", error);
	}
	return show_form(r, status, error);
}

static const struct action verify_actions[] = {
	{ METHOD_GET, NULL, 0, GUARD_NONE, verify_page },
	{ METHOD_POST, verify_inputs, IN__MAX, GUARD_FORM_CSRF, verify_code },
};

static const struct program verify_program = {
	"verify", false, verify_actions, COUNT_OF(verify_actions)
};

int main(int argc, char **argv)
{
	return program_main(&verify_program, argc, argv);
}
