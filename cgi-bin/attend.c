/* attend - an event for its attendees (lib/event.h, lib/attendee.h).
 *   GET  /attend?e=ID           the registration form (a name; with
 *                               registration, an e-mail address and the
 *                               event's own question), the lobby before the
 *                               event is live, the stage once it is (the
 *                               led page, the speakers' pointers and marks,
 *                               the questions and answers, the question box
 *                               and, where allowed, the room's chat: made
 *                               live by htdocs/js/audience.js), or its end
 *   GET  /attend?e=ID&marks=1   the stage's marks so far (a page opening
 *                               late draws the current page's)
 *   GET  /attend?e=ID&state=1   the event's state (the lobby asks)
 *   POST /attend e, csrf, name, [email, field, from]   registers
 *   POST /attend e, csrf, action=arrive|leave          takes a seat (once
 *                               live: the event's and the service's seats
 *                               are counted), or leaves (closing the page)
 * A removed attendee gets 403 everywhere; a full event 409.
 * Template: templates/attend.cs. Tests: t/attend.t, t/browser-event.t. */
#include <ctype.h>
#include <string.h>

#include "attendee.h"
#include "buf.h"
#include "catalogue.h"
#include "db.h"
#include "event.h"
#include "event_view.h"
#include "pool.h"
#include "program.h"
#include "question.h"
#include "render.h"
#include "response.h"
#include "session.h"

static const char *const post_actions[] = { "register", "arrive", "leave", NULL };

enum { GET_EVENT, GET_MARKS, GET_STATE, GET__MAX };
static const struct input get_inputs[GET__MAX] = {
	[GET_EVENT] = { "e", INPUT_LINE, true, 32, 0, 0, NULL },
	[GET_MARKS] = { "marks", INPUT_INT, false, 0, 0, 1, NULL },
	[GET_STATE] = { "state", INPUT_INT, false, 0, 0, 1, NULL },
};

