/* schedule - a visitor asks for a session at a later day and time (given in
 * their own time zone; the page's script sends its offset, UTC otherwise).
 * The request is shown to the client's agents for that time, and the
 * waiting page's link brings the visitor back. Tests: t/schedule.t. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "helpreq.h"
#include "program.h"
#include "response.h"

enum { IN_CSRF, IN_REQUEST, IN_DATE, IN_TIME, IN_OFFSET, IN_CONTACT, IN__MAX };
static const struct input schedule_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_REQUEST] = { "r", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_DATE] = { "date", INPUT_LINE, true, 10, 0, 0, NULL },
	[IN_TIME] = { "time", INPUT_LINE, true, 5, 0, 0, NULL },
	/* Minutes to add to local time for UTC (JavaScript's getTimezoneOffset). */
	[IN_OFFSET] = { "offset", INPUT_INT, false, 0, -840, 840, NULL },
	[IN_CONTACT] = { "contact", INPUT_LINE, false, 254, 0, 0, NULL },
};

static int store_time(struct request *r, const struct request_status *st, void *stamp)
{
	return helpreq_schedule(r, st, stamp, r->in[IN_CONTACT]);
}

static int schedule(struct request *r)
{
	char stamp[32];
	const char *refusal = helpreq_booking_time(r->in[IN_DATE], r->in[IN_TIME], r->in_int[IN_OFFSET],
						   stamp);
	if (refusal != NULL)
		return resp_error(r, 400, "%s", refusal);
	return helpreq_visitor_change(r, r->in[IN_REQUEST], store_time, stamp,
				      "This request is no longer waiting.");
}

static const struct action schedule_actions[] = {
	{ METHOD_POST, schedule_inputs, IN__MAX, GUARD_FORM_CSRF, schedule },
};

static const struct program schedule_program = {
	"schedule", false, schedule_actions, COUNT_OF(schedule_actions)
};

int main(int argc, char **argv)
{
	return program_main(&schedule_program, argc, argv);
}
