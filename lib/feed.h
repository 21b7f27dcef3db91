/* feed.h - what a long-poll waits for, and its answer. Three feeds:
 *   channel  a channel's events after a seq, and typing previews;
 *   console  an agent's view of the client's queue and their channels;
 *   waiting  a visitor's place in the queue;
 *   supervise  a supervisor's live view of the desk;
 *   audience  an event's attendee following its stage (lib/audience.h).
 * All but the first follow the client's queue version. */
#ifndef BATON_FEED_H
#define BATON_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "notify.h"
#include "request.h"

struct db;
struct pool;

enum feed_kind { FEED_CHANNEL = 1, FEED_CONSOLE, FEED_WAITING, FEED_SUPERVISE,
		 FEED_AUDIENCE /* an event's attendee: lib/audience.h */ };

/* Everything needed to answer a poll later, with no pointers into the
 * request that parked it. */
struct feed_watch {
	enum feed_kind kind;
	enum notify_topic topic;
	long long topic_id;               /* channel id, or client id */
	unsigned long long seen;          /* last seq, or queue version */
	unsigned long long seen_signals;  /* typing version (channels) */
	long long participant_id;         /* channel: the viewer */
	unsigned long long member_seq;    /* channel: its last seq when the viewer was found in it */
	bool viewer_is_agent;             /* staff: agents and supervisors */
	long long session_id;             /* channel: the staff session that asks, or 0 */
	long long agent_id;               /* console: the agent */
	char request_public_id[33];       /* waiting: the request */
	long long attendee_id;            /* audience: the attendee (topic: the stage) */
};

/* A poll's inputs: which feed, and what the client has seen. */
enum feed_input { FEED_IN_CHANNEL, FEED_IN_CONSOLE, FEED_IN_REQUEST, FEED_IN_AFTER,
		  FEED_IN_SIGNALS, FEED_IN_VERSION, FEED_IN_SUPERVISE, FEED_IN_CLIENT, FEED_IN_AUDIENCE,
		  FEED_IN__MAX };
extern const struct input feed_inputs[FEED_IN__MAX];

/* Reads and authorises a poll (inputs of poll.c). Returns 0, or the HTTP
 * status of the error response it has set. */
int feed_watch_from_request(struct request *r, struct feed_watch *w);

/* What one round of answers has already read from the database, so that a
 * thousand followers of one channel cost one query, not a thousand. Lives
 * in the round's pool; answers that pass NULL read afresh. */
struct feed_cache;
struct feed_cache *feed_cache_new(struct pool *pool);

/* A channel's versions as one round read them. */
struct feed_channel_state {
	long long channel_id;
	unsigned long long last_seq, signal_version;
	/* No event after calm_since, up to last_seq, changed anyone's place in
	 * the channel (channel_event_keeps_places), as far as the round's reads
	 * of the channel's events show; last_seq when they show nothing. */
	unsigned long long calm_since;
	bool open;
};

/* The channels' versions the round has read, one per call from *at (start
 * at 0): false after the last. The poll engine remembers them, so that a
 * poll asking again with nothing new since is held without a query. */
bool feed_cache_channel(const struct feed_cache *cache, size_t *at, struct feed_channel_state *out);
/* The versions the round has read of one channel: false when it has not. */
bool feed_cache_channel_of(const struct feed_cache *cache, long long channel_id,
			   struct feed_channel_state *out);
/* How many reads the cache holds: it grows when an answer read something. */
size_t feed_cache_reads(const struct feed_cache *cache);

/* Answers w when there is news for it, or always with `force`: returns 1
 * and the JSON in out, 0 when there is nothing new, or a db_status. */
int feed_answer(struct db *db, struct pool *pool, struct feed_cache *cache,
		const struct feed_watch *w, bool force, int hold_seconds, struct buf *out);

#endif