enum { IN_CSRF, IN_EVENT, IN_ACTION, IN_NAME, IN_EMAIL, IN_FIELD, IN_FROM, IN__MAX };
static const struct input post_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_EVENT] = { "e", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, false, 0, 0, 0, post_actions },
	[IN_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_EMAIL] = { "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	[IN_FIELD] = { "field", INPUT_LINE, false, 200, 0, 0, NULL },
	[IN_FROM] = { "from", INPUT_LINE, false, 253, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static int load_event(struct request *r, const char *id, struct live_event *ev)
{
	bool found = false;
	int rc = event_load(r->db, r->pool, id, ev, &found);
	if (rc != DB_OK)
		return failed(r, rc);
	if (!found)
		return resp_error(r, 404, "There is no such event. Check the link you were given.");
	return 0;
}

/* The host part of the page a link was on, for "by site": letters,
 * digits, dots and dashes only. */
static const char *site_of(struct pool *pool, const char *url)
{
	if (url == NULL)
		return NULL;
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t n = 0;
	while (p[n] && (isalnum((unsigned char)p[n]) || p[n] == '.' || p[n] == '-') && n < 253)
		n++;
	return n > 0 ? pool_strndup(pool, p, n) : NULL;
}

static const char *blank_to_null(const char *s)
{
	for (const char *p = s; p != NULL && *p; p++)
		if (!isspace((unsigned char)*p))
			return s;
	return NULL;
}

static int marks_json(struct request *r, const struct live_event *ev)
{
	struct buf out;
	buf_init(&out);
	buf_puts(&out, "{\"events\":[");
	long long after = 0;
	bool first = true;
	int rc = DB_OK;
	for (;;) {
		struct db_rows rows;
		rc = db_query(r->db, r->pool, SQL_MARK_EVENTS, &rows, "ii", ev->stage_channel_id, after);
		if (rc != DB_OK || rows.rows == 0)
			break;
		for (size_t i = 0; i < rows.rows; i++) {
			after = db_cell_int(&rows, i, 0);
			buf_printf(&out, "%s{\"seq\":%s,\"kind\":", first ? "" : ",", db_cell(&rows, i, 0));
			first = false;
			buf_json_string(&out, db_cell(&rows, i, 1));
			buf_printf(&out, ",\"from\":%s,\"body\":", db_cell(&rows, i, 2) ? db_cell(&rows, i, 2) : "null");
			buf_json_string(&out, db_cell(&rows, i, 3) ? db_cell(&rows, i, 3) : "");
			buf_putc(&out, '}');
		}
	}
	buf_puts(&out, "]}");
	int status = rc == DB_OK ? resp_json(r, 200, pool_strdup(r->pool, out.data)) : failed(r, rc);
	buf_free(&out);
	return status;
}

/* Everything the stage page starts from: where the stage is, its marks
 * (asked for by the page), the questions published so far. */
static int stage_to_view(struct request *r, const struct live_event *ev, struct view *v)
{
	struct db_rows versions;
	struct buf qa;
	buf_init(&qa);
	int rc = question_published_json(r->db, r->pool, ev->id, &qa);
	if (rc == DB_OK && ev->stage_channel_id > 0)
		rc = db_query(r->db, r->pool, SQL_CHANNEL_VERSIONS, &versions, "i", ev->stage_channel_id);
	if (rc == DB_OK) {
		view_set(v, "qa_json", qa.data);
		bool live = strcmp(ev->state, "live") == 0;
		if (ev->stage_channel_id > 0 && versions.rows > 0) {
			view_set(v, "stage.last_seq", db_cell(&versions, 0, 0));
			view_set(v, "stage.signals", db_cell(&versions, 0, 1));
			if (live) {
				view_set(v, "stage.leader", db_cell(&versions, 0, 3));
				view_set(v, "stage.url", db_cell(&versions, 0, 4));
			}
		}
	}
	buf_free(&qa);
	return rc;
}

static int attend_page(struct request *r)
{
	struct live_event ev;
	int status = load_event(r, r->in[GET_EVENT], &ev);
	if (status != 0)
		return status;
	struct attendee a;
	bool registered = false;
	int rc = attendee_of_request(r, &ev, &a, &registered);
	if (rc != DB_OK)
		return failed(r, rc);
	if (registered && a.removed)
		return resp_error(r, 403, "%s", attendee_refusal_message(ATTENDEE_REMOVED));
	if (r->in_int[GET_STATE] == 1)
		return resp_json(r, 200, pool_printf(r->pool, "{\"state\":\"%s\",\"stage\":%s}", ev.state,
						     ev.stage_channel_id > 0 ? "true" : "false"));
	if (r->in_int[GET_MARKS] == 1) {
		if (!registered || strcmp(ev.state, "live") != 0 || ev.stage_channel_id == 0)
			return resp_error(r, registered ? 409 : 403, registered ? "The event is not live."
					  : "You are not registered for this event.");
		return marks_json(r, &ev);
	}
	const char *csrf = form_csrf_token(r);
	if (csrf == NULL)
		return -1;
	struct view *v = view_new(r);
	event_to_view(r, &ev, false, v);
	view_set(v, "csrf", csrf);
	view_set(v, "from", site_of(r->pool, r->referer));
	if (registered) {
		view_set_int(v, "me.attendee", a.id);
		view_set(v, "attendee.name", a.name);
		view_set_int(v, "me.muted", a.muted);
		rc = stage_to_view(r, &ev, v);
	}
	int code = 200;
	if (rc == DB_OK && registered && strcmp(ev.state, "live") == 0) {
		enum attendee_refusal refusal;
		rc = attendee_arrive(r->db, r->pool, &ev, &a, &refusal);
		if (rc == DB_OK && refusal != ATTENDEE_OK) {
			view_set(v, "refusal", attendee_refusal_message(refusal));
			code = attendee_refusal_status(refusal);
		}
	}
	if (rc != DB_OK) {
		view_free(v);
		return failed(r, rc);
	}
	view_set_int(v, "registered", registered);
	catalogue_page(r, v, NULL); /* the attendee's language (lib/catalogue.h) */
	rc = view_render(r, v, code, "attend");
	view_free(v);
	r->resp.frames_web_pages = true;
	return rc;
}

static int attend_post(struct request *r)
{
	struct live_event ev;
	int status = load_event(r, r->in[IN_EVENT], &ev);
	if (status != 0)
		return status;
	const char *action = r->in[IN_ACTION] ? r->in[IN_ACTION] : "register";
	struct attendee a;
	bool registered = false;
	enum attendee_refusal refusal = ATTENDEE_OK;
	int rc;
	if (strcmp(action, "register") == 0) {
		if (strcmp(ev.state, "ended") == 0)
			return resp_error(r, 410, "%s", attendee_refusal_message(ATTENDEE_ENDED));
		struct registration reg = { .name = blank_to_null(r->in[IN_NAME]), .email = r->in[IN_EMAIL],
					    .field_value = blank_to_null(r->in[IN_FIELD]),
					    .site = site_of(r->pool, r->in[IN_FROM]) };
		if (reg.name == NULL)
			return resp_error(r, 400, "Give your name.");
		if (strcmp(ev.registration, "required") == 0 && reg.email == NULL)
			return resp_error(r, 400, "This event asks for your e-mail address to register.");
		rc = attendee_register(r, &ev, &reg, &a, &refusal);
	} else {
		rc = attendee_of_request(r, &ev, &a, &registered);
		if (rc == DB_OK && !registered)
			return resp_error(r, 403, "You are not registered for this event.");
		if (rc == DB_OK && strcmp(action, "arrive") == 0)
			rc = attendee_arrive(r->db, r->pool, &ev, &a, &refusal);
		else if (rc == DB_OK)
			rc = attendee_leave(r->db, a.id);
	}
	if (rc != DB_OK)
		return failed(r, rc);
	if (refusal != ATTENDEE_OK)
		return resp_error(r, attendee_refusal_status(refusal), "%s", attendee_refusal_message(refusal));
	if (r->wants_json || strcmp(action, "register") != 0)
		return resp_json(r, 200, pool_printf(r->pool, "{\"ok\":true,\"attendee\":%lld}", a.id));
	return resp_redirect(r, pool_printf(r->pool, "/attend?e=%s", ev.public_id));
}

static const struct action attend_actions[] = {
	{ METHOD_GET, get_inputs, GET__MAX, GUARD_NONE, attend_page },
	{ METHOD_POST, post_inputs, IN__MAX, GUARD_FORM_CSRF, attend_post },
};

static const struct program attend_program = { "attend", false, attend_actions, COUNT_OF(attend_actions) };

int main(int argc, char **argv)
{
	return program_main(&attend_program, argc, argv);
}
