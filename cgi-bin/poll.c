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
 * What the threads share, and what the program remembers of who polls and
 * of the channels: lib/poll_engine.h (lib/poll_engine.c, lib/poll_passes.c).
 * Tests: t/poll.t, t/poll-*.t. */
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
#include <sys/epoll.h>
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
#include "poll_engine.h"
#include "pool.h"
#include "program.h"
#include "queue_guard.h"
#include "response.h"
#include "router.h"

static int poll_run(struct request *r);

static const struct action poll_actions[] = {
	{ METHOD_GET, feed_inputs, FEED_IN__MAX, GUARD_NONE, poll_run },
};

static const struct program poll_program = {
	"poll", true, poll_actions, COUNT_OF(poll_actions)
};

/* What an acceptor hands to poll_run, and gets back. */
struct park_slot {
	struct engine *engine;
	struct feed_watch watch;
	uint64_t round_seen;
};

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

/* Asks to hear once when the client of a held connection hangs up: a
 * connection parked again after a round is armed again. */
static void watch_hang_up(struct engine *e, int fd)
{
	if (e->hang_ups < 0)
		return;
	struct epoll_event ev = { .events = EPOLLRDHUP | EPOLLONESHOT, .data.fd = fd };
	if (epoll_ctl(e->hang_ups, EPOLL_CTL_ADD, fd, &ev) < 0 && errno == EEXIST)
		epoll_ctl(e->hang_ups, EPOLL_CTL_MOD, fd, &ev);
}

/* Parks a poll unless its topic changed since it looked (then the caller
 * looks again). Returns 1 parked, 0 look again, -1 full. */
static int park(struct engine *e, FCGX_Request *fcgi, const struct park_slot *slot)
{
	const struct feed_watch *w = &slot->watch;
	unsigned h = poll_topic_hash(w->topic, w->topic_id);
	/* Taken now: once parked, the watcher may answer it and close it. */
	struct fcgi_held conn = fcgi_held_of(fcgi);
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
		wt->conn = conn;
		wt->watch = *w;
		wt->deadline = time(NULL) + e->hold_seconds;
		wt->next = e->buckets[h % BUCKETS];
		e->buckets[h % BUCKETS] = wt;
		e->waiting++;
		result = 1;
	}
	pthread_mutex_unlock(&e->lock);
	if (result == 1) {
		/* Held, the request is its connection alone (lib/fcgi_held.h). */
		fcgi_release(fcgi);
		watch_hang_up(e, conn.fd);
	}
	return result;
}

static void accept_one(struct engine *e, struct program_context *ctx, FCGX_Request *fcgi)
{
	struct io io = { .fcgi = fcgi };
	fcgi_kept_skip_input(fcgi);
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
			poll_end_request(e, fcgi);
			return;
		}
		resp_free(&r.resp);
		pool_free(r.pool);
		int parked = park(e, fcgi, &slot);
		if (parked == 1)
			return;
		if (parked < 0) {
			poll_send_json(e, fcgi, 503, "{\"error\":\"Too many people are waiting for news on this "
				  "server; asking again shortly.\",\"status\":503,\"retry_ms\":1000}");
			return;
		}
	}
	/* Its topic keeps changing: ask again at once. */
	poll_send_json(e, fcgi, 200, ASK_AGAIN);
}

/* Takes the next request: on a kept connection where it has begun, or on
 * a new one from the listener. Every acceptor waits at once; each is
 * given a different one (lib/fcgi_kept.h). The listening socket is shared
 * with the supervisor that restarts us, so it must not be shut down to
 * wake a blocked accept(): an acceptor accepts only when the listener was
 * reported to it, and the wait has a timeout to see the program stop.
 * Returns 0 with *fcgi accepted, or -1 when the program stops. */
static int next_request(struct engine *e, FCGX_Request *fcgi)
{
	while (!e->stopping) {
		int next = fcgi_kept_next(&e->kept, 250);
		int rc = -1;
		if (next == FCGI_KEPT_LISTENER) {
			FCGX_InitRequest(fcgi, 0, 0);
			rc = FCGX_Accept_r(fcgi);
			fcgi_kept_listen_again(&e->kept);
		} else if (next >= 0) {
			rc = fcgi_accept_kept(fcgi, next);
		}
		if (rc == 0)
			return 0;
		if (next == FCGI_KEPT_LISTENER && !e->stopping) {
			/* Out of descriptors, say: an acceptor that gave up would
			 * leave polls unanswered for ever. Wait and try again. */
			log_warn("poll: accept failed: %s", strerror(-rc));
			usleep(100000);
		}
		/* (A kept connection that failed is closed: nothing to say.) */
		FCGX_Free(fcgi, 0);
	}
	return -1;
}

