/* accept - an agent accepts a help request (the one offered to them, or one
 * still waiting): a channel is created with the agent leading, and both are
 * placed in it. A help request that came by e-mail becomes the agent's
 * message thread instead (/messages). Tests: t/accept.t, t/mail-request.t. */
#include "channel.h"
#include "chat_lang.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "thread.h"

enum { IN_CSRF, IN_REQUEST, IN__MAX };
static const struct input accept_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_REQUEST] = { "request", INPUT_KEY, true, 32, 0, 0, NULL },
};

/* A help request by e-mail is answered in its thread. */
static int accept_mail(struct request *r, int rc)
{
	if (rc == THREAD_TAKEN)
		return resp_error(r, 409, "This request has been taken by another agent.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	const char *url = pool_printf(r->pool, "/messages?id=%s", r->in[IN_REQUEST]);
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"thread\":\"%s\",\"url\":\"%s\"}",
						      r->in[IN_REQUEST], url));
	return resp_redirect(r, url);
}

static int accept_request(struct request *r)
{
	int mail = thread_accept(r, r->in[IN_REQUEST]);
	if (mail != THREAD_NOT_MAIL)
		return accept_mail(r, mail);
	const char *channel = NULL;
	int rc = channel_accept(r, r->in[IN_REQUEST], &channel);
	if (rc == CHANNEL_TAKEN)
		return resp_error(r, 409, "This request has been taken by another agent, or the "
				  "visitor is no longer waiting.");
	if (rc == CHANNEL_FULL)
		return resp_error(r, 409, "All of your desk's seats are in use; finish a session first.");
	if (rc == CHANNEL_AGENT_FULL)
		return resp_error(r, 409, "You already hold as many sessions as you may (%lld); finish "
				  "one first.", r->session->max_sessions);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	/* Committed: the question reaches an agent who reads another language
	 * translated, as the lines after it will. */
	chat_lang_translate_question(r, channel);
	const char *url = pool_printf(r->pool, "/channel?id=%s", channel);
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"channel\":\"%s\",\"url\":\"%s\"}",
						      channel, url));
	return resp_redirect(r, url);
}

static const struct action accept_actions[] = {
	{ METHOD_POST, accept_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, accept_request },
};

static const struct program accept_program = {
	"accept", false, accept_actions, COUNT_OF(accept_actions)
};

int main(int argc, char **argv)
{
	return program_main(&accept_program, argc, argv);
}
