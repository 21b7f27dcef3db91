/* poll_engine.h - what the threads of the poll program (cgi-bin/poll.c)
 * share: the held polls, what the program remembers of who polls (passes:
 * lib/poll_passes.c) and of the channels' versions (memos:
 * lib/poll_engine.c), and how a held poll is answered. Only the poll
 * program uses it. Tests: t/poll*.t, t/delivery.t, t/two-hosts.t. */
#ifndef BATON_POLL_ENGINE_H
#define BATON_POLL_ENGINE_H

#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "fcgi_held.h"
#include "fcgi_kept.h"
#include "feed.h"
#include "notify.h"
#include "program.h"

/* "Nothing to say; ask again at once": the browser's feed (baton.js
 * follow()) asks again with what it has seen, and hears of anything new
 * then. */
#define ASK_AGAIN "{\"again\":true,\"retry_ms\":0}"

enum { ACCEPTORS = 4, BUCKETS = 4096, TOPIC_MARKS = 65536, CHANGED_MAX = 8192,
       PASS_SLOTS = 65536, PASS_WAYS = 4, PASS_SECONDS = 10, LAPSE_EVERY_TICKS = 5,
       /* An attendee's pass lasts longer: a removal reaches this host's
        * passes at once (NOTIFY_REVOKE), and other hosts' removed attendees
        * read their removal from the stage and stop. */
       AUDIENCE_PASS_SECONDS = 600,
       /* A channel pass also serves its idle re-polls (pass_find). */
       IDLE_PASS_SECONDS = 300,
       /* Staff passes: which sessions still count, asked once a second per
        * host in batches of this many; their stamp every ten seconds. */
       STAFF_CHECK_BATCH = 1000, STAFF_STAMP_TICKS = 10,
       PRESENCE_SLOTS = 131072, VISIT_SWEEP_TICKS = 60, MEMO_SLOTS = 16384 };

/* Who a channel poll is, remembered for a few seconds: a browser in a
 * conversation polls again after every answer, and working out again from
 * its cookies who it is costs about six queries each time. The key is a
 * hash of the cookies and the channel (or event), so the table holds no
 * secret; a sign-out or a leave takes effect here within PASS_SECONDS.
 * A channel pass lives longer for one thing only (issue 21): a re-poll
 * with nothing new, in a channel where no one's place has changed since
 * the poller was found in it, is held without a query. Every change of
 * someone's place in a channel (a leave, a removal, a transfer, a close, a
 * rejoin) is an event of its own kind: the memo of the channel shows it
 * (struct memo, calm_since) and the next poll is looked at afresh. Events
 * that change no one's place (lines, pages, the baton: lib/channel.h,
 * channel_event_keeps_places) leave the pass serving, so that after a
 * leader's page change 5,000 followers asking again cost no lookups.
 * Nothing else a visitor is can be revoked. A staff session can end
 * without an event (a sign-out, a disabled agent, a suspended client):
 * once a second the router asks, for the whole host, which of the
 * sessions its passes hold no longer count, and forgets their passes and
 * sends their held polls to ask again (staff_passes_check); a sign-out on
 * this host does it at once (NOTIFY_SIGNOUT). The sessions' last-seen
 * stamp, which their lookups used to keep, is kept for the host in one
 * batch every ten seconds.
 * The table is set-associative (PASS_WAYS slots per key), so that 20,000
 * attendees of one event keep their passes. */
struct pass {
	char key[TOKEN_HEX_LEN + 1];
	time_t until;
	enum feed_kind kind;
	long long topic_id;
	long long participant_id;   /* or the attendee */
	bool viewer_is_agent;
	unsigned long long member_seq; /* the channel's seq when they were found in it */
	time_t idle_until;             /* a channel's: for idle re-polls till then */
	long long session_id;          /* the staff session, or 0 */
	bool served;                   /* a staff pass held a poll since the last stamp */
};

/* A channel's versions as this host last read them (issue 21): a poll
 * asking again with nothing new since is held without a query, as long as
 * no change of that channel was handled after `round` (its topic_round
 * says so; park() checks again before holding).
 * Written by the watcher's round of answers (round: that round; answered:
 * every poll it held there has been answered for these versions), or by a
 * poll's own read (round: the last round begun before the read; any change
 * committed after the read is handled in a later one). Only a round's memo
 * tells the database scan that a change needs no round (memo_covers): a
 * poll's read answers that poll alone. */
struct memo {
	long long channel_id;       /* 0: an empty slot */
	uint64_t round;
	unsigned long long last_seq, signal_version;
	/* No one's place in the channel changed after calm_since (up to
	 * last_seq): what the reads of its events have shown, joined with what
	 * the channel's earlier memo showed (memo_of_read). */
	unsigned long long calm_since;
	bool open;
	bool answered;
};

struct waiter {
	struct fcgi_held conn;   /* the request, by its connection alone */
	struct feed_watch watch;
	time_t deadline;
	struct waiter *next;
};

struct changed {
	enum notify_topic topic;
	long long id;
};

