/* event - an event's page for its staff (lib/event.h). The producer (and
 * the client's supervisors) see the population, the question queue, the
 * speakers with the lead and a private line to each, the backstage lines
 * and the attendees to moderate, made live by htdocs/js/producer.js; they
 * open the stage, go live and end the event (POST action=open|live|end).
 * Speakers find the way onto the stage (the channel viewer of the stage,
 * with their panel: templates/stage.cs). Anyone else of the client: 403.
 * Template: templates/event.cs. Tests: t/event.t, t/browser-event.t. */
#include <string.h>

#include "db.h"
#include "event.h"
#include "event_view.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"

static const char *const steps[] = { "open", "live", "end", NULL };

enum { IN_CSRF, IN_ID, IN_ACTION, IN__MAX };
static const struct input post_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_ID] = { "id", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, steps },
};
static const struct input get_inputs[] = {
	{ "id", INPUT_LINE, true, 32, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

/* The event and the requester's part in it; answers 404 or 403 itself. */
static int load(struct request *r, const char *id, struct live_event *ev, enum event_role *role)
{
	int status = event_load_for_staff(r, id, ev, role);
	if (status != 0)
		return status;
	if (*role == EVENT_NOBODY)
		return resp_error(r, 403, "This page is for the event's producer, its speakers and "
				  "this client's supervisors.");
	return 0;
}

static int event_page(struct request *r)
{
	struct live_event ev;
	enum event_role role;
	int status = load(r, r->in[0], &ev, &role);
	if (status != 0)
		return status;
	struct view *v = view_new(r);
	event_to_view(r, &ev, true, v);
	int rc = event_staff_to_view(r, &ev, v);
	if (rc != DB_OK) {
		view_free(v);
		return failed(r, rc);
	}
	view_set(v, "event.role", role == EVENT_PRODUCER ? "producer" : role == EVENT_SPEAKER ? "speaker"
				  : "manager");
	view_set_int(v, "event.runs", role == EVENT_PRODUCER || role == EVENT_MANAGER);
	rc = view_render(r, v, 200, "event");
	view_free(v);
	return rc;
}

static int event_step(struct request *r)
{
	struct live_event ev;
	enum event_role role;
	int status = load(r, r->in[IN_ID], &ev, &role);
	if (status != 0)
		return status;
	if (role != EVENT_PRODUCER && role != EVENT_MANAGER)
		return resp_error(r, 403, "Only the event's producer opens, starts and ends it.");
	const char *problem = NULL;
	int rc = event_advance(r, &ev, r->in[IN_ACTION], &problem);
	if (rc != DB_OK)
		return failed(r, rc);
	if (problem != NULL)
		return resp_error(r, 409, "%s", problem);
	if (r->wants_json)
		return resp_json(r, 200, "{\"ok\":true}");
	return resp_redirect(r, pool_printf(r->pool, "/event?id=%s", ev.public_id));
}

static const struct action event_actions[] = {
	{ METHOD_GET, get_inputs, COUNT_OF(get_inputs), GUARD_SESSION, event_page },
	{ METHOD_POST, post_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, event_step },
};

static const struct program event_program = { "event", false, event_actions, COUNT_OF(event_actions) };

int main(int argc, char **argv)
{
	return program_main(&event_program, argc, argv);
}
