/* queue.h - a client's queue of help requests: the version every console
 * and waiting visitor long-polls on, and the words for a wait. */
#ifndef BATON_QUEUE_H
#define BATON_QUEUE_H

struct db;

/* Inside a transaction that will bump the queue, first: takes the client's
 * row lock, so writers of one client's queue take turns. Without it two of
 * them each take a shared lock on the row (the foreign key check of an
 * insert) and then both want it exclusively in queue_bump: a deadlock. */
int queue_lock(struct db *db, long long client_id);
/* Inside a transaction: marks the client's queue changed; *version gets the
 * new version (to notify after commit). Returns a db_status. */
int queue_bump(struct db *db, long long client_id, unsigned long long *version);
/* After commit: wakes local pollers of the client's queue. */
void queue_notify(long long client_id, unsigned long long version);
/* "less than a minute", "about 3 minutes", "about an hour" ... */
const char *queue_wait_words(long long seconds);
/* The same wait as a visitor's catalogue says it (templates/lang.cs's
 * estimate_words): "under_minute", "minutes" with *minutes set (1, 3, 5,
 * 10 or 15), "half_hour", "hour" or "over_hour". */
const char *queue_wait_band(long long seconds, long long *minutes);

#endif
