/* feed.c - authorising polls and building their answers. */
#include "feed.h"

#include <string.h>

#include "audience.h"
#include "channel.h"
#include "crypto.h"
#include "db.h"
#include "desk.h"
#include "helpreq.h"
#include "pool.h"
#include "queue_guard.h"
#include "response.h"
#include "session.h"
#include "staff.h"
#include "supervise.h"
#include "visitor.h"

#define SEQ_MAX 1000000000000000LL

const struct input feed_inputs[FEED_IN__MAX] = {
	[FEED_IN_CHANNEL] = { "channel", INPUT_KEY, false, 32, 0, 0, NULL },
	[FEED_IN_CONSOLE] = { "console", INPUT_INT, false, 0, 0, 1, NULL },
	[FEED_IN_REQUEST] = { "request", INPUT_KEY, false, 32, 0, 0, NULL },
	[FEED_IN_AFTER] = { "after", INPUT_INT, false, 0, 0, SEQ_MAX, NULL },
	[FEED_IN_SIGNALS] = { "signals", INPUT_INT, false, 0, 0, SEQ_MAX, NULL },
	[FEED_IN_VERSION] = { "version", INPUT_INT, false, 0, 0, SEQ_MAX, NULL },
	[FEED_IN_SUPERVISE] = { "supervise", INPUT_INT, false, 0, 0, 1, NULL },
	[FEED_IN_CLIENT] = { "client", INPUT_LINE, false, 64, 0, 0, NULL },
	[FEED_IN_AUDIENCE] = { "audience", INPUT_LINE, false, 32, 0, 0, NULL },
};

static int db_failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static int watch_channel(struct request *r, struct feed_watch *w, long long visitor_id)
{
	struct member m;
	bool found;
	int rc = channel_member(r, r->in[FEED_IN_CHANNEL], visitor_id, &m, &found);
	if (rc != DB_OK)
		return db_failed(r, rc);
	if (!found)
		return resp_error(r, 403, "You are not in this conversation.");
	w->kind = FEED_CHANNEL;
	w->topic = NOTIFY_CHANNEL;
	w->topic_id = m.channel_id;
	w->participant_id = m.participant_id;
	w->member_seq = (unsigned long long)m.last_seq;
	w->viewer_is_agent = strcmp(m.kind, "visitor") != 0;
	w->session_id = r->session != NULL ? r->session->id : 0;
	w->seen = (unsigned long long)r->in_int[FEED_IN_AFTER];
	w->seen_signals = (unsigned long long)r->in_int[FEED_IN_SIGNALS];
	return 0;
}

static int watch_waiting(struct request *r, struct feed_watch *w, long long visitor_id)
{
	struct request_status st;
	bool found;
	int rc = helpreq_status(r->db, r->pool, r->in[FEED_IN_REQUEST], &st, &found);
	if (rc != DB_OK)
		return db_failed(r, rc);
	if (!found || st.visitor_id != visitor_id)
		return resp_error(r, 403, "This is not your help request.");
	/* The page polls: the visitor is still there (queue_guard.h). */
	if ((rc = queue_guard_seen(r->db, st.id)) != DB_OK)
		return db_failed(r, rc);
	w->kind = FEED_WAITING;
	w->topic = NOTIFY_QUEUE;
	w->topic_id = st.client_id;
	w->seen = (unsigned long long)r->in_int[FEED_IN_VERSION];
	memcpy(w->request_public_id, r->in[FEED_IN_REQUEST], 32);
	w->request_public_id[32] = '\0';
	return 0;
}

/* An event's attendee, in one look by their visitor cookie (no session,
 * no visitor stamp: 20,000 of them ask again after every round). Removed
 * attendees are refused; so is anyone who never registered, or who never
 * arrived once the event is live. */
