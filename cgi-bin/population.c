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
	enum event_role role;
	int rc = session_load(r);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	int status = event_load_for_staff(r, r->in[IN_EVENT], &ev, &role);
	if (status != 0)
		return status;
	if (role == EVENT_NOBODY)
		return resp_error(r, 403, "The audience is for the event's producer, speakers and "
				  "supervisors only.");
	struct buf out;
	buf_init(&out);
	rc = r->in_int[IN_ATTENDEES] == 1 ? population_search_json(r->db, r->pool, &ev, r->in[IN_QUERY], &out)
					   : population_json(r->db, r->pool, &ev, &out);
	status = rc == DB_OK ? resp_json(r, 200, pool_strdup(r->pool, out.data))
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
