/* poll_engine.c - the poll program's topics, answers and memos of the
 * channels' versions (lib/poll_engine.h). */
#include "poll_engine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include "buf.h"
#include "response.h"

unsigned poll_topic_hash(enum notify_topic topic, long long id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ULL ^ (uint64_t)topic * 0xC2B2AE3D27D4EB4FULL;
	return (unsigned)(h >> 32);
}

/* The CGI head and the body of an answer. Formatted here: fcgi2's own
 * FCGX_FPrintF knows no %zu. */
static void answer_of(struct buf *out, int status, const char *json)
{
	buf_printf(out, "Status: %d %s\r\nContent-Type: application/json; charset=utf-8\r\n"
		   "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
		   "Content-Length: %zu\r\n\r\n%s", status, http_reason(status), strlen(json), json);
}

void poll_reply(const struct fcgi_held *conn, int status, const char *json)
{
	struct buf out;
	buf_init(&out);
	answer_of(&out, status, json);
	/* A failure is the web server gone: no one is left to tell. */
	(void)fcgi_held_answer(conn, out.data, out.len);
	buf_free(&out);
}

void poll_finish(struct engine *e, const struct fcgi_held *conn)
{
	if (!conn->keep) {
		fcgi_held_close(conn);
		return;
	}
	/* No longer a held poll: its next request is the kept set's to see. */
	if (e->hang_ups >= 0)
		epoll_ctl(e->hang_ups, EPOLL_CTL_DEL, conn->fd, NULL);
	fcgi_kept_keep(&e->kept, conn->fd);
}

void poll_send_held(struct engine *e, const struct fcgi_held *conn, int status, const char *json)
{
	poll_reply(conn, status, json);
	poll_finish(e, conn);
}

void poll_end_request(struct engine *e, FCGX_Request *fcgi)
{
	FCGX_Finish_r(fcgi);
	/* Still open: the web server asked to keep it, and it did not fail. */
	if (fcgi->ipcFd >= 0)
		fcgi_kept_keep(&e->kept, fcgi->ipcFd);
	free(fcgi);
}

void poll_send_json(struct engine *e, FCGX_Request *fcgi, int status, const char *json)
{
	struct buf out;
	buf_init(&out);
	answer_of(&out, status, json);
	FCGX_PutStr(out.data, (int)out.len, fcgi->out);
	buf_free(&out);
	poll_end_request(e, fcgi);
}

bool memo_quiet(struct engine *e, const struct feed_watch *w, bool since_member)
{
	unsigned h = poll_topic_hash(w->topic, w->topic_id);
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

void remember_read(struct engine *e, const struct feed_cache *read, uint64_t round_seen)
{
	struct feed_channel_state st;
	size_t at = 0;
	pthread_mutex_lock(&e->lock);
	while (feed_cache_channel(read, &at, &st)) {
		unsigned h = poll_topic_hash(NOTIFY_CHANNEL, st.channel_id);
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

bool memo_covers(struct engine *e, long long channel_id, unsigned long long last_seq,
		 unsigned long long signal_version)
{
	unsigned h = poll_topic_hash(NOTIFY_CHANNEL, channel_id);
	pthread_mutex_lock(&e->lock);
	const struct memo *m = &e->memos[h % MEMO_SLOTS];
	bool covers = m->answered && m->channel_id == channel_id
		      && e->topic_round[h % TOPIC_MARKS] <= m->round && last_seq <= m->last_seq
		      && signal_version <= m->signal_version;
	pthread_mutex_unlock(&e->lock);
	return covers;
}

void remember_channel(struct engine *e, const struct feed_cache *cache, long long channel_id,
		      uint64_t number)
{
	struct feed_channel_state st;
	if (!feed_cache_channel_of(cache, channel_id, &st))
		return;
	unsigned h = poll_topic_hash(NOTIFY_CHANNEL, channel_id);
	pthread_mutex_lock(&e->lock);
	struct memo *m = &e->memos[h % MEMO_SLOTS];
	if (e->topic_round[h % TOPIC_MARKS] == number)
		*m = memo_of_read(m, &st, number, true);
	pthread_mutex_unlock(&e->lock);
}