static int watch_audience(struct request *r, struct feed_watch *w)
{
	const char *token = request_cookie(r, VISITOR_COOKIE);
	if (!crypto_is_public_id(r->in[FEED_IN_AUDIENCE]) || token == NULL || !crypto_is_token(token))
		return resp_error(r, 403, "You are not registered for this event.");
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(token, hash);
	struct db_rows who;
	int rc = db_query(r->db, r->pool, SQL_AUDIENCE_WHO, &who, "ss", hash, r->in[FEED_IN_AUDIENCE]);
	if (rc != DB_OK)
		return db_failed(r, rc);
	if (who.rows == 0)
		return resp_error(r, 403, "You are not registered for this event.");
	if (db_cell_int(&who, 0, 3))
		return resp_error(r, 403, "The producer has removed you from this event.");
	if (db_cell(&who, 0, 2) == NULL)
		return resp_error(r, 409, "The event has not opened yet: its page says when it starts.");
	/* Once live, only those who took a seat (lib/attendee.h) follow it. */
	if (strcmp(db_cell(&who, 0, 5), "live") == 0 && !db_cell_int(&who, 0, 4))
		return resp_error(r, 403, "You have no seat at this event: open its page to take one.");
	w->kind = FEED_AUDIENCE;
	w->topic = NOTIFY_CHANNEL;
	w->topic_id = db_cell_int(&who, 0, 2);
	w->attendee_id = db_cell_int(&who, 0, 0);
	w->seen = (unsigned long long)r->in_int[FEED_IN_AFTER];
	w->seen_signals = (unsigned long long)r->in_int[FEED_IN_SIGNALS];
	return 0;
}

int feed_watch_from_request(struct request *r, struct feed_watch *w)
{
	memset(w, 0, sizeof *w);
	if (r->in[FEED_IN_AUDIENCE] != NULL)
		return watch_audience(r, w);
	int rc = session_load(r);
	long long visitor_id = 0;
	if (rc == DB_OK)
		rc = visitor_identify(r, false, &visitor_id);
	if (rc != DB_OK)
		return db_failed(r, rc);
	if (r->in[FEED_IN_CHANNEL] != NULL)
		return watch_channel(r, w, visitor_id);
	if (r->in[FEED_IN_REQUEST] != NULL)
		return watch_waiting(r, w, visitor_id);
	if (r->in_int[FEED_IN_CONSOLE] == 1) {
		if (r->session == NULL)
			return resp_error(r, 401, "You are not signed in, or your session has expired.");
		w->kind = FEED_CONSOLE;
		w->topic = NOTIFY_QUEUE;
		w->topic_id = r->session->client_id;
		w->agent_id = r->session->agent_id;
		w->seen = (unsigned long long)r->in_int[FEED_IN_VERSION];
		return 0;
	}
	if (r->in_int[FEED_IN_SUPERVISE] == 1) {
		if (r->session == NULL)
			return resp_error(r, 401, "You are not signed in, or your session has expired.");
		long long client_id;
		int status = staff_client_for_request(r, r->in[FEED_IN_CLIENT], ROLE_SUPERVISOR, &client_id);
		if (status != 0)
			return status;
		w->kind = FEED_SUPERVISE;
		w->topic = NOTIFY_QUEUE;
		w->topic_id = client_id;
		w->seen = (unsigned long long)r->in_int[FEED_IN_VERSION];
		return 0;
	}
	return resp_error(r, 400, "Say what to wait for: channel, request, audience, console=1 or "
			  "supervise=1.");
}

enum { CACHE_SLOTS = 128 };

struct cache_slot {
	enum sql_id query;
	long long a, b;
	struct db_rows rows;
};

/* An answer rendered once for every waiter who has seen the same (the
 * audience of an event): its text up to the hold. */
struct text_slot {
	long long topic, seen, signals;
	char *text;
};

struct feed_cache {
	struct cache_slot slot[CACHE_SLOTS];
	size_t used;
	struct text_slot text[CACHE_SLOTS];
	size_t texts;
	struct pool *pool;
};

struct feed_cache *feed_cache_new(struct pool *pool)
{
	struct feed_cache *cache = pool_zalloc(pool, sizeof(struct feed_cache));
	cache->pool = pool;
	return cache;
}

