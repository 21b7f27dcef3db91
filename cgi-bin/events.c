/* events - a client's events for its staff (lib/event.h): the list (what
 * each staff member is in them, links to the producer's and speakers'
 * views, the attendees' link, attendance), and for supervisors and
 * administrators the form to schedule one. POST schedules and goes to the
 * event's page. Template: templates/events.cs. Tests: t/events.t. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "event.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "staff.h"

static const char *const registrations[] = { "open", "required", NULL };
static const char *const talks[] = { "chat", "questions", "none", NULL };

enum { IN_CSRF, IN_TITLE, IN_DESCRIPTION, IN_STARTS, IN_SEATS, IN_PRODUCER, IN_SPEAKER1, IN_SPEAKER2,
       IN_SPEAKER3, IN_SPEAKER4, IN_REGISTRATION, IN_FIELD, IN_TALK, IN_SHOW, IN__MAX };
#define SPEAKER_INPUT(name) { name, INPUT_INT, false, 0, 1, 1000000000000LL, NULL }
static const struct input schedule_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_TITLE] = { "title", INPUT_LINE, true, EVENT_TITLE_MAX, 0, 0, NULL },
	[IN_DESCRIPTION] = { "description", INPUT_TEXT, false, 2000, 0, 0, NULL },
	[IN_STARTS] = { "starts", INPUT_LINE, true, 16, 0, 0, NULL },
	[IN_SEATS] = { "seats", INPUT_INT, true, 0, 1, EVENT_SEATS_MAX, NULL },
	[IN_PRODUCER] = { "producer", INPUT_INT, true, 0, 1, 1000000000000LL, NULL },
	[IN_SPEAKER1] = SPEAKER_INPUT("speaker1"),
	[IN_SPEAKER2] = SPEAKER_INPUT("speaker2"),
	[IN_SPEAKER3] = SPEAKER_INPUT("speaker3"),
	[IN_SPEAKER4] = SPEAKER_INPUT("speaker4"),
	[IN_REGISTRATION] = { "registration", INPUT_CHOICE, true, 0, 0, 0, registrations },
	[IN_FIELD] = { "field", INPUT_LINE, false, 60, 0, 0, NULL },
	[IN_TALK] = { "talk", INPUT_CHOICE, true, 0, 0, 0, talks },
	[IN_SHOW] = { "show_attendees", INPUT_INT, false, 0, 0, 1, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static int events_page(struct request *r)
{
	static const char *const staff_cols[] = { "id", "name", "role", NULL };
	const struct session *s = r->session;
	struct db_rows staff, seats;
	struct view *v = view_new(r);
	int rc = event_list_to_view(r->db, r->pool, s->client_id, s->agent_id, v);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_EVENT_STAFF_CHOICES, &staff, "i", s->client_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_EVENT_CLIENT_SEATS, &seats, "i", s->client_id);
	if (rc != DB_OK) {
		view_free(v);
		return failed(r, rc);
	}
	view_set_rows(v, "staff", &staff, staff_cols);
	long long cap = seats.rows ? db_cell_int(&seats, 0, 0) : 0;
	view_set_int(v, "client.seat_cap", cap);
	view_set_int(v, "default_seats", cap < 100 ? cap : 100);
	view_set_int(v, "me.agent_id", s->agent_id);
	view_set_int(v, "may_schedule", staff_may_see_client(s, s->client_id, ROLE_SUPERVISOR));
	/* The next full hour, as a suggestion. */
	char start[20];
	time_t next = (time(NULL) / 3600 + 1) * 3600;
	struct tm tm;
	gmtime_r(&next, &tm);
	strftime(start, sizeof start, "%Y-%m-%d %H:%M", &tm);
	view_set(v, "default_start", start);
	rc = view_render(r, v, 200, "events");
	view_free(v);
	return rc;
}

static int events_schedule(struct request *r)
{
	const struct session *s = r->session;
	if (!staff_may_see_client(s, s->client_id, ROLE_SUPERVISOR))
		return resp_error(r, 403, "Supervisors and administrators schedule events.");
	struct event_spec spec = {
		.client_id = s->client_id, .created_by = s->agent_id, .title = r->in[IN_TITLE],
		.description = r->in[IN_DESCRIPTION], .starts_at = r->in[IN_STARTS],
		.seat_limit = r->in_int[IN_SEATS], .registration = r->in[IN_REGISTRATION],
		.talk = r->in[IN_TALK], .show_attendees = r->in_int[IN_SHOW] == 1,
		.field_label = r->in[IN_FIELD], .producer_agent_id = r->in_int[IN_PRODUCER],
	};
	for (int i = IN_SPEAKER1; i <= IN_SPEAKER4; i++)
		if (r->in[i] != NULL)
			spec.speakers[spec.speaker_count++] = r->in_int[i];
	const char *id = NULL, *problem = NULL;
	int rc = event_schedule(r->db, r->pool, &spec, &id, &problem);
	if (rc != DB_OK)
		return failed(r, rc);
	if (problem != NULL)
		return resp_error(r, 400, "%s", problem);
	return resp_redirect(r, pool_printf(r->pool, "/event?id=%s", id));
}

static const struct action events_actions[] = {
	{ METHOD_GET, NULL, 0, GUARD_SESSION, events_page },
	{ METHOD_POST, schedule_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, events_schedule },
};

static const struct program events_program = {
	"events", false, events_actions, COUNT_OF(events_actions)
};

int main(int argc, char **argv)
{
	return program_main(&events_program, argc, argv);
}
