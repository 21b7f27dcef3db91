/* poll - long-polling for channels, agent consoles and waiting visitors.
 *
 * One process, several threads (DESIGN.md, "Long-polling without a thread
 * per waiter"):
 *   acceptors  take requests, check them and answer at once when there is
 *              news; otherwise they park the FastCGI request, holding no
 *              database connection and no thread;
 *   watcher    learns what changed (the shared-memory ring from this host,
 *              a cheap query every watch_interval_ms for other hosts),
 *              answers the parked polls of those topics, times out old
 *              ones and drops those whose client went away;
 *   router     rolls expired offers and routes waiting requests each second,
 *              signs out agents whose sessions lapsed (every few), and
 *              stamps the presence of events' attendees whose polls it saw
 *              (every ATTENDEE_STAMP_SECONDS, in batches).
 * Under plain CGI, or with poll_hold_seconds = 0 (Apache mod_fcgid), every
 * poll is answered at once and browsers ask again on an interval.
 * Tests: t/poll.t. */
#include <errno.h>
#include <fcgiapp.h>
#include <mysql.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "attendee.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "feed.h"
#include "io.h"
#include "log.h"
#include "notify.h"
#include "pool.h"
#include "program.h"
#include "queue_guard.h"
#include "response.h"
#include "router.h"
#include "session.h"
#include "visitor.h"

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
	FCGX_Request *fcgi;
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
	pthread_mutex_t accept_lock;
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
	/* The router's: the staff sessions its passes hold (staff_passes_check). */
	long long staff_ids[PASS_SLOTS];
	long long stamp_ids[PASS_SLOTS];
	/* Attendees whose polls were seen since the router last stamped them
	 * (lib/attendee.h): a set of ids, 0 for an empty slot. */
	pthread_mutex_t presence_lock;
	long long presence[PRESENCE_SLOTS];
	size_t presence_count;
};

static int poll_run(struct request *r);

/* "Nothing to say; ask again at once": the browser's feed (baton.js
 * follow()) asks again with what it has seen, and hears of anything new
 * then. */
#define ASK_AGAIN "{\"again\":true,\"retry_ms\":0}"

static const struct action poll_actions[] = {
	{ METHOD_GET, feed_inputs, FEED_IN__MAX, GUARD_NONE, poll_run },
};

static const struct program poll_program = {
	"poll", true, poll_actions, COUNT_OF(poll_actions)
};

static unsigned topic_hash(enum notify_topic topic, long long id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ULL ^ (uint64_t)topic * 0xC2B2AE3D27D4EB4FULL;
	return (unsigned)(h >> 32);
}

/* What an acceptor hands to poll_run, and gets back. */
struct park_slot {
	struct engine *engine;
	struct feed_watch watch;
	uint64_t round_seen;
};

/* The key of a channel (or audience) poll's pass: the cookies that say who
 * asks, and the channel or event they ask about. */
static void pass_key(struct request *r, char key[TOKEN_HEX_LEN + 1])
{
	const char *session = request_cookie(r, SESSION_COOKIE);
	const char *visitor = request_cookie(r, VISITOR_COOKIE);
	bool audience = r->in[FEED_IN_AUDIENCE] != NULL;
	crypto_sha256_hex(pool_printf(r->pool, "%s|%s|%s%s", session ? session : "", visitor ? visitor : "",
				      audience ? "audience:" : "",
				      audience ? r->in[FEED_IN_AUDIENCE] : r->in[FEED_IN_CHANNEL]), key);
}

/* The first of the PASS_WAYS slots where this key may be. */
static struct pass *pass_set(struct engine *e, const char *key)
{
	char head[9];
	memcpy(head, key, 8);
	head[8] = '\0';
	return &e->passes[strtoul(head, NULL, 16) % (PASS_SLOTS / PASS_WAYS) * PASS_WAYS];
}

/* Finds the key's pass. *idle_only: it is past its time and serves only
 * an idle re-poll (see struct pass). */
static bool pass_find(struct engine *e, struct request *r, const char *key, struct feed_watch *w,
		      bool *idle_only)
{
	bool found = false;
	time_t now = time(NULL);
	pthread_mutex_lock(&e->pass_lock);
	struct pass *set = pass_set(e, key);
	for (int i = 0; i < PASS_WAYS && !found; i++) {
		struct pass *p = &set[i];
		if ((p->until <= now && p->idle_until <= now) || strcmp(p->key, key) != 0)
			continue;
		*idle_only = p->until <= now;
		memset(w, 0, sizeof *w);
		w->kind = p->kind;
		w->topic = NOTIFY_CHANNEL;
		w->topic_id = p->topic_id;
		if (p->kind == FEED_AUDIENCE)
			w->attendee_id = p->participant_id;
		else
			w->participant_id = p->participant_id;
		w->viewer_is_agent = p->viewer_is_agent;
		w->member_seq = p->member_seq;
		w->session_id = p->session_id;
		p->served = p->session_id != 0;
		w->seen = (unsigned long long)r->in_int[FEED_IN_AFTER];
		w->seen_signals = (unsigned long long)r->in_int[FEED_IN_SIGNALS];
		found = true;
	}
	pthread_mutex_unlock(&e->pass_lock);
	return found;
}

