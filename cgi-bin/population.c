/* population - an event's audience at a glance (lib/population.h), for
 * its producer, speakers and the client's supervisors; never for
 * attendees (403), however they ask.
 *   GET /population?e=ID                 counts, minute by minute, by site
 *                                        and by registration field (JSON)
 *   GET /population?e=ID&attendees=1&q=  attendees to moderate (JSON)
 * htdocs/js/producer.js asks every few seconds. Tests: t/population.t. */
#include "buf.h"
#include "db.h"
#include "event.h"
#include "pool.h"
#include "population.h"
#include "program.h"
#include "response.h"
#include "session.h"

enum { IN_EVENT, IN_ATTENDEES, IN_QUERY, IN__MAX };
static const struct input population_inputs[IN__MAX] = {
	[IN_EVENT] = { "e", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_ATTENDEES] = { "attendees", INPUT_INT, false, 0, 0, 1, NULL },
	[IN_QUERY] = { "q", INPUT_LINE, false, 100, 0, 0, NULL },
};

static int population(struct request *r)
{
	struct live_event ev;
	bool found = false;
	enum event_role role = EVENT_NOBODY;
	int rc = session_load(r);
	if (rc == DB_OK)
		rc = event_load(r->db, r->pool, r->in[IN_EVENT], &ev, &found);
	if (rc == DB_OK && found)
		rc = event_staff_role(r->db, r->pool, &ev, r->session, &role);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (!found)
		return resp_error(r, 404, "There is no such event.");
	if (role == EVENT_NOBODY)
		return resp_error(r, 403, "The audience is for the event's producer, speakers and "
				  "supervisors only.");
	struct buf out;
	buf_init(&out);
	rc = r->in_int[IN_ATTENDEES] == 1 ? population_search_json(r->db, r->pool, &ev, r->in[IN_QUERY], &out)
					   : population_json(r->db, r->pool, &ev, &out);
	int status = rc == DB_OK ? resp_json(r, 200, pool_strdup(r->pool, out.data))
				 : rc == DB_DOWN ? resp_unavailable(r) : -1;
	buf_free(&out);
	return status;
}

static const struct action population_actions[] = {
	{ METHOD_GET, population_inputs, IN__MAX, GUARD_NONE, population },
};

static const struct program population_program = {
	"population", true, population_actions, COUNT_OF(population_actions)
};

int main(int argc, char **argv)
{
	return program_main(&population_program, argc, argv);
}