/* The state one poll process shares between its threads. */
struct engine {
	const struct config *cfg;
	int hold_seconds;
	volatile sig_atomic_t stopping;
	/* The listener and the connections the web server keeps between
	 * requests, waited on by every acceptor. */
	struct fcgi_kept kept;
	/* An epoll set of the held connections, each reported once when its
	 * client hangs up (then the watcher looks at them all); -1 when there
	 * is none, and the watcher looks every second. */
	int hang_ups;
	pthread_mutex_t lock;             /* guards everything below */
	struct waiter *buckets[BUCKETS];
	size_t waiting;
	/* Round in which the watcher last handled each topic (hashed): a poll
	 * about to park re-checks if its topic changed since it looked. */
	uint64_t round;
	uint64_t topic_round[TOPIC_MARKS];
	struct memo memos[MEMO_SLOTS];
	pthread_mutex_t pass_lock;        /* guards passes */
	struct pass passes[PASS_SLOTS];
	/* The router's: whether its last check of the staff sessions failed
	 * (said once an outage, not each second). */
	bool staff_check_failed;
	/* The router's: the staff sessions its passes hold (staff_passes_check). */
	long long staff_ids[PASS_SLOTS];
	long long stamp_ids[PASS_SLOTS];
	/* Attendees whose polls were seen since the router last stamped them
	 * (lib/attendee.h): a set of ids, 0 for an empty slot. */
	pthread_mutex_t presence_lock;
	long long presence[PRESENCE_SLOTS];
	size_t presence_count;
};

/* ---- lib/poll_engine.c: topics, answers, memos ---- */

/* Where a topic (a channel, a client's queue) falls in the engine's
 * tables: topic_round, memos, buckets. */
unsigned poll_topic_hash(enum notify_topic topic, long long id);

/* Writes the answer to a held poll and ends its FastCGI request, so the
 * web server can pass it on at once; the connection is closed (or kept)
 * later by poll_finish(). */
void poll_reply(const struct fcgi_held *conn, int status, const char *json);

/* Closes a held poll's connection, waiting for the web server to close its
 * end, which is why a round replies to everyone before finishing anyone;
 * or keeps it for the web server's next request, when it asked to. */
void poll_finish(struct engine *e, const struct fcgi_held *conn);

/* poll_reply, then poll_finish: an answer on its own. */
void poll_send_held(struct engine *e, const struct fcgi_held *conn, int status, const char *json);

/* Ends a request the program has not held, answered through fcgi2, and
 * frees it; its connection is kept for the next request if the web server
 * asked to keep it. */
void poll_end_request(struct engine *e, FCGX_Request *fcgi);

/* An answer on its own to a request the program has not held (fcgi2
 * writes it), then poll_end_request. */
void poll_send_json(struct engine *e, FCGX_Request *fcgi, int status, const char *json);

/* Nothing new for w since the watcher last read its channel, and no
 * change of it handled since: hold it without asking the database. A
 * change still on its way is handled by a later round, which finds the
 * held poll (or marks the topic, and park() has the poll look again).
 * since_member: and no one's place in the channel has changed since
 * w->member_seq (an idle re-poll on a pass past its time). */
bool memo_quiet(struct engine *e, const struct feed_watch *w, bool since_member);

/* Remembers the channels' versions a poll's own read found (struct memo),
 * unless a change of the channel was handled since the poll began
 * (round_seen), or a memo that still holds is a round's or newer. */
void remember_read(struct engine *e, const struct feed_cache *read, uint64_t round_seen);

/* Whether a round of this host read the channel at these versions or later,
 * and no change of it was handled since (struct memo): then the held polls
 * of that channel have been answered for them already. */
bool memo_covers(struct engine *e, long long channel_id, unsigned long long last_seq,
		 unsigned long long signal_version);

/* Remembers the versions round `number` read of one channel (see struct
 * memo), if it read them. Only the watcher handles rounds, so a topic
 * marked with this round has had no change handled since the read. */
void remember_channel(struct engine *e, const struct feed_cache *cache, long long channel_id,
		      uint64_t number);

/* ---- lib/poll_passes.c: passes, staff sessions, attendees' presence ---- */

/* The key of a channel (or audience) poll's pass: the cookies that say who
 * asks, and the channel or event they ask about. */
void pass_key(struct request *r, char key[TOKEN_HEX_LEN + 1]);

/* Finds the key's pass. *idle_only: it is past its time and serves only
 * an idle re-poll (see struct pass). */
bool pass_find(struct engine *e, struct request *r, const char *key, struct feed_watch *w,
	       bool *idle_only);

/* Remembers who a poll found by its lookup is, under its key. */
void pass_keep(struct engine *e, const char *key, const struct feed_watch *w);

/* An attendee was removed: this host forgets who their polls are. */
void pass_forget_attendee(struct engine *e, long long attendee_id);

/* These staff sessions (sorted) no longer count: this host forgets who
 * their polls are, and their held polls ask again at once, to be looked
 * at afresh (and refused as any poll of theirs now is). */
void poll_forget_sessions(struct engine *e, const long long *sessions, size_t n);

/* The router's, once a second: which of the staff sessions this host's
 * passes hold no longer count (one query per host, not per poll), and
 * every STAFF_STAMP_TICKS the last-seen stamp of those whose polls the
 * passes held (see struct pass). */
void staff_passes_check(struct engine *e, struct db *db, unsigned tick);

/* An attendee's poll was seen: the router stamps their presence in the
 * next batch. Full (more attendees than slots): noted next time. */
void presence_note(struct engine *e, long long attendee_id);

/* The router's stamp: every attendee noted since the last one, in batches. */
void presence_flush(struct engine *e, struct db *db);

#endif
