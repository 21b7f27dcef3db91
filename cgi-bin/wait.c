/* wait - the waiting page: the place in the queue, the wait in words (or,
 * with nobody at the desk, that nobody can say), and the choices that fit
 * the desk (lib/estimate.c): wait and keep browsing, be called back
 * (cgi-bin/callback.c) or call us (cgi-bin/callus.c) where the client
 * takes calls, choose a later time, leave a message, try later. The page
 * refreshes itself every 5 s without JavaScript (htdocs/js/wait.js makes
 * it live instead); the forms for a message, a time or a call-back are on
 * pages of their own (?choice=message|schedule|callback) that never
 * refresh, so nothing typed is lost, while the request keeps its place. A
 * call-back's page says when the call comes (and after a try that failed,
 * the next). Inside the site script's panel (Sec-Fetch-Dest: iframe) the
 * same pages render for the panel (lib/panel.c). Every page is in the
 * visitor's language (lib/catalogue.c): the one stored with the request,
 * which the language picker (a POST here) changes. Template:
 * templates/wait.cs. Tests: t/wait.t, t/browser-wait.t, t/catalogue.t,
 * t/browser-lang.t. */
#include <string.h>
#include <time.h>

#include "admin_desk.h"
#include "callback.h"
#include "catalogue.h"
#include "db.h"
#include "helpreq.h"
#include "panel.h"
#include "phone_line.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor_lang.h"

static const char *const form_choices[] = { "message", "schedule", "callback", NULL };

enum { IN_REQUEST, IN_CHOICE, IN__MAX };
static const struct input wait_inputs[IN__MAX] = {
	[IN_REQUEST] = { "r", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_CHOICE] = { "choice", INPUT_CHOICE, false, 0, 0, 0, form_choices },
};

/* The language picker: the visitor's choice, kept with their request. */
enum { LANG_CSRF, LANG_REQUEST, LANG_LANG, LANG__MAX };
static const struct input lang_inputs[LANG__MAX] = {
	[LANG_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[LANG_REQUEST] = { "r", INPUT_KEY, true, 32, 0, 0, NULL },
	[LANG_LANG] = { "lang", INPUT_CHOICE, true, 0, 0, 0, catalogue_langs },
};

/* A call-back's news (when the call comes, the tries so far), or for a
 * visitor waiting to chat, what the phone offers: "Call me back" (whether
 * it fits is the estimate's choice) and "Call us" with the help number. */
static int call_me_back(struct request *r, const struct request_status *st, bool waiting,
			struct view *v)
{
	view_set(v, "request.kind", st->kind);
	if (strcmp(st->kind, "callback") != 0) {
		view_set_int(v, "callback.enabled", st->estimate.desk.takes_calls);
		view_set(v, "callback.request", r->in[IN_REQUEST]);
		struct phone_line line;
		bool found = false;
		int rc = waiting ? phone_line_load(r->db, r->pool, st->client_id, &line, &found) : DB_OK;
		if (rc == DB_OK && found && line.help_number != NULL)
			view_set(v, "callus.number", line.help_number);
		return rc;
	}
	struct callback_status cs;
	int rc = callback_status(r->db, r->pool, st->id, &cs);
	if (rc != DB_OK)
		return rc;
	view_set(v, "callback.phone", cs.phone);
	view_set_int(v, "callback.due", cs.due);
	view_set_int(v, "callback.attempts", cs.attempts);
	view_set_int(v, "callback.tries", cs.tries);
	if (cs.next_call > 0) {
		char stamp[32];
		struct tm tm;
		gmtime_r(&cs.next_call, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
		view_set(v, "callback.next_call", stamp);
		view_set(v, "callback.next_call_text", catalogue_datetime(v, r->pool, cs.next_call));
	}
	return DB_OK;
}

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
	if (waiting && r->in[IN_CHOICE] != NULL && strcmp(r->in[IN_CHOICE], "callback") == 0
	    && !st.estimate.desk.takes_calls)
		return resp_error(r, 404, "%s takes no phone calls.", st.client_name);
	struct view *v = view_new(r);
	char lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, st.lang, lang);
	catalogue_load(r, v, lang);
	view_set(v, "page.lang", lang);
	view_set(v, "csrf", token);
	view_set(v, "request.id", r->in[IN_REQUEST]);
	view_set(v, "request.state", st.state);
	view_set(v, "request.client", st.client_name);
	view_set(v, "request.name", st.name);
	view_set(v, "request.question", st.question);
	view_set(v, "request.scheduled_for", st.scheduled_for);
	if (st.scheduled_for != NULL) {
		struct tm tm = { 0 };
		if (strptime(st.scheduled_for, "%Y-%m-%d %H:%M:%S", &tm) != NULL)
			view_set(v, "request.scheduled_text", catalogue_datetime(v, r->pool, timegm(&tm)));
	}
	view_set_int(v, "request.ahead", st.position);
	view_set_int(v, "request.version", (long long)st.queue_version);
	estimate_to_view(&st.estimate, v);
	view_set_int(v, "waiting", waiting);
	/* A form page while the request waits; otherwise the page for its state. */
	if (waiting && r->in[IN_CHOICE] != NULL)
		view_set(v, "form", r->in[IN_CHOICE]);
	/* The desk's greeting; outside its opening hours the estimate is an
	 * empty desk's (desk.closed, lib/estimate.c). */
	const char *greeting;
	bool open;
	rc = desk_for_visitors(r->db, r->pool, st.client_id, &greeting, &open);
	if (rc == DB_OK)
		rc = call_me_back(r, &st, waiting, v);
	if (rc != DB_OK) {
		view_free(v);
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	}
	view_set(v, "desk.greeting", greeting);
	rc = view_render(r, v, 200, "wait");
	view_free(v);
	return rc;
}

static int remember_lang(struct request *r, const struct request_status *st, void *lang)
{
	return visitor_lang_remember(r, r->in[LANG_REQUEST], lang);
}

/* The picker's choice overrides the browser's and the site's for this
 * request: its pages, the conversation and the e-mails that follow. */
static int choose_lang(struct request *r)
{
	return helpreq_visitor_change(r, r->in[LANG_REQUEST], remember_lang, (void *)r->in[LANG_LANG],
				      "This request is closed.");
}

static const struct action wait_actions[] = {
	{ METHOD_GET, wait_inputs, IN__MAX, GUARD_NONE, wait_page },
	{ METHOD_POST, lang_inputs, LANG__MAX, GUARD_FORM_CSRF, choose_lang },
};

static const struct program wait_program = { "wait", false, wait_actions, COUNT_OF(wait_actions) };

int main(int argc, char **argv)
{
	return program_main(&wait_program, argc, argv);
}
