/* stage.h - events of an event's stage and backstage channels that name
 * an attendee (their public lines, their questions, their removal): the
 * channel's next seq and the row, inside the caller's transaction, as
 * channel_append() does for participants' events. The caller commits, then
 * calls notify_post(). */
#ifndef BATON_STAGE_H
#define BATON_STAGE_H

struct db;

/* Returns a db_status, or CHANNEL_CLOSED. participant_id, recipient and
 * attendee_id may be 0 (none). */
int stage_append(struct db *db, long long channel_id, long long participant_id, long long recipient,
		 long long attendee_id, const char *kind, const char *body, long long *seq);

#endif