static void pass_keep(struct engine *e, const char *key, const struct feed_watch *w)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&e->pass_lock);
	/* This key's slot, else a free (or expired) one, else the oldest. */
	struct pass *set = pass_set(e, key), *p = NULL;
	for (int i = 0; i < PASS_WAYS && p == NULL; i++)
		if (strcmp(set[i].key, key) == 0)
			p = &set[i];
	for (int i = 0; i < PASS_WAYS && p == NULL; i++)
		if (set[i].until <= now && set[i].idle_until <= now)
			p = &set[i];
	for (int i = 0; i < PASS_WAYS; i++)
		if (p == NULL || (set[i].until < p->until && strcmp(p->key, key) != 0))
			p = &set[i];
	memcpy(p->key, key, sizeof p->key);
	bool audience = w->kind == FEED_AUDIENCE;
	p->until = now + (audience ? AUDIENCE_PASS_SECONDS : PASS_SECONDS);
	p->kind = w->kind;
	p->topic_id = w->topic_id;
	p->participant_id = audience ? w->attendee_id : w->participant_id;
	p->viewer_is_agent = w->viewer_is_agent;
	p->member_seq = w->member_seq;
	p->idle_until = w->kind == FEED_CHANNEL ? now + IDLE_PASS_SECONDS : 0;
	p->session_id = audience ? 0 : w->session_id;
	p->served = false; /* its lookup has just stamped the session */
	pthread_mutex_unlock(&e->pass_lock);
}

/* An attendee was removed: this host forgets who their polls are. */
static void pass_forget_attendee(struct engine *e, long long attendee_id)
{
	pthread_mutex_lock(&e->pass_lock);
	for (size_t i = 0; i < PASS_SLOTS; i++)
		if (e->passes[i].kind == FEED_AUDIENCE && e->passes[i].participant_id == attendee_id)
			e->passes[i].until = 0;
	pthread_mutex_unlock(&e->pass_lock);
}

