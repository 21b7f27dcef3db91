/* stage.c - events that name an attendee (stage.h). */
#include "stage.h"

#include "channel.h"
#include "db.h"

int stage_append(struct db *db, long long channel_id, long long participant_id, long long recipient,
		 long long attendee_id, const char *kind, const char *body, long long *seq)
{
	/* The channel's row lock and next seq, as for every event (DESIGN.md). */
	unsigned long long changed = 0;
	int rc = db_exec(db, SQL_CHANNEL_NEXT_SEQ, &changed, "i", channel_id);
	if (rc == DB_OK && changed == 0)
		return CHANNEL_CLOSED;
	if (rc != DB_OK)
		return rc;
	*seq = (long long)db_last_insert_id(db);
	return db_exec(db, SQL_STAGE_EVENT_INSERT, NULL, "iisnnns", channel_id, *seq, kind, participant_id,
		       recipient, attendee_id, body);
}
