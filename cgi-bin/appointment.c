/* appointment - an agent takes a scheduled session from the console (or
 * gives it back): they are reminded by e-mail before it and offered it
 * first at its time (lib/appointment.c). POST action=take|release,
 * request=ID. Tests: t/appointment.t, t/appointment-mail.t. */
#include <string.h>

#include "appointment.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"

static const char *const actions[] = { "take", "release", NULL };
enum { IN_CSRF, IN_REQUEST, IN_ACTION, IN__MAX };
static const struct input take_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_REQUEST] = { "request", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, actions },
};

static int take(struct request *r)
{
	bool taking = strcmp(r->in[IN_ACTION], "take") == 0;
	int rc = appointment_take(r, r->in[IN_REQUEST], taking);
	if (rc == APPOINTMENT_NOT_SCHEDULED)
		return resp_error(r, 409, taking ? "This is not a scheduled session of your desk."
					       : "This scheduled session is not yours to give back.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (r->wants_json)
		return resp_json(r, 200, taking ? "{\"taken\":true}" : "{\"taken\":false}");
	return resp_redirect(r, "/console");
}

static const struct action appointment_actions[] = {
	{ METHOD_POST, take_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, take },
};

static const struct program appointment_program = {
	"appointment", false, appointment_actions, COUNT_OF(appointment_actions)
};

int main(int argc, char **argv)
{
	return program_main(&appointment_program, argc, argv);
}
