/* queue.c - queue versions and wait estimates in words. */
#include "queue.h"

#include "db.h"
#include "notify.h"
#include "pool.h"

int queue_lock(struct db *db, long long client_id)
{
	struct pool *pool = pool_new();
	struct db_rows row;
	int rc = db_query(db, pool, SQL_QUEUE_LOCK, &row, "i", client_id);
	pool_free(pool);
	return rc;
}

int queue_bump(struct db *db, long long client_id, unsigned long long *version)
{
	int rc = db_exec(db, SQL_QUEUE_BUMP, NULL, "i", client_id);
	*version = rc == DB_OK ? db_last_insert_id(db) : 0;
	return rc;
}

void queue_notify(long long client_id, unsigned long long version)
{
	if (version > 0)
		notify_post(NOTIFY_QUEUE, client_id, version);
}

const char *queue_wait_words(long long seconds)
{
	if (seconds < 60) return "less than a minute";
	if (seconds < 120) return "about a minute";
	if (seconds < 240) return "about 3 minutes";
	if (seconds < 420) return "about 5 minutes";
	if (seconds < 720) return "about 10 minutes";
	if (seconds < 1200) return "about 15 minutes";
	if (seconds < 2400) return "about half an hour";
	if (seconds < 5400) return "about an hour";
	return "more than an hour";
}

const char *queue_wait_band(long long seconds, long long *minutes)
{
	static const struct { long long below, minutes; } bands[] = {
		{ 120, 1 }, { 240, 3 }, { 420, 5 }, { 720, 10 }, { 1200, 15 },
	};
	*minutes = 0;
	if (seconds < 60) return "under_minute";
	for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
		if (seconds < bands[i].below) {
			*minutes = bands[i].minutes;
			return "minutes";
		}
	if (seconds < 2400) return "half_hour";
	if (seconds < 5400) return "hour";
	return "over_hour";
}