static int id_order(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Sorts ids and drops repeats; returns how many are left. */
static size_t ids_unique(long long *ids, size_t n)
{
	qsort(ids, n, sizeof *ids, id_order);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (kept == 0 || ids[kept - 1] != ids[i])
			ids[kept++] = ids[i];
	return kept;
}

static bool id_in(const long long *sorted, size_t n, long long id)
{
	return n > 0 && bsearch(&id, sorted, n, sizeof id, id_order) != NULL;
}

static void send_json(FCGX_Request *fcgi, int status, const char *json);

/* These staff sessions (sorted) no longer count: this host forgets who
 * their polls are, and their held polls ask again at once, to be looked
 * at afresh (and refused as any poll of theirs now is). */
static void forget_sessions(struct engine *e, const long long *sessions, size_t n)
{
	if (n == 0)
		return;
	pthread_mutex_lock(&e->pass_lock);
	for (size_t i = 0; i < PASS_SLOTS; i++)
		if (e->passes[i].session_id != 0 && id_in(sessions, n, e->passes[i].session_id))
			e->passes[i].until = e->passes[i].idle_until = 0;
	pthread_mutex_unlock(&e->pass_lock);
	struct waiter *theirs = NULL;
	pthread_mutex_lock(&e->lock);
	for (unsigned b = 0; b < BUCKETS; b++) {
		struct waiter **link = &e->buckets[b];
		while (*link != NULL) {
			struct waiter *wt = *link;
			if (wt->watch.session_id == 0 || !id_in(sessions, n, wt->watch.session_id)) {
				link = &wt->next;
				continue;
			}
			*link = wt->next;
			e->waiting--;
			wt->next = theirs;
			theirs = wt;
		}
	}
	pthread_mutex_unlock(&e->lock);
	while (theirs != NULL) {
		struct waiter *next = theirs->next;
		send_json(theirs->fcgi, 200, ASK_AGAIN);
		free(theirs);
		theirs = next;
	}
}

/* The router's, once a second: which of the staff sessions this host's
 * passes hold no longer count (one query per host, not per poll), and
 * every STAFF_STAMP_TICKS the last-seen stamp of those whose polls the
 * passes held (see struct pass). */
static void staff_passes_check(struct engine *e, struct db *db, unsigned tick)
{
	bool stamp = tick % STAFF_STAMP_TICKS == 0;
	size_t held = 0, served = 0;
	time_t now = time(NULL);
	pthread_mutex_lock(&e->pass_lock);
	for (size_t i = 0; i < PASS_SLOTS; i++) {
		struct pass *p = &e->passes[i];
		if (p->session_id == 0 || (p->until <= now && p->idle_until <= now))
			continue;
		e->staff_ids[held++] = p->session_id;
		if (stamp && p->served) {
			e->stamp_ids[served++] = p->session_id;
			p->served = false;
		}
	}
	pthread_mutex_unlock(&e->pass_lock);
	held = ids_unique(e->staff_ids, held);
	served = ids_unique(e->stamp_ids, served);
	for (size_t at = 0; at < held; at += STAFF_CHECK_BATCH) {
		struct pool *pool = pool_new();
		size_t count = held - at < STAFF_CHECK_BATCH ? held - at : STAFF_CHECK_BATCH;
		struct db_rows ended;
		if (session_ids_ended(db, pool, e->staff_ids + at, count, &ended) == DB_OK) {
			long long *gone = pool_alloc(pool, (ended.rows + 1) * sizeof *gone);
			for (size_t i = 0; i < ended.rows; i++)
				gone[i] = db_cell_int(&ended, i, 0);
			forget_sessions(e, gone, ids_unique(gone, ended.rows));
		} else {
			log_warn("poll: could not check %zu staff sessions", count);
		}
		pool_free(pool);
	}
	for (size_t at = 0; at < served; at += STAFF_CHECK_BATCH) {
		struct pool *pool = pool_new();
		size_t count = served - at < STAFF_CHECK_BATCH ? served - at : STAFF_CHECK_BATCH;
		if (session_ids_touch(db, e->cfg, pool, e->stamp_ids + at, count) != DB_OK)
			log_warn("poll: could not stamp %zu staff sessions", count);
		pool_free(pool);
	}
}

/* An attendee's poll was seen: the router stamps their presence in the
 * next batch. Full (more attendees than slots): noted next time. */
static void presence_note(struct engine *e, long long attendee_id)
{
	pthread_mutex_lock(&e->presence_lock);
	size_t h = (size_t)((uint64_t)attendee_id * 0x9E3779B97F4A7C15ULL >> 40) % PRESENCE_SLOTS;
	for (size_t probe = 0; probe < 64 && e->presence_count < PRESENCE_SLOTS * 3 / 4; probe++) {
		long long *slot = &e->presence[(h + probe) % PRESENCE_SLOTS];
		if (*slot == attendee_id)
			break;
		if (*slot == 0) {
			*slot = attendee_id;
			e->presence_count++;
			break;
		}
	}
	pthread_mutex_unlock(&e->presence_lock);
}

/* The router's stamp: every attendee noted since the last one, in batches. */
static void presence_flush(struct engine *e, struct db *db)
{
	static long long taken[PRESENCE_SLOTS];
	size_t n = 0;
	pthread_mutex_lock(&e->presence_lock);
	for (size_t i = 0; i < PRESENCE_SLOTS; i++)
		if (e->presence[i] != 0) {
			taken[n++] = e->presence[i];
			e->presence[i] = 0;
		}
	e->presence_count = 0;
	pthread_mutex_unlock(&e->presence_lock);
	for (size_t at = 0; at < n; at += ATTENDEE_PRESENCE_BATCH) {
		struct pool *pool = pool_new();
		size_t count = n - at < ATTENDEE_PRESENCE_BATCH ? n - at : ATTENDEE_PRESENCE_BATCH;
		if (attendee_presence(db, pool, taken + at, count) != DB_OK)
			log_warn("poll: could not stamp the presence of %zu attendees", count);
		pool_free(pool);
	}
}

/* Nothing new for w since the watcher last read its channel, and no
 * change of it handled since: hold it without asking the database. A
 * change still on its way is handled by a later round, which finds the
 * held poll (or marks the topic, and park() has the poll look again).
 * since_member: and no one's place in the channel has changed since
 * w->member_seq (an idle re-poll on a pass past its time). */
static bool memo_quiet(struct engine *e, const struct feed_watch *w, bool since_member)
{
	unsigned h = topic_hash(w->topic, w->topic_id);
	pthread_mutex_lock(&e->lock);
	const struct memo *m = &e->memos[h % MEMO_SLOTS];
	bool quiet = m->channel_id != 0 && m->channel_id == w->topic_id
		     && e->topic_round[h % TOPIC_MARKS] <= m->round && m->open
		     && m->last_seq <= w->seen && m->signal_version <= w->seen_signals
		     && (!since_member || m->calm_since <= w->member_seq);
	pthread_mutex_unlock(&e->lock);
	return quiet;
}

/* The memo of a channel's read `st`: events once stored never change, so
 * what the slot's earlier memo of the same channel showed still holds, and
 * two calm stretches that meet are one. Called under e->lock. */
static struct memo memo_of_read(const struct memo *before, const struct feed_channel_state *st,
				uint64_t round, bool answered)
{
	struct memo m = { st->channel_id, round, st->last_seq, st->signal_version, st->calm_since,
			  st->open, answered };
	if (before->channel_id == st->channel_id && before->last_seq >= m.calm_since
	    && before->calm_since < m.calm_since)
		m.calm_since = before->calm_since;
	return m;
}

/* Remembers the channels' versions a poll's own read found (struct memo),
 * unless a change of the channel was handled since the poll began
 * (round_seen), or a memo that still holds is a round's or newer. */
static void remember_read(struct engine *e, const struct feed_cache *read, uint64_t round_seen)
{
	struct feed_channel_state st;
	size_t at = 0;
	pthread_mutex_lock(&e->lock);
	while (feed_cache_channel(read, &at, &st)) {
		unsigned h = topic_hash(NOTIFY_CHANNEL, st.channel_id);
		uint64_t marked = e->topic_round[h % TOPIC_MARKS];
		struct memo *m = &e->memos[h % MEMO_SLOTS];
		if (marked > round_seen)
			continue;
		if (m->channel_id == st.channel_id && marked <= m->round
		    && (m->answered || m->round >= round_seen))
			continue;
		*m = memo_of_read(m, &st, round_seen, false);
	}
	pthread_mutex_unlock(&e->lock);
}

static int poll_run(struct request *r)
{
	struct park_slot *slot = r->program_data;
	int hold = slot ? slot->engine->hold_seconds : 0;
	struct feed_watch w;
	char key[TOKEN_HEX_LEN + 1] = "";
	bool known = false, idle_only = false;
	if (slot != NULL && (r->in[FEED_IN_CHANNEL] != NULL || r->in[FEED_IN_AUDIENCE] != NULL)) {
		pass_key(r, key);
		known = pass_find(slot->engine, r, key, &w, &idle_only);
	}
	/* A pass past its time holds an idle re-poll, and serves nothing else.
	 * (A memo holds a poll only where polls are held: with a hold of 0,
	 * under Apache mod_fcgid, each is answered at once, in full.) */
	if (known && idle_only) {
		if (hold > 0 && memo_quiet(slot->engine, &w, true)) {
			slot->watch = w;
			return PROGRAM_PARKED;
		}
		known = false;
	}
	if (!known) {
		int status = feed_watch_from_request(r, &w);
		if (status != 0)
			return status;
		if (key[0] != '\0' && (w.kind == FEED_CHANNEL || w.kind == FEED_AUDIENCE))
			pass_keep(slot->engine, key, &w);
	}
	/* An attendee is there while they poll (lib/attendee.h). */
	if (w.kind == FEED_AUDIENCE && slot != NULL)
		presence_note(slot->engine, w.attendee_id);
	else if (w.kind == FEED_AUDIENCE)
		attendee_presence(r->db, r->pool, &w.attendee_id, 1);
	/* An attendee's re-poll too (issue 17): after each round the whole
	 * audience asks again at once, and the stage they follow is one
	 * channel whose versions that round read. Who they are comes from
	 * their pass, which a removal on this host ends at once (NOTIFY_REVOKE)
	 * and which a removal elsewhere outruns by moving the stage's seq. */
	if (hold > 0 && (w.kind == FEED_CHANNEL || w.kind == FEED_AUDIENCE)
	    && memo_quiet(slot->engine, &w, false)) {
		slot->watch = w;
		return PROGRAM_PARKED;
	}
	/* Under plain CGI no process runs the router thread's sweeps: the
	 * consoles' and waiting visitors' polls (every 1.5 s) route, and the
	 * staff's polls sign out lapsed sessions. */
	if (slot == NULL && w.topic == NOTIFY_QUEUE) {
		queue_guard_sweep_client(r->db, r->pool, w.topic_id, r->cfg->abandon_after_seconds);
		router_route_client(r->db, r->pool, w.topic_id);
	}
	if (slot == NULL && (w.kind == FEED_CONSOLE || w.kind == FEED_SUPERVISE))
		agent_sweep_lapsed(r->db, r->pool);
	/* What this read finds lets the next re-polls of the channel be held
	 * without one, on a channel no round here has read (a quiet one). */
	struct feed_cache *read = hold > 0 ? feed_cache_new(r->pool) : NULL;
	int rc = feed_answer(r->db, r->pool, read, &w, hold == 0, hold, &r->resp.body);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc < 0)
		return -1;
	if (read != NULL)
		remember_read(slot->engine, read, slot->round_seen);
	if (rc == 1) {
		r->resp.content_type = "application/json; charset=utf-8";
		return 200;
	}
	slot->watch = w;
	return PROGRAM_PARKED;
}

