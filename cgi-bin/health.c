/* health - for load balancers and monitoring: 200 with Baton's version
 * when this program can reach the database, 503 with Retry-After when it
 * cannot. Tests: t/health.t. */
#include <stdio.h>

#include "db.h"
#include "program.h"
#include "response.h"
#include "version.h"

static int health_check(struct request *r)
{
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_PING, &rows, "");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	/* The version is digits and dots (the VERSION file): nothing to escape. */
	char json[128];
	snprintf(json, sizeof json, "{\"status\":\"ok\",\"version\":\"%s\"}", baton_version());
	return resp_json(r, 200, json);
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
