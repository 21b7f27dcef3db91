/* rate - a visitor rates a session once it is over for them (1 to 5
 * stars) and may add a comment; rating again changes it. The transcript
 * page (and the widget's panel, which shows it) has the form; the agent
 * report shows the ratings. Tests: t/rate.t. */
#include <string.h>

#include "channel.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "session.h"

enum { IN_CHANNEL, IN_TOKEN, IN_STARS, IN_COMMENT, IN__MAX };
static const struct input rate_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_STARS] = { "stars", INPUT_INT, true, 0, 1, 5, NULL },
	[IN_COMMENT] = { "comment", INPUT_TEXT, false, 2000, 0, 0, NULL },
};

static int rate(struct request *r)
{
	struct member m;
	int status = channel_viewer(r, r->in[IN_CHANNEL], "You were not in this conversation.", &m);
	if (status != 0)
		return status;
	if (strcmp(m.kind, "visitor") != 0)
		return resp_error(r, 403, "Only the visitor rates a session.");
	if (!request_same_origin(r))
		return resp_error(r, 403, "This was sent from another site.");
	if (!crypto_equal(r->in[IN_TOKEN], m.token))
		return resp_error(r, 403, "The page's security token is out of date. Reload the page.");
	if (m.channel_open && !m.left)
		return resp_error(r, 409, "The session is still going on: rate it when it is over.");
	const char *comment = r->in[IN_COMMENT];
	if (comment != NULL && comment[strspn(comment, " \t\r\n")] == '\0')
		comment = NULL;
	int rc = db_exec(r->db, SQL_RATING_PUT, NULL, "iiiis", m.channel_id, m.participant_id,
			 m.client_id, r->in_int[IN_STARS], comment);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"rated\":%lld}", r->in_int[IN_STARS]));
	return resp_redirect(r, pool_printf(r->pool, "/transcript?id=%s#rating", m.channel_public_id));
}

static const struct action rate_actions[] = {
	{ METHOD_POST, rate_inputs, IN__MAX, GUARD_NONE, rate },
};

static const struct program rate_program = { "rate", false, rate_actions, COUNT_OF(rate_actions) };

int main(int argc, char **argv)
{
	return program_main(&rate_program, argc, argv);
}