/* Writes the answer and ends the FastCGI request, so the web server can
 * pass it on at once; the connection is closed later by finish(). */
static void reply(FCGX_Request *fcgi, int status, const char *json)
{
	/* Formatted here: fcgi2's own FCGX_FPrintF knows no %zu. */
	struct buf out;
	buf_init(&out);
	buf_printf(&out, "Status: %d %s\r\nContent-Type: application/json; charset=utf-8\r\n"
		   "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
		   "Content-Length: %zu\r\n\r\n%s", status, http_reason(status), strlen(json), json);
	FCGX_PutStr(out.data, (int)out.len, fcgi->out);
	buf_free(&out);
	FCGX_FClose(fcgi->err);
	FCGX_FClose(fcgi->out);
}

/* Closes the connection; waits for the web server to close its end, which
 * is why a round replies to everyone before finishing anyone. */
static void finish(FCGX_Request *fcgi)
{
	FCGX_Finish_r(fcgi);
	free(fcgi);
}

static void send_json(FCGX_Request *fcgi, int status, const char *json)
{
	reply(fcgi, status, json);
	finish(fcgi);
}

/* Parks a poll unless its topic changed since it looked (then the caller
 * looks again). Returns 1 parked, 0 look again, -1 full. */
static int park(struct engine *e, FCGX_Request *fcgi, const struct park_slot *slot)
{
	const struct feed_watch *w = &slot->watch;
	unsigned h = topic_hash(w->topic, w->topic_id);
	int result;
	pthread_mutex_lock(&e->lock);
	if (e->topic_round[h % TOPIC_MARKS] > slot->round_seen) {
		result = 0;
	} else if (e->waiting >= (size_t)e->cfg->poll_max_waiters) {
		result = -1;
	} else {
		struct waiter *wt = malloc(sizeof *wt);
		if (wt == NULL)
			abort();
		wt->fcgi = fcgi;
		wt->watch = *w;
		wt->deadline = time(NULL) + e->hold_seconds;
		wt->next = e->buckets[h % BUCKETS];
		e->buckets[h % BUCKETS] = wt;
		e->waiting++;
		result = 1;
	}
	pthread_mutex_unlock(&e->lock);
	return result;
}

static void accept_one(struct engine *e, struct program_context *ctx, FCGX_Request *fcgi)
{
	struct io io = { .fcgi = fcgi };
	for (int attempt = 0; attempt < 3; attempt++) {
		struct park_slot slot = { .engine = e };
		pthread_mutex_lock(&e->lock);
		slot.round_seen = e->round;
		pthread_mutex_unlock(&e->lock);

		struct request r;
		program_request_init(&r, ctx, &io);
		r.program_data = &slot;
		int status = program_run(&r);
		if (status != PROGRAM_PARKED) {
			program_request_finish(&r, status);
			FCGX_Finish_r(fcgi);
			free(fcgi);
			return;
		}
		resp_free(&r.resp);
		pool_free(r.pool);
		int parked = park(e, fcgi, &slot);
		if (parked == 1)
			return;
		if (parked < 0) {
			send_json(fcgi, 503, "{\"error\":\"Too many people are waiting for news on this "
				  "server; asking again shortly.\",\"status\":503,\"retry_ms\":1000}");
			return;
		}
	}
	/* Its topic keeps changing: ask again at once. */
	send_json(fcgi, 200, ASK_AGAIN);
}

