/* message - a waiting visitor leaves a message (name, contact, question)
 * that agents find in their console. Should an agent have taken the
 * request while the visitor wrote, the message is not lost: it becomes the
 * visitor's line in the conversation, where they are taken.
 * Tests: t/message.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "helpreq.h"
#include "pool.h"
#include "program.h"
#include "response.h"

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

/* The request was accepted meanwhile: the message goes into the
 * conversation as the visitor's line. */
static int into_conversation(struct request *r, const struct request_status *st)
{
	struct member m;
	bool found = false;
	int rc = channel_member(r, st->channel_public_id, st->visitor_id, &m, &found);
	long long seq = 0;
	if (rc == DB_OK && found && !m.left && m.channel_open)
		rc = channel_post(r->db, m.channel_id, m.participant_id, 0, "line", r->in[IN_QUESTION],
				  NULL, &seq);
	else if (rc == DB_OK)
		return resp_error(r, 409, "This request is no longer waiting.");
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", st->channel_public_id));
}

static int leave_message(struct request *r)
{
	struct request_status st;
	int status = helpreq_load_for_visitor(r, r->in[IN_REQUEST], &st);
	if (status != 0)
		return status;
	if (strcmp(st.state, "accepted") == 0 && st.channel_public_id != NULL)
		return into_conversation(r, &st);
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
