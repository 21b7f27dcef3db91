/* Unit tests of db_retry: which outcomes of a transaction are run again,
 * how often, and what the caller is left with when the attempts run out.
 * No database is needed: db_retry looks only at the outcome. */
#include <stdbool.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "tap.h"

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
	struct config cfg;
	config_defaults(&cfg);
	struct db *db = db_new(&cfg);

	/* ok() evaluates its condition twice: db_retry is called outside it. */
	int rc = DB_OK, attempt = 0;
	bool again = db_retry(db, &rc, &attempt);
	ok(!again && rc == DB_OK && attempt == 0, "a transaction that committed is not run again");
	rc = DB_DUPLICATE;
	again = db_retry(db, &rc, &attempt);
	ok(!again && rc == DB_DUPLICATE, "nor one a unique key refused");
	rc = DB_DOWN;
	again = db_retry(db, &rc, &attempt);
	ok(!again && rc == DB_DOWN, "nor one whose database was unreachable (the caller answers 503)");

	attempt = 0;
	int runs = 1;
	double started = seconds();
	for (rc = DB_RETRY; db_retry(db, &rc, &attempt); rc = DB_RETRY)
		runs++;
	double took = seconds() - started;
	ok(runs == 6, "a transaction that keeps losing to others runs six times in all (ran %d)", runs);
	ok(rc == DB_DOWN, "then the caller is left with DB_DOWN: the client is told to try again");
	ok(took < 0.5, "the pauses between attempts are short (%.3f s in all)", took);

	attempt = 0;
	rc = DB_RETRY;
	again = db_retry(db, &rc, &attempt);
	ok(again && attempt == 1, "a conflict is retried");
	rc = DB_OK;
	again = db_retry(db, &rc, &attempt);
	ok(!again && rc == DB_OK, "and the retry that commits ends it");

	db_free(db);
	return done_testing();
}