/* Waits until a connection is there to accept, or the program stops
 * (checked four times a second). The listening socket is shared with the
 * supervisor that restarts us, so it must not be shut down to wake a
 * blocked accept(): waiting here first means accept() never blocks. One
 * acceptor at a time is here (accept_lock), and no other process takes
 * connections from this socket. */
static bool connection_waiting(struct engine *e)
{
	while (!e->stopping) {
		struct pollfd listener = { .fd = 0, .events = POLLIN };
		int n = poll(&listener, 1, 250);
		if (n > 0)
			return true;
		if (n < 0 && errno != EINTR) {
			log_warn("poll: waiting for connections failed: %s", strerror(errno));
			usleep(100000);
		}
	}
	return false;
}

static void *acceptor_main(void *arg)
{
	struct engine *e = arg;
	mysql_thread_init();
	struct program_context ctx = { .program = &poll_program, .cfg = e->cfg, .db = db_new(e->cfg) };
	while (!e->stopping) {
		FCGX_Request *fcgi = calloc(1, sizeof *fcgi);
		if (fcgi == NULL || FCGX_InitRequest(fcgi, 0, 0) != 0)
			abort();
		pthread_mutex_lock(&e->accept_lock);
		int rc = connection_waiting(e) ? FCGX_Accept_r(fcgi) : -1;
		pthread_mutex_unlock(&e->accept_lock);
		if (rc < 0) {
			FCGX_Free(fcgi, 0);
			free(fcgi);
			if (e->stopping)
				break;
			/* Out of descriptors, say: an acceptor that gave up would
			 * leave polls unanswered for ever. Wait and try again. */
			log_warn("poll: accept failed: %s", strerror(-rc));
			usleep(100000);
			continue;
		}
		accept_one(e, &ctx, fcgi);
	}
	db_free(ctx.db);
	mysql_thread_end();
	return NULL;
}

/* ---- the watcher --------------------------------------------------------- */

struct watcher {
	struct engine *e;
	struct db *db;
	uint64_t ring_tail;
	struct timespec stuck_since; /* when the tail's entry was first found unwritten */
	char channels_since[40];
	char queues_since[40];
	struct timespec last_scan;
	time_t last_sweep;
	struct changed changed[CHANGED_MAX];
	size_t changed_count;
	bool overflow; /* more changes than fit: treat everything as changed */
};

static void note_change(struct watcher *w, enum notify_topic topic, long long id)
{
	for (size_t i = 0; i < w->changed_count; i++)
		if (w->changed[i].topic == topic && w->changed[i].id == id)
			return;
	if (w->changed_count == CHANGED_MAX) {
		w->overflow = true;
		return;
	}
	w->changed[w->changed_count++] = (struct changed){ topic, id };
}

static long long elapsed_ms(const struct timespec *since);

/* Hints from this host: exact and immediate. Returns false when hints were
 * lost (the ring overtook us, or a writer died between taking a ticket and
 * filling it): then the database scan must tell. */
static bool read_ring(struct watcher *w)
{
	uint64_t head = notify_head();
	bool complete = true;
	for (; w->ring_tail < head; w->ring_tail++) {
		struct notify_entry entry;
		int rc = notify_read(w->ring_tail, &entry);
		if (rc == 0) {
			/* Being written: wait for it, but not for ever. */
			if (w->stuck_since.tv_sec == 0) {
				clock_gettime(CLOCK_MONOTONIC, &w->stuck_since);
				break;
			}
			if (elapsed_ms(&w->stuck_since) < 100)
				break;
			rc = -1;
		}
		w->stuck_since.tv_sec = 0;
		if (rc < 0) {
			complete = false;
			continue;
		}
		if (entry.topic == NOTIFY_REVOKE)
			pass_forget_attendee(w->e, entry.id);
		else if (entry.topic == NOTIFY_SIGNOUT)
			forget_sessions(w->e, &entry.id, 1);
		else
			note_change(w, entry.topic, entry.id);
	}
	return complete;
}

static long long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Whether a round of this host read the channel at these versions or later,
 * and no change of it was handled since (struct memo): then the held polls
 * of that channel have been answered for them already. */
static bool memo_covers(struct engine *e, long long channel_id, unsigned long long last_seq,
			unsigned long long signal_version)
{
	unsigned h = topic_hash(NOTIFY_CHANNEL, channel_id);
	pthread_mutex_lock(&e->lock);
	const struct memo *m = &e->memos[h % MEMO_SLOTS];
	bool covers = m->answered && m->channel_id == channel_id
		      && e->topic_round[h % TOPIC_MARKS] <= m->round && last_seq <= m->last_seq
		      && signal_version <= m->signal_version;
	pthread_mutex_unlock(&e->lock);
	return covers;
}