/* How far back the cache's reads of a channel's events show that no one's
 * place in it changed, up to last_seq. A read of the events after `from`
 * shows it from there when it reached last_seq (the versions are read
 * before the events, so every event up to last_seq was committed when the
 * events were read; a full page may stop short). */
static unsigned long long calm_since(const struct feed_cache *cache, long long channel_id,
				     unsigned long long last_seq)
{
	unsigned long long calm = last_seq;
	for (size_t i = 0; i < cache->used; i++) {
		const struct cache_slot *s = &cache->slot[i];
		if (s->query != SQL_EVENTS_AFTER || s->a != channel_id || (unsigned long long)s->b >= calm)
			continue;
		const struct db_rows *ev = &s->rows;
		if (ev->rows == 0 || (unsigned long long)db_cell_int(ev, ev->rows - 1, 0) < last_seq)
			continue;
		unsigned long long from = (unsigned long long)s->b;
		for (size_t j = 0; j < ev->rows; j++) {
			unsigned long long seq = (unsigned long long)db_cell_int(ev, j, 0);
			if (seq <= last_seq && !channel_event_keeps_places(db_cell(ev, j, 1)))
				from = seq;
		}
		if (from < calm)
			calm = from;
	}
	return calm;
}

size_t feed_cache_reads(const struct feed_cache *cache)
{
	return cache->used;
}

static void channel_state_of(const struct feed_cache *cache, const struct cache_slot *s,
			     struct feed_channel_state *out)
{
	out->channel_id = s->a;
	out->last_seq = (unsigned long long)db_cell_int(&s->rows, 0, 0);
	out->signal_version = (unsigned long long)db_cell_int(&s->rows, 0, 1);
	out->open = strcmp(db_cell(&s->rows, 0, 2), "open") == 0;
	out->calm_since = calm_since(cache, out->channel_id, out->last_seq);
}

bool feed_cache_channel(const struct feed_cache *cache, size_t *at, struct feed_channel_state *out)
{
	for (; *at < cache->used; (*at)++) {
		const struct cache_slot *s = &cache->slot[*at];
		if (s->query != SQL_CHANNEL_VERSIONS || s->rows.rows == 0)
			continue;
		channel_state_of(cache, s, out);
		(*at)++;
		return true;
	}
	return false;
}

bool feed_cache_channel_of(const struct feed_cache *cache, long long channel_id,
			   struct feed_channel_state *out)
{
	for (size_t i = 0; i < cache->used; i++) {
		const struct cache_slot *s = &cache->slot[i];
		if (s->query == SQL_CHANNEL_VERSIONS && s->a == channel_id && s->rows.rows != 0) {
			channel_state_of(cache, s, out);
			return true;
		}
	}
	return false;
}

/* Queries of one argument; the others have two. */
static bool one_argument(enum sql_id query)
{
	return query == SQL_CHANNEL_VERSIONS || query == SQL_AUDIENCE_STAGE_STATE;
}

/* A query of one or two integer arguments, read once per round. */
static int cached(struct db *db, struct pool *pool, struct feed_cache *cache, enum sql_id query,
		  long long a, long long b, struct db_rows *out)
{
	for (size_t i = 0; cache != NULL && i < cache->used; i++)
		if (cache->slot[i].query == query && cache->slot[i].a == a && cache->slot[i].b == b) {
			*out = cache->slot[i].rows;
			return DB_OK;
		}
	int rc = one_argument(query) ? db_query(db, pool, query, out, "i", a)
				     : db_query(db, pool, query, out, "ii", a, b);
	if (rc == DB_OK && cache != NULL && cache->used < CACHE_SLOTS)
		cache->slot[cache->used++] = (struct cache_slot){ query, a, b, *out };
	return rc;
}

static void json_or_null(struct buf *out, const char *s)
{
	if (s == NULL)
		buf_puts(out, "null");
	else
		buf_json_string(out, s);
}

