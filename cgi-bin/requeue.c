/* requeue - a visitor who scheduled a session comes back and joins the
 * queue again, keeping their place among equals. Tests: t/requeue.t. */
#include "helpreq.h"
#include "program.h"

enum { IN_CSRF, IN_REQUEST, IN__MAX };
static const struct input requeue_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_REQUEST] = { "r", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int rejoin(struct request *r, const struct request_status *st, void *arg)
{
	(void)arg;
	return helpreq_requeue(r, st);
}

static int requeue(struct request *r)
{
	return helpreq_visitor_change(r, r->in[IN_REQUEST], rejoin, NULL,
				      "This request is not scheduled.");
}

static const struct action requeue_actions[] = {
	{ METHOD_POST, requeue_inputs, IN__MAX, GUARD_FORM_CSRF, requeue },
};

static const struct program requeue_program = {
	"requeue", false, requeue_actions, COUNT_OF(requeue_actions)
};

int main(int argc, char **argv)
{
	return program_main(&requeue_program, argc, argv);
}