/* Changes from every host, by the tables' change times. The window starts
 * two seconds before the newest change seen, because a transaction stamps
 * changed_at before it commits; seeing a change twice only costs a check.
 * A channel's change that this host's ring brought and a round answered
 * already is no change (issue 21): the scans of the two seconds after a
 * line would otherwise read its channel again, once each. Every change of
 * changed_at moves last_seq or signal_version, so the versions tell. */
static void scan_database(struct watcher *w, struct pool *pool)
{
	struct db_rows ch, q;
	if (db_query(w->db, pool, SQL_CHANNELS_CHANGED_SINCE, &ch, "s", w->channels_since) == DB_OK) {
		for (size_t i = 0; i < ch.rows; i++) {
			long long id = db_cell_int(&ch, i, 0);
			if (!memo_covers(w->e, id, (unsigned long long)db_cell_int(&ch, i, 1),
					 (unsigned long long)db_cell_int(&ch, i, 2)))
				note_change(w, NOTIFY_CHANNEL, id);
		}
		if (ch.rows > 0)
			snprintf(w->channels_since, sizeof w->channels_since, "%s", db_cell(&ch, ch.rows - 1, 3));
	}
	if (db_query(w->db, pool, SQL_QUEUES_CHANGED_SINCE, &q, "s", w->queues_since) == DB_OK) {
		for (size_t i = 0; i < q.rows; i++)
			note_change(w, NOTIFY_QUEUE, db_cell_int(&q, i, 0));
		if (q.rows > 0)
			snprintf(w->queues_since, sizeof w->queues_since, "%s", db_cell(&q, q.rows - 1, 2));
	}
}