static void typing_json(const struct db_rows *t, long long viewer, bool show_text, struct buf *out)
{
	bool first = true;
	buf_putc(out, '[');
	for (size_t i = 0; i < t->rows; i++) {
		/* show_text: the viewer is staff; visitors never see a supervisor type. */
		if (db_cell_int(t, i, 0) == viewer
		    || (!show_text && strcmp(db_cell(t, i, 2), "supervisor") == 0))
			continue;
		const char *text = db_cell(t, i, 3);
		bool from_agent = strcmp(db_cell(t, i, 2), "visitor") != 0;
		buf_printf(out, "%s{\"from\":%s,\"name\":", first ? "" : ",", db_cell(t, i, 0));
		first = false;
		buf_json_string(out, db_cell(t, i, 1));
		buf_printf(out, ",\"typing\":%s,\"text\":", text && *text ? "true" : "false");
		/* Agents see a visitor's words as typed; visitors only that an
		 * agent is typing. */
		if (text && show_text && !from_agent)
			buf_json_string(out, text);
		else
			buf_puts(out, "null");
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* Where each other participant's view is, their pointer and avatar. Visitors
 * never learn of a supervisor watching. */
static void peers_json(const struct db_rows *t, long long viewer, bool viewer_is_staff,
		       struct buf *out)
{
	bool first = true;
	buf_putc(out, '[');
	for (size_t i = 0; i < t->rows; i++) {
		if (db_cell_int(t, i, 0) == viewer
		    || (!viewer_is_staff && strcmp(db_cell(t, i, 2), "supervisor") == 0))
			continue;
		buf_printf(out, "%s{\"id\":%s,\"name\":", first ? "" : ",", db_cell(t, i, 0));
		first = false;
		buf_json_string(out, db_cell(t, i, 1));
		buf_puts(out, ",\"role\":");
		buf_json_string(out, db_cell(t, i, 2));
		buf_puts(out, ",\"avatar\":");
		json_or_null(out, db_cell(t, i, 5));
		buf_puts(out, ",\"url\":");
		json_or_null(out, db_cell(t, i, 6));
		buf_printf(out, ",\"scroll\":[%s,%s],\"pointer\":",
			   db_cell(t, i, 7) ? db_cell(t, i, 7) : "0", db_cell(t, i, 8) ? db_cell(t, i, 8) : "0");
		if (db_cell(t, i, 9) != NULL) {
			buf_puts(out, "{\"mode\":");
			buf_json_string(out, db_cell(t, i, 9));
			buf_printf(out, ",\"x\":%s,\"y\":%s}", db_cell(t, i, 10), db_cell(t, i, 11));
		} else {
			buf_puts(out, "null");
		}
		buf_printf(out, ",\"present\":%s", db_cell_int(t, i, 12) ? "true" : "false");
		/* A visitor's proposal to lead elsewhere is for staff to decide on
		 * (lib/lead.h). */
		if (viewer_is_staff) {
			buf_puts(out, ",\"proposed\":");
			json_or_null(out, db_cell(t, i, 13));
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* An answer carries the channel's versions row (its last seq, leader and
 * address) and the events after what the viewer has seen, read a moment
 * later: an event committed in between (an address, a lead) must wait for
 * the next answer, with the row that goes with it. Otherwise the viewer
 * gets the new address's event beside the old address, and having seen
 * its seq never hears of the new one (t/poll-snapshot.t). Rows come in
 * seq order. */
static void events_through(struct db_rows *events, long long last_seq)
{
	while (events->rows > 0 && db_cell_int(events, events->rows - 1, 0) > last_seq)
		events->rows--;
}

static int answer_channel(struct db *db, struct pool *pool, struct feed_cache *cache,
			  const struct feed_watch *w, bool force, struct buf *out)
{
	struct db_rows v, events, signals;
	int rc = cached(db, pool, cache, SQL_CHANNEL_VERSIONS, w->topic_id, 0, &v);
	if (rc != DB_OK)
		return rc;
	unsigned long long last_seq = (unsigned long long)db_cell_int(&v, 0, 0);
	unsigned long long version = (unsigned long long)db_cell_int(&v, 0, 1);
	bool open = v.rows > 0 && strcmp(db_cell(&v, 0, 2), "open") == 0;
	/* A closed channel answers at once: there is nothing to wait for. */
	if (!force && open && last_seq <= w->seen && version <= w->seen_signals)
		return 0;
	rc = cached(db, pool, cache, SQL_EVENTS_AFTER, w->topic_id, (long long)w->seen, &events);
	if (rc == DB_OK)
		events_through(&events, (long long)last_seq);
	/* Every participant's signal_version is a channel signal version it
	 * was stamped with (lib/channel.c, set_signal): when the channel's has
	 * not passed what the viewer has seen, no participant's has, and the
	 * read would find nothing. A delivered line costs one query less. */
	memset(&signals, 0, sizeof signals);
	if (rc == DB_OK && version > w->seen_signals)
		rc = cached(db, pool, cache, SQL_SIGNALS_SINCE, w->topic_id, (long long)w->seen_signals,
			    &signals);
	if (rc != DB_OK)
		return rc;
	long long shown = (long long)w->seen;
	buf_puts(out, "{\"events\":");
	channel_rows_json(&events, w->participant_id, w->viewer_is_agent, (long long)w->seen, out, &shown);
	buf_printf(out, ",\"last_seq\":%lld,\"signals\":%llu,\"typing\":", shown, version);
	typing_json(&signals, w->participant_id, w->viewer_is_agent, out);
	buf_puts(out, ",\"peers\":");
	peers_json(&signals, w->participant_id, w->viewer_is_agent, out);
	buf_printf(out, ",\"leader\":%s,\"url\":", db_cell(&v, 0, 3) ? db_cell(&v, 0, 3) : "null");
	json_or_null(out, db_cell(&v, 0, 4));
	buf_printf(out, ",\"open\":%s", open ? "true" : "false");
	return 1;
}

/* An event's attendee: the stage's news for the room (lib/audience.h).
 * Nothing is answered while nothing they may see has changed (the
 * producer's pointer, the speakers' typing and calls, private events),
 * and the answer is rendered once per round for everyone who has seen the
 * same. Before the event is live only its state reaches them. */
static int answer_audience(struct db *db, struct pool *pool, struct feed_cache *cache,
			   const struct feed_watch *w, bool force, struct buf *out)
{
	struct db_rows v, state, events = { 0 }, speakers = { 0 };
	int rc = cached(db, pool, cache, SQL_CHANNEL_VERSIONS, w->topic_id, 0, &v);
	if (rc == DB_OK)
		rc = cached(db, pool, cache, SQL_AUDIENCE_STAGE_STATE, w->topic_id, 0, &state);
	if (rc != DB_OK)
		return rc;
	unsigned long long last_seq = (unsigned long long)db_cell_int(&v, 0, 0);
	unsigned long long version = (unsigned long long)db_cell_int(&v, 0, 1);
	bool open = v.rows > 0 && strcmp(db_cell(&v, 0, 2), "open") == 0;
	bool live = state.rows > 0 && strcmp(db_cell(&state, 0, 0), "live") == 0;
	if (!force && open && last_seq <= w->seen && version <= w->seen_signals)
		return 0;
	if (last_seq > w->seen)
		rc = cached(db, pool, cache, SQL_AUDIENCE_EVENTS_AFTER, w->topic_id, (long long)w->seen, &events);
	if (rc == DB_OK)
		events_through(&events, (long long)last_seq);
	if (rc == DB_OK && live && version > w->seen_signals)
		rc = cached(db, pool, cache, SQL_AUDIENCE_SIGNALS_SINCE, w->topic_id,
			    (long long)w->seen_signals, &speakers);
	if (rc != DB_OK)
		return rc;
	if (!force && open && speakers.rows == 0 && !audience_news(&events, live, w->attendee_id))
		return 0;
	bool personal = audience_rows_personal(&events);
	for (size_t i = 0; cache != NULL && !personal && i < cache->texts; i++) {
		struct text_slot *t = &cache->text[i];
		if (t->topic == w->topic_id && t->seen == (long long)w->seen
		    && t->signals == (long long)w->seen_signals) {
			buf_puts(out, t->text);
			return 1;
		}
	}
	size_t start = out->len;
	audience_answer_json(&v, &events, &speakers, live, personal ? w->attendee_id : 0,
			     (long long)w->seen, out);
	if (cache != NULL && !personal && cache->texts < CACHE_SLOTS)
		cache->text[cache->texts++] = (struct text_slot){ w->topic_id, (long long)w->seen,
			(long long)w->seen_signals, pool_strdup(cache->pool, out->data + start) };
	return 1;
}

/* Whether the client's queue has moved past what the watch has seen:
 * 1 yes (or forced), 0 no, or a db_status. The console, waiting and
 * supervise feeds all follow it. */
static int queue_moved(struct db *db, struct pool *pool, const struct feed_watch *w, bool force)
{
	struct db_rows version;
	int rc = db_query(db, pool, SQL_QUEUE_VERSION, &version, "i", w->topic_id);
	if (rc != DB_OK)
		return rc;
	return force || (unsigned long long)db_cell_int(&version, 0, 0) > w->seen;
}

/* Drops a JSON object's closing brace, so feed_answer() can add the hold. */
static void reopen(struct buf *out)
{
	out->len--;
	out->data[out->len] = '\0';
}

static int answer_console(struct db *db, struct pool *pool, const struct feed_watch *w,
			  bool force, struct buf *out)
{
	int rc = queue_moved(db, pool, w, force);
	if (rc != 1)
		return rc;
	struct desk d;
	if ((rc = desk_load(db, pool, w->topic_id, w->agent_id, &d)) != DB_OK)
		return rc;
	desk_json(&d, out);
	reopen(out);
	return 1;
}

static int answer_waiting(struct db *db, struct pool *pool, const struct feed_watch *w,
			  bool force, struct buf *out)
{
	int rc = queue_moved(db, pool, w, force);
	if (rc != 1)
		return rc;
	struct request_status st;
	bool found;
	if ((rc = helpreq_status(db, pool, w->request_public_id, &st, &found)) != DB_OK)
		return rc;
	helpreq_status_json(&st, out);
	reopen(out);
	return 1;
}

static int answer_supervise(struct db *db, struct pool *pool, const struct feed_watch *w,
			    bool force, struct buf *out)
{
	int rc = queue_moved(db, pool, w, force);
	if (rc != 1)
		return rc;
	struct supervision s;
	if ((rc = supervise_load(db, pool, w->topic_id, &s)) != DB_OK)
		return rc;
	supervise_json(&s, out);
	reopen(out);
	return 1;
}

int feed_answer(struct db *db, struct pool *pool, struct feed_cache *cache,
		const struct feed_watch *w, bool force, int hold_seconds, struct buf *out)
{
	int rc;
	size_t start = out->len;
	switch (w->kind) {
	case FEED_CHANNEL: rc = answer_channel(db, pool, cache, w, force, out); break;
	case FEED_CONSOLE: rc = answer_console(db, pool, w, force, out); break;
	case FEED_WAITING: rc = answer_waiting(db, pool, w, force, out); break;
	case FEED_SUPERVISE: rc = answer_supervise(db, pool, w, force, out); break;
	case FEED_AUDIENCE: rc = answer_audience(db, pool, cache, w, force, out); break;
	default: rc = DB_ERROR;
	}
	if (rc == 1) {
		/* The client learns whether polls are held (long-polling) or answered
		 * at once (then it asks again on an interval). */
		buf_printf(out, ",\"hold\":%d}", hold_seconds);
	} else {
		out->len = start;
		if (out->data)
			out->data[start] = '\0';
	}
	return rc;
}
