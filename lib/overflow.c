/* overflow.c - whether a newcomer sees the overflow page (overflow.h). */
#include "overflow.h"

#include "db.h"
#include "profile.h"

bool overflow_due(long long after_minutes, bool level_skips, const struct estimate *e)
{
	if (after_minutes <= 0 || level_skips)
		return false;
	/* Nobody there to say how long (closed, everyone away): nobody can answer. */
	if (e->seconds < 0)
		return true;
	return e->seconds > after_minutes * 60;
}

int overflow_for_newcomer(struct db *db, struct pool *pool, long long client_id,
			  long long visitor_id, const struct profile_ask *ask, struct treatment *t,
			  struct estimate *e, bool *overflow)
{
	*overflow = false;
	struct db_rows setting;
	int rc = db_query(db, pool, SQL_CLIENT_OVERFLOW_AFTER, &setting, "i", client_id);
	if (rc != DB_OK)
		return rc;
	long long after = setting.rows > 0 ? db_cell_int(&setting, 0, 0) : 0;
	if (after <= 0)
		return DB_OK;
	if ((rc = profile_treat(db, pool, client_id, visitor_id, ask, t)) != DB_OK)
		return rc;
	if ((rc = estimate_for_newcomer(db, pool, client_id, e)) != DB_OK)
		return rc;
	*overflow = overflow_due(after, t->skip_overflow, e);
	return DB_OK;
}
