/* cancel - a waiting visitor gives up; the request leaves the queue.
 * Tests: t/cancel.t. */
#include "helpreq.h"
#include "program.h"

enum { IN_CSRF, IN_REQUEST, IN__MAX };
static const struct input cancel_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_REQUEST] = { "r", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int cancel(struct request *r, const struct request_status *st, void *arg)
{
	(void)arg;
	return helpreq_cancel(r, st);
}

static int cancel_request(struct request *r)
{
	return helpreq_visitor_change(r, r->in[IN_REQUEST], cancel, NULL,
				      "This request is no longer waiting.");
}

static const struct action cancel_actions[] = {
	{ METHOD_POST, cancel_inputs, IN__MAX, GUARD_FORM_CSRF, cancel_request },
};

static const struct program cancel_program = {
	"cancel", false, cancel_actions, COUNT_OF(cancel_actions)
};

int main(int argc, char **argv)
{
	return program_main(&cancel_program, argc, argv);
}
