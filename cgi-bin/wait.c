/* wait - the waiting (and overflow) page: place in the queue, the wait in
 * words, and the choices to keep waiting, be called back instead (where
 * the client takes calls), schedule a later time, leave a message when
 * nobody is signed in, or cancel. A call-back's page says when the call
 * comes (and after a try that failed, the next). It refreshes itself every
 * 5 s (works with JavaScript off); htdocs/js/wait.js makes it instant and
 * alerts when an agent is ready. Template: templates/wait.cs.
 * Tests: t/wait.t. */
#include <string.h>
#include <time.h>

#include "callback.h"
#include "db.h"
#include "helpreq.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"

enum { IN_REQUEST, IN__MAX };
static const struct input wait_inputs[IN__MAX] = {
	[IN_REQUEST] = { "r", INPUT_KEY, true, 32, 0, 0, NULL },
};

/* A call-back's news (when the call comes, the tries so far), or for a
 * visitor waiting to chat, the offer to be called back instead. */
static int call_me_back(struct request *r, const struct request_status *st, bool waiting,
			struct view *v)
{
	view_set(v, "request.kind", st->kind);
	if (strcmp(st->kind, "callback") != 0) {
		bool enabled = false;
		int rc = waiting ? callback_enabled(r->db, r->pool, st->client_id, &enabled) : DB_OK;
		view_set_int(v, "callback.enabled", enabled);
		view_set(v, "callback.request", r->in[IN_REQUEST]);
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
		strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", &tm);
		view_set(v, "callback.next_call_text", stamp);
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
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	struct view *v = view_new(r);
	view_set(v, "csrf", token);
	view_set(v, "request.id", r->in[IN_REQUEST]);
	view_set(v, "request.state", st.state);
	view_set(v, "request.client", st.client_name);
	view_set(v, "request.question", st.question);
	view_set(v, "request.scheduled_for", st.scheduled_for);
	view_set_int(v, "request.position", st.position);
	view_set_int(v, "request.ahead", st.position);
	view_set_int(v, "request.waited_minutes", st.waited_seconds / 60);
	view_set(v, "request.estimate", st.estimate_words);
	view_set_int(v, "request.version", (long long)st.queue_version);
	view_set_int(v, "agents.signed_in", st.agents_signed_in);
	view_set_int(v, "agents.available", st.agents_available);
	view_set_int(v, "seats_full", st.seats_full);
	bool waiting = strcmp(st.state, "waiting") == 0 || strcmp(st.state, "offered") == 0;
	view_set_int(v, "waiting", waiting);
	view_set_int(v, "overflow", waiting && (st.agents_available == 0 || st.seats_full));
	int rc = call_me_back(r, &st, waiting, v);
	if (rc != DB_OK) {
		view_free(v);
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	}
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
