/* signin_guard.c - exponential back-off for failed sign-ins. */
#include "signin_guard.h"

#include "config.h"
#include "db.h"

long long signin_delay(long long failures, long long free_failures, long long max_delay)
{
	if (failures < free_failures)
		return 0;
	long long steps = failures - free_failures;
	if (steps >= 30)
		return max_delay;
	long long delay = 1LL << steps;
	return delay < max_delay ? delay : max_delay;
}

static long long remaining(const struct db_rows *rows, long long free_failures, long long max_delay)
{
	long long failures = db_cell_int(rows, 0, 0);
	long long since_last = db_cell_int(rows, 0, 1);
	long long wait = signin_delay(failures, free_failures, max_delay) - since_last;
	return wait > 0 ? wait : 0;
}

long long signin_wait_seconds(struct request *r, const char *email)
{
	const struct config *cfg = r->cfg;
	struct db_rows by_pair, by_ip, by_account, known;
	int rc = db_query(r->db, r->pool, SQL_SIGNIN_FAILURES_BY_PAIR, &by_pair, "ss", email,
			  r->remote_addr);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_SIGNIN_FAILURES_BY_IP, &by_ip, "s", r->remote_addr);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_SIGNIN_FAILURES_BY_EMAIL, &by_account, "s", email);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_SIGNIN_KNOWN_ADDRESS, &known, "ss", email,
			      r->remote_addr);
	if (rc != DB_OK)
		return rc;
	/* Someone guessing this account's password from this address... */
	long long pair = remaining(&by_pair, cfg->signin_free_failures_per_account,
				   cfg->signin_max_delay_seconds);
	/* ... or many accounts' from it ... */
	long long address = remaining(&by_ip, cfg->signin_free_failures_per_ip,
				      cfg->signin_max_delay_seconds);
	/* ... or this account's from many addresses: that slows only addresses
	 * the account has not signed in from, and never for long, so nobody
	 * can lock its owner out by failing on purpose. */
	long long account = db_cell_int(&known, 0, 0) > 0
				    ? 0
				    : remaining(&by_account, cfg->signin_free_failures_account_wide,
						cfg->signin_account_max_delay_seconds);
	long long wait = pair > address ? pair : address;
	return wait > account ? wait : account;
}

int signin_record(struct request *r, const char *email, long long agent_id, const char *outcome)
{
	return db_exec(r->db, SQL_SIGNIN_RECORD, NULL, "snsss", email, agent_id, r->remote_addr,
		       r->user_agent, outcome);
}
