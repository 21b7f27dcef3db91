/* message - with no agent signed in, a visitor leaves a message (name,
 * contact, question) that agents find in their console. Tests: t/message.t. */
#include "helpreq.h"
#include "program.h"

enum { IN_CSRF, IN_REQUEST, IN_NAME, IN_CONTACT, IN_QUESTION, IN__MAX };
static const struct input message_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_REQUEST] = { "r", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, true, 100, 0, 0, NULL },
	[IN_CONTACT] = { "contact", INPUT_LINE, true, 254, 0, 0, NULL },
	[IN_QUESTION] = { "question", INPUT_TEXT, true, 2000, 0, 0, NULL },
};

static int store_message(struct request *r, const struct request_status *st, void *arg)
{
	(void)arg;
	return helpreq_leave_message(r, st, r->in[IN_NAME], r->in[IN_CONTACT], r->in[IN_QUESTION]);
}

static int leave_message(struct request *r)
{
	return helpreq_visitor_change(r, r->in[IN_REQUEST], store_message, NULL,
				      "This request is no longer waiting.");
}

static const struct action message_actions[] = {
	{ METHOD_POST, message_inputs, IN__MAX, GUARD_FORM_CSRF, leave_message },
};

static const struct program message_program = {
	"message", false, message_actions, COUNT_OF(message_actions)
};

int main(int argc, char **argv)
{
	return program_main(&message_program, argc, argv);
}