static void start_window(char *since, size_t size)
{
	/* From two seconds ago in UTC; the database's clock is the reference,
	 * but a skew here only widens or narrows the first window. */
	time_t t = time(NULL) - 2;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(since, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static void back_off_window(char *since)
{
	/* "YYYY-MM-DD HH:MM:SS.ffffff" minus two seconds. */
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (strptime(since, "%Y-%m-%d %H:%M:%S", &tm) == NULL)
		return;
	time_t t = timegm(&tm) - 2;
	gmtime_r(&t, &tm);
	strftime(since, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Moves the waiters of one bucket whose topic changed onto *taken. */
static void take_from_bucket(struct engine *e, unsigned bucket, const struct watcher *w,
			     struct waiter **taken)
{
	struct waiter **link = &e->buckets[bucket];
	while (*link != NULL) {
		struct waiter *wt = *link;
		bool hit = w->overflow;
		for (size_t i = 0; !hit && i < w->changed_count; i++)
			hit = wt->watch.topic == w->changed[i].topic && wt->watch.topic_id == w->changed[i].id;
		if (!hit) {
			link = &wt->next;
			continue;
		}
		*link = wt->next;
		wt->next = *taken;
		*taken = wt;
		e->waiting--;
	}
}

/* Takes every waiter for the changed topics (or all, after an overflow) out
 * of the table, marking the round. Only the changed topics' buckets are
 * looked at. */
static struct waiter *detach_changed(struct watcher *w)
{
	struct engine *e = w->e;
	struct waiter *taken = NULL;
	pthread_mutex_lock(&e->lock);
	uint64_t round = ++e->round;
	if (w->overflow) {
		for (unsigned h = 0; h < TOPIC_MARKS; h++)
			e->topic_round[h] = round;
		for (unsigned b = 0; b < BUCKETS; b++)
			take_from_bucket(e, b, w, &taken);
	} else {
		for (size_t i = 0; i < w->changed_count; i++) {
			unsigned h = topic_hash(w->changed[i].topic, w->changed[i].id);
			e->topic_round[h % TOPIC_MARKS] = round;
			/* Two changed topics may share a bucket: the second pass finds
			 * nothing left to take. */
			take_from_bucket(e, h % BUCKETS, w, &taken);
		}
	}
	pthread_mutex_unlock(&e->lock);
	w->changed_count = 0;
	w->overflow = false;
	return taken;
}

static void repark(struct engine *e, struct waiter *wt)
{
	unsigned h = topic_hash(wt->watch.topic, wt->watch.topic_id);
	pthread_mutex_lock(&e->lock);
	wt->next = e->buckets[h % BUCKETS];
	e->buckets[h % BUCKETS] = wt;
	e->waiting++;
	pthread_mutex_unlock(&e->lock);
}

/* Remembers the channels' versions round `number` read (see struct memo).
 * Only the watcher handles rounds, so a topic marked with this round has
 * had no change handled since the read. */
static void remember_channels(struct engine *e, const struct feed_cache *cache, uint64_t number)
{
	struct feed_channel_state st;
	size_t at = 0;
	pthread_mutex_lock(&e->lock);
	while (feed_cache_channel(cache, &at, &st)) {
		unsigned h = topic_hash(NOTIFY_CHANNEL, st.channel_id);
		struct memo *m = &e->memos[h % MEMO_SLOTS];
		if (e->topic_round[h % TOPIC_MARKS] == number)
			*m = memo_of_read(m, &st, number, true);
	}
	pthread_mutex_unlock(&e->lock);
}

/* Answers a waiter if there is news (or always, with force) and moves it to
 * *answered; otherwise puts it back. The cache holds what this round has
 * read already. What a new read of round `number` found is remembered
 * before the answer goes out: the poll asks again at once, and its next
 * look should find the memo (5,000 followers of a page change do). */
static void answer_or_repark(struct watcher *w, struct feed_cache *cache, struct pool *round,
			     struct waiter *wt, bool force, uint64_t number, struct waiter **answered)
{
	struct buf out;
	buf_init(&out);
	size_t reads = feed_cache_reads(cache);
	int rc = feed_answer(w->db, round, cache, &wt->watch, force, w->e->hold_seconds, &out);
	if (number != 0 && feed_cache_reads(cache) != reads)
		remember_channels(w->e, cache, number);
	if (rc == 1 || force) {
		if (rc == 1)
			reply(wt->fcgi, 200, out.data);
		else
			reply(wt->fcgi, 503, "{\"error\":\"Baton cannot reach its database right now.\","
			      "\"status\":503,\"retry_ms\":2000}");
		wt->next = *answered;
		*answered = wt;
	} else {
		repark(w->e, wt);
	}
	buf_free(&out);
}

/* Closes the connections of a list of waiters, and forgets them. */
static void finish_all(struct waiter *list)
{
	while (list != NULL) {
		struct waiter *next = list->next;
		finish(list->fcgi);
		free(list);
		list = next;
	}
}

/* Answers a list of waiters: everyone first, then the connections are
 * closed, so that the last of 5,000 followers does not wait for 4,999
 * closes before it hears anything. `number`: the round whose changes these
 * are, whose reads are remembered; 0 for answers that are not about
 * changes. */
static void answer_all(struct watcher *w, struct waiter *list, bool force, uint64_t number)
{
	struct pool *round = pool_new();
	struct feed_cache *cache = feed_cache_new(round);
	struct waiter *answered = NULL;
	while (list != NULL) {
		struct waiter *next = list->next;
		answer_or_repark(w, cache, round, list, force, number, &answered);
		list = next;
	}
	finish_all(answered);
	pool_free(round);
}

static void answer_changed(struct watcher *w)
{
	struct waiter *changed = detach_changed(w);
	/* The round detach_changed began: only this thread begins rounds. */
	pthread_mutex_lock(&w->e->lock);
	uint64_t number = w->e->round;
	pthread_mutex_unlock(&w->e->lock);
	answer_all(w, changed, false, number);
}

/* Answers polls whose time is up. A channel's news comes only from changes,
 * and the watcher has answered every change, so its polls just ask again
 * (and their next look catches anything a change notice missed), without
 * the database. The queues' feeds carry times (the oldest wait, alerts)
 * and get a full answer. */
static void answer_expired(struct watcher *w, struct waiter *due)
{
	struct waiter *full = NULL, *again = NULL;
	while (due != NULL) {
		struct waiter *next = due->next;
		if (due->watch.kind == FEED_CHANNEL || due->watch.kind == FEED_AUDIENCE) {
			reply(due->fcgi, 200, ASK_AGAIN);
			due->next = again;
			again = due;
		} else {
			due->next = full;
			full = due;
		}
		due = next;
	}
	finish_all(again);
	answer_all(w, full, true, 0);
}

/* Once a second: answer polls whose time is up (the client asks again) and
 * drop those whose client has gone. */
static void expire_and_reap(struct watcher *w, bool everyone)
{
	struct engine *e = w->e;
	time_t now = time(NULL);
	struct waiter *due = NULL, *gone = NULL;
	pthread_mutex_lock(&e->lock);
	for (unsigned b = 0; b < BUCKETS; b++) {
		struct waiter **link = &e->buckets[b];
		while (*link != NULL) {
			struct waiter *wt = *link;
			struct pollfd pfd = { .fd = wt->fcgi->ipcFd, .events = POLLIN | POLLRDHUP };
			bool hung_up = poll(&pfd, 1, 0) > 0
				       && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
			if (!everyone && !hung_up && wt->deadline > now) {
				link = &wt->next;
				continue;
			}
			*link = wt->next;
			e->waiting--;
			if (hung_up) {
				wt->next = gone;
				gone = wt;
			} else {
				wt->next = due;
				due = wt;
			}
		}
	}
	pthread_mutex_unlock(&e->lock);
	finish_all(gone);
	if (everyone)
		answer_all(w, due, true, 0);
	else
		answer_expired(w, due);
}

static void *watcher_main(void *arg)
{
	struct watcher *w = arg;
	struct engine *e = w->e;
	mysql_thread_init();
	w->db = db_new(e->cfg);
	w->ring_tail = notify_head();
	start_window(w->channels_since, sizeof w->channels_since);
	start_window(w->queues_since, sizeof w->queues_since);
	clock_gettime(CLOCK_MONOTONIC, &w->last_scan);
	time_t last_reap = time(NULL);
	while (!e->stopping) {
		/* While an entry is being written, look again shortly instead of
		 * spinning on a head that is already past the tail. */
		if (w->stuck_since.tv_sec != 0)
			usleep(2000);
		else
			notify_wait(w->ring_tail, e->cfg->watch_interval_ms);
		struct pool *pool = pool_new();
		bool complete = read_ring(w);
		if (!complete || elapsed_ms(&w->last_scan) >= e->cfg->watch_interval_ms) {
			back_off_window(w->channels_since);
			back_off_window(w->queues_since);
			scan_database(w, pool);
			clock_gettime(CLOCK_MONOTONIC, &w->last_scan);
		}
		pool_free(pool);
		if (w->changed_count > 0 || w->overflow)
			answer_changed(w);
		if (time(NULL) != last_reap) {
			expire_and_reap(w, false);
			last_reap = time(NULL);
		}
	}
	/* Shutting down: everyone gets an answer now and asks again elsewhere. */
	expire_and_reap(w, true);
	db_free(w->db);
	mysql_thread_end();
	return NULL;
}

static void *router_main(void *arg)
{
	struct engine *e = arg;
	mysql_thread_init();
	struct db *db = db_new(e->cfg);
	for (unsigned tick = 0; !e->stopping; tick++) {
		struct pool *pool = pool_new();
		router_sweep(db, pool);
		/* Lapsed sessions are signed out as of when they lapsed, so a
		 * few seconds' delay changes no report. */
		if (tick % LAPSE_EVERY_TICKS == 0)
			agent_sweep_lapsed(db, pool);
		/* Requests whose waiting pages stopped asking leave the queue. */
		if (tick % LAPSE_EVERY_TICKS == 2)
			queue_guard_sweep(db, pool, e->cfg->abandon_after_seconds);
		/* Attendees' presence, stamped in batches; visits not seen for a
		 * while end (any host may do it; doing it twice changes nothing). */
		if (tick % ATTENDEE_STAMP_SECONDS == 0)
			presence_flush(e, db);
		/* Staff sessions whose polls the passes hold: still valid? */
		staff_passes_check(e, db, tick);
		if (tick % VISIT_SWEEP_TICKS == 30)
			attendee_sweep_lapsed(db);
		pool_free(pool);
		for (int i = 0; i < 10 && !e->stopping; i++)
			usleep(100000);
	}
	presence_flush(e, db);
	db_free(db);
	mysql_thread_end();
	return NULL;
}

static int hold_seconds(const struct config *cfg)
{
	const char *env = getenv("BATON_POLL_HOLD_SECONDS");
	int hold = env && *env ? atoi(env) : cfg->poll_hold_seconds;
	return hold < 0 ? 0 : hold > 50 ? 50 : hold;
}

/* Each held poll is a descriptor: use all the process may have. */
static void raise_file_limit(void)
{
	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
		limit.rlim_cur = limit.rlim_max;
		setrlimit(RLIMIT_NOFILE, &limit);
	}
}

static int serve_threaded(const struct config *cfg)
{
	static struct engine e;
	raise_file_limit();
	e.cfg = cfg;
	e.hold_seconds = hold_seconds(cfg);
	pthread_mutex_init(&e.lock, NULL);
	pthread_mutex_init(&e.accept_lock, NULL);
	pthread_mutex_init(&e.pass_lock, NULL);
	pthread_mutex_init(&e.presence_lock, NULL);
	FCGX_Init();

	/* Signals go to this thread alone, which waits for them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	static struct watcher w;
	w.e = &e;
	pthread_t acceptors[ACCEPTORS], watcher, router;
	for (int i = 0; i < ACCEPTORS; i++)
		pthread_create(&acceptors[i], NULL, acceptor_main, &e);
	pthread_create(&watcher, NULL, watcher_main, &w);
	pthread_create(&router, NULL, router_main, &e);
	log_info("poll: holding polls up to %d s, %d acceptors", e.hold_seconds, ACCEPTORS);

	int sig;
	sigwait(&stop, &sig);
	e.stopping = 1;
	for (int i = 0; i < ACCEPTORS; i++)
		pthread_join(acceptors[i], NULL);
	pthread_join(watcher, NULL);
	pthread_join(router, NULL);
	return 0;
}

/* poll_processes > 1: as many processes, each serving its share of the
 * polls on the inherited socket, watched by this one, which starts again
 * any that dies and passes TERM on. For hosts whose descriptor limit is
 * below the polls they must hold (baton.conf.example). */
static int serve_processes(const struct config *cfg, int count)
{
	enum { MAX_PROCESSES = 64 };
	pid_t children[MAX_PROCESSES] = { 0 };
	sigset_t wait_for;
	sigemptyset(&wait_for);
	sigaddset(&wait_for, SIGTERM);
	sigaddset(&wait_for, SIGINT);
	sigaddset(&wait_for, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &wait_for, NULL);
	bool stopping = false;
	while (!stopping) {
		for (int i = 0; i < count; i++) {
			if (children[i] > 0)
				continue;
			pid_t pid = fork();
			if (pid == 0) {
				pthread_sigmask(SIG_UNBLOCK, &wait_for, NULL);
				int status = serve_threaded(cfg);
				program_teardown();
				_exit(status);
			}
			children[i] = pid > 0 ? pid : 0;
			if (pid < 0) {
				log_error("poll: cannot fork: %s", strerror(errno));
				sleep(1);
			}
		}
		int sig = 0;
		sigwait(&wait_for, &sig);
		if (sig != SIGCHLD) {
			stopping = true;
			break;
		}
		pid_t done;
		while ((done = waitpid(-1, NULL, WNOHANG)) > 0)
			for (int i = 0; i < count; i++)
				if (children[i] == done) {
					log_warn("poll: process %ld ended; starting another", (long)done);
					children[i] = 0;
				}
		sleep(1); /* not a loop of processes that die at once */
	}
	for (int i = 0; i < count; i++)
		if (children[i] > 0)
			kill(children[i], SIGTERM);
	for (int i = 0; i < count; i++)
		if (children[i] > 0)
			waitpid(children[i], NULL, 0);
	return 0;
}

int main(int argc, char **argv)
{
	if (FCGX_IsCGI())
		return program_main(&poll_program, argc, argv);
	static struct config cfg;
	if (program_setup(&poll_program, &cfg) != 0)
		return 1;
	int status = cfg.poll_processes > 1 ? serve_processes(&cfg, cfg.poll_processes)
					    : serve_threaded(&cfg);
	program_teardown();
	return status;
}
