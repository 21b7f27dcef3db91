/* session - the staff transcript of one session: every event with its date
 * and time, private lines (marked) and monitoring included, the request's
 * history (created, routed, rolled, accepted...), the addresses led to, the
 * baton passes, and its agents' state changes while it ran. For the
 * client's supervisors and admins, the Baton operator, and the agents who
 * took part (who see only the private lines they sent or received).
 * Template: templates/session.cs. Tests: t/session.t. */
#include "archive.h"
#include "crypto.h"
#include "db.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "timeline.h"

enum { IN_ID, IN__MAX };
static const struct input session_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_KEY, true, 32, 0, 0, NULL },
};

static void channel_to_view(const struct archived_channel *c, struct view *v)
{
	view_set(v, "session.id", c->public_id);
	view_set(v, "session.name", c->name);
	view_set(v, "session.state", c->state);
	view_set(v, "session.started", c->started);
	view_set(v, "session.ended", c->ended);
	view_set_int(v, "session.seconds", c->seconds);
	view_set(v, "session.request", c->request_public_id);
	view_set(v, "session.visitor", c->visitor);
	view_set(v, "session.site", c->site);
	view_set(v, "session.client", c->client_name);
	view_set(v, "session.question", c->question);
	view_set(v, "session.page", c->page_url);
	view_set(v, "session.topic", c->topic);
	view_set_int(v, "session.full_view", c->full_view);
}

static int session_page(struct request *r)
{
	if (!crypto_is_public_id(r->in[IN_ID]))
		return resp_error(r, 404, "There is no such session.");
	struct archived_channel c;
	int status = archive_channel_for_staff(r, r->in[IN_ID], &c);
	if (status != 0)
		return status;
	struct timeline t;
	struct db_rows people;
	int rc = timeline_load(r->db, r->pool, &c, false, &t);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_ARCHIVE_PARTICIPANTS, &people, "i", c.id);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	static const char *const people_cols[] = { "name", "role", "joined", "left", NULL };
	struct view *v = view_new(r);
	channel_to_view(&c, v);
	timeline_to_view(&t, r->pool, v);
	view_set_rows(v, "people", &people, people_cols);
	rc = view_render(r, v, 200, "session");
	view_free(v);
	return rc;
}

static const struct action session_actions[] = {
	{ METHOD_GET, session_inputs, IN__MAX, GUARD_SESSION, session_page },
};

static const struct program session_program = {
	"session", false, session_actions, COUNT_OF(session_actions)
};

int main(int argc, char **argv)
{
	return program_main(&session_program, argc, argv);
}