static void *acceptor_main(void *arg)
{
	struct engine *e = arg;
	mysql_thread_init();
	struct program_context ctx = { .program = &poll_program, .cfg = e->cfg, .db = db_new(e->cfg) };
	while (!e->stopping) {
		FCGX_Request *fcgi = calloc(1, sizeof *fcgi);
		if (fcgi == NULL)
			abort();
		if (next_request(e, fcgi) != 0) {
			free(fcgi);
			break;
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
	struct pollfd *held;   /* the sweep's look at every held connection */
	size_t held_room;
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
			poll_forget_sessions(w->e, &entry.id, 1);
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
			unsigned h = poll_topic_hash(w->changed[i].topic, w->changed[i].id);
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
	unsigned h = poll_topic_hash(wt->watch.topic, wt->watch.topic_id);
	int fd = wt->conn.fd;
	pthread_mutex_lock(&e->lock);
	wt->next = e->buckets[h % BUCKETS];
	e->buckets[h % BUCKETS] = wt;
	e->waiting++;
	pthread_mutex_unlock(&e->lock);
	watch_hang_up(e, fd);
}

/* Answers a waiter if there is news (or always, with force) and moves it to
 * *answered; otherwise puts it back. The cache holds what this round has
 * read already. What a new read of round `number` found of the waiter's
 * channel is remembered before the answer goes out: the poll asks again at
 * once, and its next look should find the memo (5,000 followers of a page
 * change do). Only that channel: the others the round read were remembered
 * when they were read. */
static void answer_or_repark(struct watcher *w, struct feed_cache *cache, struct pool *round,
			     struct waiter *wt, bool force, uint64_t number, struct waiter **answered)
{
	struct buf out;
	buf_init(&out);
	size_t reads = feed_cache_reads(cache);
	int rc = feed_answer(w->db, round, cache, &wt->watch, force, w->e->hold_seconds, &out);
	if (number != 0 && feed_cache_reads(cache) != reads && wt->watch.topic == NOTIFY_CHANNEL)
		remember_channel(w->e, cache, wt->watch.topic_id, number);
	if (rc == 1 || force) {
		if (rc == 1)
			poll_reply(&wt->conn, 200, out.data);
		else
			poll_reply(&wt->conn, 503, "{\"error\":\"Baton cannot reach its database right now.\","
			      "\"status\":503,\"retry_ms\":2000}");
		wt->next = *answered;
		*answered = wt;
	} else {
		repark(w->e, wt);
	}
	buf_free(&out);
}

/* Closes (or keeps) the connections of a list of answered waiters, and
 * forgets them. */
static void finish_all(struct engine *e, struct waiter *list)
{
	while (list != NULL) {
		struct waiter *next = list->next;
		poll_finish(e, &list->conn);
		free(list);
		list = next;
	}
}

/* Forgets waiters whose clients have gone, closing their connections. */
static void drop_all(struct waiter *list)
{
	while (list != NULL) {
		struct waiter *next = list->next;
		fcgi_held_drop(&list->conn);
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
	finish_all(w->e, answered);
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
			poll_reply(&due->conn, 200, ASK_AGAIN);
			due->next = again;
			again = due;
		} else {
			due->next = full;
			full = due;
		}
		due = next;
	}
	finish_all(w->e, again);
	answer_all(w, full, true, 0);
}

/* Whether the sweep's look found the client gone. */
static bool hung_up(const struct pollfd *pfd)
{
	return pfd->revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL);
}

/* Whether a client has hung up since the last look: each held connection
 * is reported once (EPOLLONESHOT), and all reports are taken. */
static bool hang_up_reported(struct engine *e)
{
	if (e->hang_ups < 0)
		return true;
	struct epoll_event ev[64];
	int n, total = 0;
	while ((n = epoll_wait(e->hang_ups, ev, 64, 0)) > 0) {
		total += n;
		if (n < 64)
			break;
	}
	return total > 0;
}

/* Looks at every held connection with one poll(), under the engine's lock
 * (the caller's), in the order of the buckets. Only when a hang-up was
 * reported: a look every second, one poll() a connection, was a third of
 * an idle poll program's CPU with 10,000 held (bench/RESULTS.md, "Idle:
 * where 10,000 held polls' CPU goes"). */
static size_t look_at_held(struct watcher *w)
{
	struct engine *e = w->e;
	if (e->waiting > w->held_room) {
		w->held_room = e->waiting + e->waiting / 2;
		w->held = realloc(w->held, w->held_room * sizeof *w->held);
		if (w->held == NULL)
			abort();
	}
	size_t n = 0;
	for (unsigned b = 0; b < BUCKETS; b++)
		for (struct waiter *wt = e->buckets[b]; wt != NULL && n < w->held_room; wt = wt->next)
			w->held[n++] = (struct pollfd){ .fd = wt->conn.fd, .events = POLLIN | POLLRDHUP };
	if (n > 0 && poll(w->held, n, 0) < 0)
		for (size_t i = 0; i < n; i++)
			w->held[i].revents = 0;
	return n;
}

/* Once a second: answer polls whose time is up (the client asks again) and
 * drop those whose client has gone. */
static void expire_and_reap(struct watcher *w, bool everyone)
{
	struct engine *e = w->e;
	time_t now = time(NULL);
	struct waiter *due = NULL, *gone = NULL;
	bool look = everyone || hang_up_reported(e);
	pthread_mutex_lock(&e->lock);
	size_t looked = look ? look_at_held(w) : 0;
	size_t at = 0;
	for (unsigned b = 0; b < BUCKETS; b++) {
		struct waiter **link = &e->buckets[b];
		while (*link != NULL) {
			struct waiter *wt = *link;
			bool gone_away = at < looked && hung_up(&w->held[at]);
			at++;
			if (!everyone && !gone_away && wt->deadline > now) {
				link = &wt->next;
				continue;
			}
			*link = wt->next;
			e->waiting--;
			if (gone_away) {
				wt->next = gone;
				gone = wt;
			} else {
				wt->next = due;
				due = wt;
			}
		}
	}
	pthread_mutex_unlock(&e->lock);
	drop_all(gone);
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
	free(w->held);
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
	if (fcgi_kept_open(&e.kept, 0) != 0) {
		log_error("poll: cannot watch the listening socket: %s", strerror(errno));
		return 1;
	}
	e.hang_ups = epoll_create1(EPOLL_CLOEXEC);
	if (e.hang_ups < 0)
		log_warn("poll: no epoll set for hung-up clients (%s): looking every second", strerror(errno));
	pthread_mutex_init(&e.lock, NULL);
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
