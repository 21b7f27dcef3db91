/* Unit tests of db_retry: which outcomes of a transaction are run again,
 * how often, and what the caller is left with when the attempts run out.
 * No database is needed: db_retry looks only at the outcome. */
#include <stdbool.h>

#include "config.h"
#include "db.h"
#include "tap.h"

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
	for (rc = DB_RETRY; db_retry(db, &rc, &attempt); rc = DB_RETRY)
		runs++;
	ok(runs == 6, "a transaction that keeps losing to others runs six times in all (ran %d)", runs);
	ok(rc == DB_DOWN, "then the caller is left with DB_DOWN: the client is told to try again");
	/* The pauses are random up to a cap: the caps, not a stopwatch, say how
	 * long a client waits at worst (a timed check fails on a loaded host). */
	long worst_ms = 0;
	for (int a = 1; a < runs; a++)
		worst_ms += db_retry_pause_cap_ms(a);
	ok(db_retry_pause_cap_ms(1) == 4 && db_retry_pause_cap_ms(2) == 8 && db_retry_pause_cap_ms(3) == 16,
	   "the pauses start short and double (%ld, %ld, %ld ms)", db_retry_pause_cap_ms(1),
	   db_retry_pause_cap_ms(2), db_retry_pause_cap_ms(3));
	ok(db_retry_pause_cap_ms(40) == 100, "and never exceed 100 ms however many attempts");
	ok(worst_ms <= 150, "all the pauses of one transaction add up to at most %ld ms", worst_ms);

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
