/* db_exec of a CALL (lib/db.c): a stored procedure ends with its status
 * as one more result, which must be read before the connection takes the
 * next statement ("Commands out of sync" otherwise). Every CALL of the
 * catalogue goes through db_query today; this keeps db_exec safe for the
 * next one. Needs the test stack's database ($BATON_CONF); skipped
 * without it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "pool.h"
#include "tap.h"

int main(void)
{
	if (getenv("BATON_CONF") == NULL) {
		printf("1..0 # SKIP no test stack (BATON_CONF)\n");
		return 0;
	}
	struct config cfg;
	char err[256];
	config_defaults(&cfg);
	if (config_load(&cfg, config_path(), err, sizeof err) != 0) {
		printf("1..0 # SKIP %s\n", err);
		return 0;
	}
	/* What the library logs (stderr) is read back: a connection out of
	 * step is replaced and the statement run again, so only the log
	 * tells that it happened. */
	FILE *log = tmpfile();
	int saved_stderr = dup(2);
	if (log == NULL || saved_stderr < 0 || dup2(fileno(log), 2) < 0)
		return 1;
	struct db *db = db_new(&cfg);
	struct pool *pool = pool_new();
	struct db_rows rows;
	/* channel_member answers with a row (none found here), then its status. */
	const char *nobody = "00000000000000000000000000000000";
	int rc = db_exec(db, SQL_CHANNEL_MEMBER, NULL, "nnns", 0LL, 0LL, 0LL, nobody);
	ok(rc == DB_OK, "a CALL that answers with rows, through db_exec");
	rc = db_query(db, pool, SQL_PING, &rows, "");
	ok(rc == DB_OK && rows.rows == 1, "and the next statement runs on the same connection");
	rc = db_exec(db, SQL_CHANNEL_MEMBER, NULL, "nnns", 0LL, 0LL, 0LL, nobody);
	int again = db_exec(db, SQL_SESSIONS_TOUCH, NULL, "si", "[]", 60LL);
	ok(rc == DB_OK && again == DB_OK, "two CALLs in a row");
	pool_free(pool);
	db_free(db);
	fflush(stderr);
	dup2(saved_stderr, 2);
	char logged[4096] = "";
	rewind(log);
	size_t n = fread(logged, 1, sizeof logged - 1, log);
	logged[n] = '\0';
	ok(strstr(logged, "out of sync") == NULL && strstr(logged, "connection lost") == NULL,
	   "with no connection lost or replaced on the way");
	if (n > 0)
		printf("# logged: %s", logged);
	return done_testing();
}
