/* health - for load balancers and monitoring: 200 when this program can
 * reach the database, 503 with Retry-After when it cannot. Tests: t/health.t. */
#include "db.h"
#include "program.h"
#include "response.h"

static int health_check(struct request *r)
{
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_PING, &rows, "");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	return resp_json(r, 200, "{\"status\":\"ok\"}");
}

static const struct action health_actions[] = {
	{ METHOD_GET, NULL, 0, GUARD_NONE, health_check },
};

static const struct program health_program = {
	"health", true, health_actions, COUNT_OF(health_actions)
};

int main(int argc, char **argv)
{
	return program_main(&health_program, argc, argv);
}
