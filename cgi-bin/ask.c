/* ask - an attendee speaks to an event (lib/question.h): kind=question (to
 * the producer's queue; the default) or kind=line (a public line to the
 * room, where the event allows chat). The attendee is known by their
 * visitor cookie and the form token of their page. Refused: not registered
 * or removed (403), muted (403), the event forbids it (403), not live
 * (409), too fast (429). Tests: t/ask.t. */
#include <ctype.h>
#include <string.h>

#include "attendee.h"
#include "db.h"
#include "event.h"
#include "pool.h"
#include "program.h"
#include "question.h"
#include "response.h"

static const char *const kinds[] = { "question", "line", NULL };

enum { IN_CSRF, IN_EVENT, IN_KIND, IN_TEXT, IN__MAX };
static const struct input ask_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_EVENT] = { "e", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_KIND] = { "kind", INPUT_CHOICE, false, 0, 0, 0, kinds },
	[IN_TEXT] = { "text", INPUT_TEXT, true, QUESTION_MAX, 0, 0, NULL },
};

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static int ask(struct request *r)
{
	struct live_event ev;
	struct attendee a;
	bool found = false, registered = false;
	int rc = event_load(r->db, r->pool, r->in[IN_EVENT], &ev, &found);
	if (rc == DB_OK && found)
		rc = attendee_of_request(r, &ev, &a, &registered);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (!found)
		return resp_error(r, 404, "There is no such event.");
	if (!registered)
		return resp_error(r, 403, "You are not registered for this event.");
	if (blank(r->in[IN_TEXT]))
		return resp_error(r, 400, "Write something first.");
	bool line = r->in[IN_KIND] != NULL && strcmp(r->in[IN_KIND], "line") == 0;
	long long id = 0;
	int status = 400;
	const char *problem = NULL;
	rc = line ? question_line(r, &ev, &a, r->in[IN_TEXT], &id, &status, &problem)
		  : question_ask(r, &ev, &a, r->in[IN_TEXT], &id, &status, &problem);
	if (rc == QUESTION_REFUSED)
		return resp_error(r, status, "%s", problem);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	return resp_json(r, 200, pool_printf(r->pool, line ? "{\"seq\":%lld}" : "{\"question\":%lld}", id));
}

static const struct action ask_actions[] = {
	{ METHOD_POST, ask_inputs, IN__MAX, GUARD_FORM_CSRF, ask },
};

static const struct program ask_program = { "ask", true, ask_actions, COUNT_OF(ask_actions) };

int main(int argc, char **argv)
{
	return program_main(&ask_program, argc, argv);
}
