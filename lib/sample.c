/* sample.c - sampled pointers and scroll positions for the replay. */
#include "sample.h"

#include "db.h"

int sample_note(struct db *db, long long channel_id, long long participant_id, const char *kind,
		const char *x, const char *y)
{
	/* 1 row: a first sample; 2: the last one is old enough; 0: too soon. */
	unsigned long long due = 0;
	int rc = db_exec(db, SQL_SAMPLE_CLOCK, &due, "is", participant_id, kind);
	if (rc == DB_OK && due > 0)
		rc = db_exec(db, SQL_SAMPLE_INSERT, NULL, "iisss", channel_id, participant_id, kind, x, y);
	return rc;
}
