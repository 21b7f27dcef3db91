/* wait - the waiting page: the place in the queue, the wait in words (or,
 * with nobody at the desk, that nobody can say), and the choices that fit
 * the desk (lib/estimate.c): wait and keep browsing, choose a later time,
 * leave a message, try later. The page refreshes itself every 5 s without
 * JavaScript (htdocs/js/wait.js makes it live instead); the forms for a
 * message or a time are on pages of their own (?choice=message|schedule)
 * that never refresh, so nothing typed is lost, while the request keeps its
 * place. Inside the site script's panel (Sec-Fetch-Dest: iframe) the same
 * pages render for the panel (lib/panel.c). Template: templates/wait.cs.
 * Tests: t/wait.t, t/browser-wait.t. */
#include <string.h>

#include "db.h"
#include "helpreq.h"
#include "panel.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"

static const char *const form_choices[] = { "message", "schedule", NULL };

enum { IN_REQUEST, IN_CHOICE, IN__MAX };
static const struct input wait_inputs[IN__MAX] = {
	[IN_REQUEST] = { "r", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_CHOICE] = { "choice", INPUT_CHOICE, false, 0, 0, 0, form_choices },
};

static int wait_page(struct request *r)
{
	struct request_status st;
	int status = helpreq_load_for_visitor(r, r->in[IN_REQUEST], &st);
	if (status != 0)
		return status;
	if (strcmp(st.state, "accepted") == 0 && st.channel_public_id != NULL)
		return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", st.channel_public_id));
	int rc = panel_allow(r, st.site_id);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	bool waiting = strcmp(st.state, "waiting") == 0 || strcmp(st.state, "offered") == 0;
	struct view *v = view_new(r);
	view_set(v, "csrf", token);
	view_set(v, "request.id", r->in[IN_REQUEST]);
	view_set(v, "request.state", st.state);
	view_set(v, "request.client", st.client_name);
	view_set(v, "request.name", st.name);
	view_set(v, "request.question", st.question);
	view_set(v, "request.scheduled_for", st.scheduled_for);
	view_set_int(v, "request.ahead", st.position);
	view_set_int(v, "request.version", (long long)st.queue_version);
	estimate_to_view(&st.estimate, v);
	view_set_int(v, "waiting", waiting);
	/* A form page while the request waits; otherwise the page for its state. */
	if (waiting && r->in[IN_CHOICE] != NULL)
		view_set(v, "form", r->in[IN_CHOICE]);
	rc = view_render(r, v, 200, "wait");
	view_free(v);
	return rc;
}

static const struct action wait_actions[] = {
	{ METHOD_GET, wait_inputs, IN__MAX, GUARD_NONE, wait_page },
};

static const struct program wait_program = { "wait", false, wait_actions, COUNT_OF(wait_actions) };

int main(int argc, char **argv)
{
	return program_main(&wait_program, argc, argv);
}
