/* poll_passes.c - what the poll program remembers of who polls: passes,
 * the staff sessions they hold, and attendees seen (lib/poll_engine.h). */
#include "poll_engine.h"

#include <stdlib.h>
#include <string.h>

#include "attendee.h"
#include "log.h"
#include "pool.h"
#include "session.h"
#include "visitor.h"

void pass_key(struct request *r, char key[TOKEN_HEX_LEN + 1])
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

bool pass_find(struct engine *e, struct request *r, const char *key, struct feed_watch *w,
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

void pass_keep(struct engine *e, const char *key, const struct feed_watch *w)
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

void pass_forget_attendee(struct engine *e, long long attendee_id)
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

void poll_forget_sessions(struct engine *e, const long long *sessions, size_t n)
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
		poll_send_held(e, &theirs->conn, 200, ASK_AGAIN);
		free(theirs);
		theirs = next;
	}
}

void staff_passes_check(struct engine *e, struct db *db, unsigned tick)
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
	bool failed = false;
	for (size_t at = 0; at < held; at += STAFF_CHECK_BATCH) {
		struct pool *pool = pool_new();
		size_t count = held - at < STAFF_CHECK_BATCH ? held - at : STAFF_CHECK_BATCH;
		struct db_rows ended;
		if (session_ids_ended(db, pool, e->staff_ids + at, count, &ended) == DB_OK) {
			long long *gone = pool_alloc(pool, (ended.rows + 1) * sizeof *gone);
			for (size_t i = 0; i < ended.rows; i++)
				gone[i] = db_cell_int(&ended, i, 0);
			poll_forget_sessions(e, gone, ids_unique(gone, ended.rows));
		} else {
			failed = true;
		}
		pool_free(pool);
	}
	for (size_t at = 0; at < served; at += STAFF_CHECK_BATCH) {
		struct pool *pool = pool_new();
		size_t count = served - at < STAFF_CHECK_BATCH ? served - at : STAFF_CHECK_BATCH;
		if (session_ids_touch(db, e->cfg, pool, e->stamp_ids + at, count) != DB_OK)
			failed = true;
		pool_free(pool);
	}
	if (failed && !e->staff_check_failed)
		log_warn("poll: could not check or stamp the %zu staff sessions held here; trying each "
			 "second", held);
	else if (!failed && e->staff_check_failed)
		log_info("poll: the staff sessions held here are checked again");
	e->staff_check_failed = failed;
}

void presence_note(struct engine *e, long long attendee_id)
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

void presence_flush(struct engine *e, struct db *db)
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
