/* attendance - the attendance report of one event, for certifying who
 * took part (lib/report_event.c): a printable page, or &format=csv (the
 * attendees' table: &table=event for the event's). For the event's
 * producer, the client's supervisors and administrators, and the Baton
 * operator; speakers, agents, attendees and other clients: refused.
 * Template: templates/attendance.cs. Tests: t/attendance.t. */
#include <string.h>

#include "db.h"
#include "event.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "report.h"
#include "response.h"

static const char *const formats[] = { "html", "csv", NULL };
static const char *const tables[] = { "attendees", "event", NULL };

enum { IN_EVENT, IN_FORMAT, IN_TABLE, IN__MAX };
static const struct input attendance_inputs[IN__MAX] = {
	[IN_EVENT] = { "e", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_FORMAT] = { "format", INPUT_CHOICE, false, 0, 0, 0, formats },
	[IN_TABLE] = { "table", INPUT_CHOICE, false, 0, 0, 0, tables },
};

static int attendance(struct request *r)
{
	struct live_event ev;
	enum event_role role;
	int status = event_load_for_staff(r, r->in[IN_EVENT], &ev, &role);
	if (status != 0)
		return status;
	if (role != EVENT_PRODUCER && role != EVENT_MANAGER)
		return resp_error(r, 403, "The attendance report is for the event's producer and this "
				  "client's supervisors and administrators.");
	struct report rep;
	memset(&rep, 0, sizeof rep);
	rep.pool = r->pool;
	rep.kind = "attendance";
	int rc = report_event_attendance(r->db, r->pool, &ev, &rep);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (r->in[IN_FORMAT] != NULL && strcmp(r->in[IN_FORMAT], "csv") == 0) {
		struct buf csv;
		buf_init(&csv);
		report_to_csv(&rep, r->in[IN_TABLE] ? r->in[IN_TABLE] : "attendees", &csv);
		buf_free(&r->resp.body);
		r->resp.body = csv;
		r->resp.content_type = "text/csv; charset=utf-8";
		resp_header(r, "Content-Disposition", pool_printf(r->pool,
			    "attachment; filename=\"attendance-%s-%s.csv\"", ev.public_id,
			    r->in[IN_TABLE] ? r->in[IN_TABLE] : "attendees"));
		return 200;
	}
	struct view *v = view_new(r);
	view_set(v, "event.id", ev.public_id);
	view_set(v, "event.title", ev.title);
	view_set(v, "event.state", ev.state);
	report_to_view(&rep, v);
	rc = view_render(r, v, 200, "attendance");
	view_free(v);
	return rc;
}

static const struct action attendance_actions[] = {
	{ METHOD_GET, attendance_inputs, IN__MAX, GUARD_SESSION, attendance },
};

static const struct program attendance_program = {
	"attendance", false, attendance_actions, COUNT_OF(attendance_actions)
};

int main(int argc, char **argv)
{
	return program_main(&attendance_program, argc, argv);
}
