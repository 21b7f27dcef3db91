/* channel.c - creating channels, posting events, leaving, transferring. */
#include "channel.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "call.h"
#include "capacity.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "phone_call.h"
#include "pool.h"
#include "profile.h"
#include "queue.h"
#include "render.h"
#include "response.h"
#include "router.h"
#include "sample.h"
#include "session.h"
#include "visitor.h"

const char *const channel_avatars[] = { "fox", "owl", "cat", "bear", "whale", "robin", "bee",
	"tortoise", NULL };

int channel_member(struct request *r, const char *public_id, long long visitor_id,
		   struct member *m, bool *found)
{
	*found = false;
	memset(m, 0, sizeof *m);
	if (!crypto_is_public_id(public_id))
		return DB_OK;
	struct db_rows row;
	/* Signed in as staff of another client, and here as a visitor: the
	 * procedure looks again as that visitor. */
	int rc = db_query(r->db, r->pool, SQL_CHANNEL_MEMBER, &row, "nnns",
			  r->session != NULL ? r->session->agent_id : 0,
			  r->session != NULL ? r->session->client_id : 0, visitor_id, public_id);
	if (rc != DB_OK || row.rows == 0)
		return rc;
	m->channel_id = db_cell_int(&row, 0, 0);
	m->client_id = db_cell_int(&row, 0, 1);
	m->channel_open = strcmp(db_cell(&row, 0, 2), "open") == 0;
	m->channel_name = db_cell(&row, 0, 3);
	m->last_seq = db_cell_int(&row, 0, 4);
	m->leader_participant_id = db_cell_int(&row, 0, 5);
	m->channel_public_id = pool_strdup(r->pool, public_id);
	if (db_cell(&row, 0, 6) == NULL)
		return DB_OK;
	m->participant_id = db_cell_int(&row, 0, 6);
	m->kind = db_cell(&row, 0, 7);
	m->display_name = db_cell(&row, 0, 8);
	m->token = db_cell(&row, 0, 9);
	m->left = db_cell_int(&row, 0, 10) != 0;
	m->agent_id = r->session && strcmp(m->kind, "agent") == 0 ? r->session->agent_id : 0;
	*found = true;
	return DB_OK;
}

int channel_viewer(struct request *r, const char *public_id, const char *not_in_message,
		   struct member *m)
{
	long long visitor_id = 0;
	bool found = false;
	int rc = session_load(r);
	if (rc == DB_OK)
		rc = visitor_identify(r, false, &visitor_id);
	if (rc == DB_OK)
		rc = channel_member(r, public_id, visitor_id, m, &found);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (!found)
		return resp_error(r, 403, "%s", not_in_message);
	return 0;
}

int channel_authorize(struct request *r, const char *public_id, const char *token,
		      struct member *m)
{
	int status = channel_viewer(r, public_id, "You are not in this conversation.", m);
	if (status != 0)
		return status;
	if (!request_same_origin(r))
		return resp_error(r, 403, "This was sent from another site.");
	if (!crypto_equal(token, m->token))
		return resp_error(r, 403, "The page's security token is out of date. Reload the page.");
	if (m->left || !m->channel_open)
		return resp_error(r, 409, "This conversation has ended for you.");
	return 0;
}

int channel_failed(struct request *r, int rc)
{
	if (rc == CHANNEL_CLOSED)
		return resp_error(r, 409, "This conversation has ended.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	return -1;
}

/* Inside a transaction: the next seq, taking the channel's row lock. */
static int next_seq(struct db *db, long long channel_id, long long *seq)
{
	unsigned long long changed = 0;
	int rc = db_exec(db, SQL_CHANNEL_NEXT_SEQ, &changed, "i", channel_id);
	if (rc == DB_OK && changed == 0)
		return CHANNEL_CLOSED;
	*seq = (long long)db_last_insert_id(db);
	return rc;
}

/* Inside a transaction: appends one event (next seq, then the row). */
static int insert_event(struct db *db, long long channel_id, long long participant_id,
			long long recipient, const char *kind, const char *body,
			const char *client_msg_id, long long *seq)
{
	int rc = next_seq(db, channel_id, seq);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_EVENT_INSERT, NULL, "iisnnsssn", channel_id, *seq, kind,
			     participant_id, recipient, body, client_msg_id, (const char *)NULL,
			     0LL);
	return rc;
}

static int append_event(struct db *db, long long channel_id, long long participant_id,
			const char *kind, const char *body, const char *client_msg_id, long long *seq)
{
	return insert_event(db, channel_id, participant_id, 0, kind, body, client_msg_id, seq);
}

int channel_append(struct db *db, long long channel_id, long long participant_id,
		   long long recipient, const char *kind, const char *body, long long *seq)
{
	return insert_event(db, channel_id, participant_id, recipient, kind, body, NULL, seq);
}

bool channel_event_in_chat(const char *kind)
{
	/* The stage and backstage of an event (issue 17) have their own too. */
	static const char *const not_chat[] = { "call", "rtc", "mark", "erase", "draw", "stage", "qa",
		"aline", "removed", "question", "pass", NULL };
	for (size_t i = 0; not_chat[i] != NULL; i++)
		if (strcmp(kind, not_chat[i]) == 0)
			return false;
	return true;
}

struct post {
	long long channel_id, participant_id, recipient;
	const char *kind, *body, *client_msg_id;
	const char *lang;   /* the line's language, NULL: not said (lib/chat_lang.c) */
	long long ref_seq;  /* the line a translation is of, 0: none */
	long long seq;  /* out */
	bool stored;    /* out: false when a retried post was found stored */
};

/* The event stored in one request, in a transaction of its own
 * (schema/260-event-post.sql): the channel's seq bump takes its row lock,
 * which orders the posts; under it a retried post (the same client message
 * id) is refused by the unique key channel_event_once and answered with the
 * seq it was stored under, adding nothing. */
static int post_call(struct db *db, struct post *p)
{
	struct db_rows row;
	struct pool *pool = pool_new();
	int rc = db_query_once(db, pool, SQL_EVENT_POST, &row, "innssssn", p->channel_id,
			       p->participant_id, p->recipient, p->kind, p->body, p->client_msg_id,
			       p->lang, p->ref_seq);
	if (rc == DB_OK && row.rows != 1)
		rc = DB_ERROR;
	if (rc == DB_OK) {
		p->seq = db_cell_int(&row, 0, 0);
		p->stored = db_cell_int(&row, 0, 1) == 1;
		if (p->seq == 0)
			rc = CHANNEL_CLOSED;
	}
	pool_free(pool);
	return rc;
}

int channel_post(struct db *db, long long channel_id, long long participant_id,
		 long long recipient, const char *kind, const char *body,
		 const char *client_msg_id, long long *seq)
{
	return channel_post_lang(db, channel_id, participant_id, recipient, kind, body,
				 client_msg_id, NULL, 0, seq);
}

int channel_post_lang(struct db *db, long long channel_id, long long participant_id,
		      long long recipient, const char *kind, const char *body,
		      const char *client_msg_id, const char *lang, long long ref_seq, long long *seq)
{
	struct post p = { .channel_id = channel_id, .participant_id = participant_id,
			  .recipient = recipient, .kind = kind, .body = body,
			  .client_msg_id = client_msg_id, .lang = lang, .ref_seq = ref_seq };
	/* A transaction some error path left open is dropped, as db_begin
	 * would (the call's own START TRANSACTION would commit it). A conflict
	 * is run again by db_query_once; a lost connection answers DB_DOWN, and
	 * the client's retry with its message id is then safe. */
	db_rollback(db);
	int rc = post_call(db, &p);
	if (rc != DB_OK)
		return rc;
	*seq = p.seq;
	if (p.stored)
		notify_post(NOTIFY_CHANNEL, channel_id, (unsigned long long)p.seq);
	return DB_OK;
}

static int add_participant(struct db *db, long long channel_id, const char *kind,
			   long long agent_id, long long visitor_id, const char *name,
			   const char *avatar, long long *id)
{
	char token[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	int rc = db_exec(db, SQL_PARTICIPANT_INSERT, NULL, "isnnsss", channel_id, kind, agent_id,
			 visitor_id, name, token, avatar);
	*id = (long long)db_last_insert_id(db);
	return rc;
}

const char *channel_name_for(struct pool *pool, const char *visitor, const char *page,
			     const char *client)
{
	const char *from = client;
	if (page != NULL && (strncmp(page, "https://", 8) == 0 || strncmp(page, "http://", 7) == 0)) {
		const char *rest = strstr(page, "://") + 3;
		size_t n = strcspn(rest, "?#");
		/* Page addresses are stored %-escaped ASCII: any cut is whole. */
		if (n > 160)
			n = 160;
		from = pool_strndup(pool, rest, n);
	}
	return pool_printf(pool, "%s · %s", visitor, from ? from : "");
}

/* Inside the accepting transaction: the conversation starts with the
 * visitor's question as its first line (dated when it was asked), the two
 * joining, and the view on the page the visitor asked from (led there by
 * the leader), so neither side starts on an empty view. The agent leads,
 * but a visitor who asked in the widget's panel browses the site's own
 * pages while they talk: they lead, and the agent's view follows them. */
static int open_conversation(struct db *db, struct pool *pool, long long channel_id,
			     long long request_id, const char *question, const char *page,
			     long long agent_participant, long long visitor_participant, long long *seq)
{
	struct db_rows asked_in;
	int rc = db_query(db, pool, SQL_REQUEST_ASKED_IN, &asked_in, "i", request_id);
	if (rc != DB_OK)
		return rc;
	bool panel = asked_in.rows > 0 && strcmp(db_cell(&asked_in, 0, 0), "panel") == 0;
	long long leader = panel ? visitor_participant : agent_participant;
	if (question != NULL && question[0] != '\0') {
		rc = next_seq(db, channel_id, seq);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_EVENT_INSERT_QUESTION, NULL, "iiii", channel_id, *seq,
				     visitor_participant, request_id);
	}
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CHANNEL_SET_LEADER, NULL, "ii", leader, channel_id);
	if (rc == DB_OK)
		rc = append_event(db, channel_id, agent_participant, "join", NULL, NULL, seq);
	if (rc == DB_OK)
		rc = append_event(db, channel_id, visitor_participant, "join", NULL, NULL, seq);
	bool web_page = page != NULL
			&& (strncmp(page, "https://", 8) == 0 || strncmp(page, "http://", 7) == 0);
	if (rc == DB_OK && web_page)
		rc = append_event(db, channel_id, leader, "address", page, NULL, seq);
	if (rc == DB_OK && web_page)
		rc = db_exec(db, SQL_CHANNEL_SET_URL, NULL, "si", page, channel_id);
	return rc;
}

struct acceptance {
	struct request *r;
	const struct db_rows *req;   /* the request, by SQL_REQUEST_BY_PUBLIC_ID */
	const char *public_id;       /* out: the channel's */
	long long channel_id, last_seq;
	unsigned long long version;
};

static int accept_once(struct db *db, struct acceptance *t)
{
	struct request *r = t->r;
	const struct session *me = r->session;
	const struct db_rows *req = t->req;
	long long request_id = db_cell_int(req, 0, 0);
	struct db_rows settings, lock;
	struct client_capacity desk;
	struct agent_capacity mine;
	t->version = 0;
	t->public_id = NULL;
	/* The client's row first: accepts and routing of one client take turns. */
	int rc = db_query(db, r->pool, SQL_CLIENT_SETTINGS_LOCK, &settings, "i", me->client_id);
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_REQUEST_LOCK, &lock, "i", request_id);
	if (rc == DB_OK)
		rc = capacity_of_client(db, r->pool, me->client_id, &desk);
	if (rc == DB_OK)
		rc = capacity_of_agent(db, r->pool, me->agent_id, &mine);
	if (rc != DB_OK)
		return rc;
	const char *state = db_cell(&lock, 0, 3);
	bool offered_to_me = strcmp(state, "offered") == 0 && db_cell_int(&lock, 0, 4) == me->agent_id;
	bool waiting = strcmp(state, "waiting") == 0;
	if (!offered_to_me && !waiting)
		return CHANNEL_TAKEN;
	if (mine.open_sessions >= mine.max_sessions)
		return CHANNEL_AGENT_FULL;
	/* A waiting request taken directly needs a free seat; an offer has one. */
	if (waiting && desk.seats_full)
		return CHANNEL_FULL;

	char public_id[33];
	if (crypto_public_id(public_id) != 0)
		return DB_ERROR;
	const char *visitor_name = db_cell(&lock, 0, 5) ? db_cell(&lock, 0, 5) : "Visitor";
	const char *page = db_cell(req, 0, 12);
	/* Named for who the visitor is and where they asked from. */
	const char *name = channel_name_for(r->pool, visitor_name, page, db_cell(req, 0, 13));
	long long agent_participant = 0, visitor_participant = 0, seq = 0;
	/* The client chooses visitors' avatars by the page the link was on. */
	struct db_rows avatar, agent;
	rc = db_query(db, r->pool, SQL_AVATAR_FOR_PAGE, &avatar, "is", me->client_id, page ? page : "");
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_AGENT_AVATAR, &agent, "i", me->agent_id);
	const char *visitor_avatar = rc == DB_OK && avatar.rows ? db_cell(&avatar, 0, 0) : "fox";
	const char *agent_avatar = rc == DB_OK && agent.rows && db_cell(&agent, 0, 0)
					   ? db_cell(&agent, 0, 0) : "owl";
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CHANNEL_INSERT, NULL, "siis", public_id, me->client_id, request_id,
			     name);
	t->channel_id = (long long)db_last_insert_id(db);
	if (rc == DB_OK)
		rc = add_participant(db, t->channel_id, "agent", me->agent_id, 0, me->display_name,
				     agent_avatar, &agent_participant);
	if (rc == DB_OK)
		rc = add_participant(db, t->channel_id, "visitor", 0, db_cell_int(&lock, 0, 2),
				     visitor_name, visitor_avatar, &visitor_participant);
	if (rc == DB_OK)
		rc = open_conversation(db, r->pool, t->channel_id, request_id, db_cell(&lock, 0, 6), page,
				       agent_participant, visitor_participant, &seq);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_ACCEPTED, NULL, "iii", me->agent_id, t->channel_id, request_id);
	/* A call-back or a caller holding: the call joins the channel. */
	if (rc == DB_OK)
		rc = phone_call_accepted(db, request_id, db_cell(&lock, 0, 8), t->channel_id,
					 me->agent_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, me->client_id,
			     "accepted", me->agent_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_AGENT_RESET_MISSES, NULL, "i", me->agent_id);
	/* Now at their maximum, the agent can take no offer still out to them:
	 * it goes back to the queue (not a miss of theirs). */
	if (rc == DB_OK && mine.open_sessions + 1 >= mine.max_sessions)
		rc = db_exec(db, SQL_ROUTE_WITHDRAW_OFFERS, NULL, "ii", me->agent_id, request_id);
	if (rc == DB_OK)
		rc = queue_bump(db, me->client_id, &t->version);
	t->last_seq = seq;
	t->public_id = pool_strdup(r->pool, public_id);
	return rc;
}

static bool accept_went_through(struct request *r, const char *channel_public_id)
{
	struct db_rows found;
	if (channel_public_id == NULL)
		return false;
	int rc = db_query(r->db, r->pool, SQL_CHANNEL_ID_BY_PUBLIC_ID, &found, "s",
			  channel_public_id);
	if (rc == DB_OK && found.rows == 1)
		log_warn("accept: the connection broke during COMMIT, which went through (channel %s)",
			 channel_public_id);
	return rc == DB_OK && found.rows == 1;
}

int channel_accept(struct request *r, const char *request_public_id,
		   const char **channel_public_id)
{
	struct db_rows req;
	int rc = db_query(r->db, r->pool, SQL_REQUEST_BY_PUBLIC_ID, &req, "s", request_public_id);
	if (rc != DB_OK)
		return rc;
	if (req.rows == 0 || db_cell_int(&req, 0, 1) != r->session->client_id)
		return CHANNEL_TAKEN;
	struct acceptance t = { .r = r, .req = &req };
	bool commit_sent;
	int attempt = 0;
	do {
		commit_sent = false;
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = accept_once(r->db, &t);
		if (rc == DB_OK) {
			commit_sent = true;
			rc = db_commit(r->db);
		} else {
			db_rollback(r->db);
		}
	} while (db_retry(r->db, &rc, &attempt));
	/* The connection broke during COMMIT: the channel exists if it went
	 * through, and then the agent has it - answering 503 would leave them
	 * out of a conversation the visitor is already in. */
	if (rc == DB_DOWN && commit_sent && accept_went_through(r, t.public_id))
		rc = DB_OK;
	if (rc != DB_OK)
		return rc;
	/* It is done: whatever follows cannot make it a failure. */
	*channel_public_id = t.public_id;
	queue_notify(r->session->client_id, t.version);
	notify_post(NOTIFY_CHANNEL, t.channel_id, (unsigned long long)t.last_seq);
	router_route_after(r->db, r->pool, r->session->client_id);
	return DB_OK;
}

struct departure {
	struct request *r;
	const struct member *m;
	long long seq;                /* out: the last event's, 0 for none */
	unsigned long long version;   /* out */
};

static int leave_once(struct db *db, struct departure *d)
{
	const struct member *m = d->m;
	struct db_rows present;
	unsigned long long left = 0;
	d->seq = 0;
	d->version = 0;
	int rc = queue_lock(db, m->client_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PARTICIPANT_LEAVE, &left, "i", m->participant_id);
	if (rc == DB_OK && left > 0)
		rc = append_event(db, m->channel_id, m->participant_id, "leave", NULL, NULL, &d->seq);
	if (rc == DB_OK)
		rc = db_query(db, d->r->pool, SQL_PARTICIPANTS_PRESENT, &present, "i", m->channel_id);
	size_t agents = 0;
	for (size_t i = 0; rc == DB_OK && i < present.rows; i++)
		agents += strcmp(db_cell(&present, i, 1), "agent") == 0;
	if (rc == DB_OK && (agents == 0 || present.rows == 0)) {
		/* The last agent (or everyone) left: the session is over. */
		rc = append_event(db, m->channel_id, 0, "close", NULL, NULL, &d->seq);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_CHANNEL_CLOSE, NULL, "i", m->channel_id);
		for (size_t i = 0; rc == DB_OK && i < present.rows; i++)
			rc = db_exec(db, SQL_PARTICIPANT_LEAVE, NULL, "i", db_cell_int(&present, i, 0));
	} else if (rc == DB_OK && m->participant_id == m->leader_participant_id) {
		/* The lead passes to an agent who stays. */
		for (size_t i = 0; i < present.rows; i++)
			if (strcmp(db_cell(&present, i, 1), "agent") == 0) {
				rc = db_exec(db, SQL_CHANNEL_SET_LEADER, NULL, "ii",
					     db_cell_int(&present, i, 0), m->channel_id);
				break;
			}
	}
	if (rc == DB_OK && m->agent_id > 0)
		rc = db_exec(db, SQL_AGENT_SET_IDLE, NULL, "i", m->agent_id);
	if (rc == DB_OK)
		rc = queue_bump(db, m->client_id, &d->version);
	return rc;
}

int channel_leave(struct request *r, const struct member *m)
{
	struct departure d = { .r = r, .m = m };
	int rc, attempt = 0;
	do {
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = leave_once(r->db, &d);
		if (rc == DB_OK)
			rc = db_commit(r->db);
		else
			db_rollback(r->db);
	} while (db_retry(r->db, &rc, &attempt));
	if (rc == CHANNEL_CLOSED)
		return DB_OK; /* closed meanwhile: nothing left to leave */
	if (rc != DB_OK)
		return rc;
	if (d.seq > 0)
		notify_post(NOTIFY_CHANNEL, m->channel_id, (unsigned long long)d.seq);
	/* Whoever leaves hangs up (lib/call.c); a closed channel's call ends. */
	call_participant_gone(r->db, r->pool, m->channel_id, m->participant_id);
	queue_notify(m->client_id, d.version);
	/* A seat came free: someone waiting may be routed now. */
	router_route_after(r->db, r->pool, m->client_id);
	return DB_OK;
}

struct closing {
	struct pool *pool;
	long long channel_id, client_id;
	long long seq;                   /* out: the close event */
	unsigned long long version;      /* out */
};

static int close_once(struct db *db, struct closing *c)
{
	struct db_rows present;
	c->version = 0;
	int rc = queue_lock(db, c->client_id);
	if (rc == DB_OK)
		rc = append_event(db, c->channel_id, 0, "close", NULL, NULL, &c->seq);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CHANNEL_CLOSE, NULL, "i", c->channel_id);
	if (rc == DB_OK)
		rc = db_query(db, c->pool, SQL_PARTICIPANTS_PRESENT, &present, "i", c->channel_id);
	for (size_t i = 0; rc == DB_OK && i < present.rows; i++) {
		rc = db_exec(db, SQL_PARTICIPANT_LEAVE, NULL, "i", db_cell_int(&present, i, 0));
		if (rc == DB_OK && db_cell(&present, i, 3) != NULL)
			rc = db_exec(db, SQL_AGENT_SET_IDLE, NULL, "i", db_cell_int(&present, i, 3));
	}
	if (rc == DB_OK)
		rc = queue_bump(db, c->client_id, &c->version);
	return rc;
}

int channel_close(struct db *db, long long channel_id, long long client_id)
{
	struct closing c = { .pool = pool_new(), .channel_id = channel_id, .client_id = client_id };
	int rc, attempt = 0;
	do {
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = close_once(db, &c);
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	pool_free(c.pool);
	if (rc == CHANNEL_CLOSED)
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	notify_post(NOTIFY_CHANNEL, channel_id, (unsigned long long)c.seq);
	queue_notify(client_id, c.version);
	return DB_OK;
}

struct handover {
	struct request *r;
	const struct member *m;
	long long target;
	long long seq;                /* out */
	unsigned long long version;   /* out */
};

static int transfer_once(struct db *db, struct handover *h)
{
	struct request *r = h->r;
	const struct member *m = h->m;
	struct db_rows settings, agent;
	struct agent_capacity target;
	h->version = 0;
	/* Under the client's row lock, as routing: the target cannot be
	 * offered a visitor while they are handed this session. */
	int rc = db_query(db, r->pool, SQL_CLIENT_SETTINGS_LOCK, &settings, "i", m->client_id);
	if (rc == DB_OK)
		rc = capacity_of_agent(db, r->pool, h->target, &target);
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_AGENT_BY_ID, &agent, "i", h->target);
	if (rc != DB_OK)
		return rc;
	if (agent.rows == 0 || target.client_id != m->client_id || h->target == m->agent_id
	    || !target.free_to_take_visitor)
		return CHANNEL_TAKEN;
	long long participant = 0;
	const char *body = pool_printf(r->pool, "%s handed the session to %s", m->display_name,
				       db_cell(&agent, 0, 2));
	/* The first agent leaves first, under their participant row's lock: of
	 * two transfers at once (a double click) only one finds them present. */
	unsigned long long left = 0;
	rc = db_exec(db, SQL_PARTICIPANT_LEAVE, &left, "i", m->participant_id);
	if (rc == DB_OK && left == 0)
		rc = CHANNEL_CLOSED;
	if (rc == DB_OK)
		rc = add_participant(db, m->channel_id, "agent", h->target, 0, db_cell(&agent, 0, 2),
			     db_cell(&agent, 0, 5) ? db_cell(&agent, 0, 5) : "owl", &participant);
	if (rc == DB_OK)
		rc = append_event(db, m->channel_id, participant, "join", NULL, NULL, &h->seq);
	if (rc == DB_OK)
		rc = append_event(db, m->channel_id, m->participant_id, "transfer", body, NULL, &h->seq);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CHANNEL_SET_LEADER, NULL, "ii", participant, m->channel_id);
	if (rc == DB_OK)
		rc = append_event(db, m->channel_id, m->participant_id, "leave", NULL, NULL, &h->seq);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_AGENT_SET_IDLE, NULL, "i", m->agent_id);
	if (rc == DB_OK)
		rc = queue_bump(db, m->client_id, &h->version);
	return rc;
}

int channel_transfer(struct request *r, const struct member *m, long long target_agent_id)
{
	struct handover h = { .r = r, .m = m, .target = target_agent_id };
	int rc, attempt = 0;
	do {
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = transfer_once(r->db, &h);
		if (rc == DB_OK)
			rc = db_commit(r->db);
		else
			db_rollback(r->db);
	} while (db_retry(r->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	notify_post(NOTIFY_CHANNEL, m->channel_id, (unsigned long long)h.seq);
	queue_notify(m->client_id, h.version);
	call_participant_gone(r->db, r->pool, m->channel_id, m->participant_id);
	return DB_OK;
}

struct signal_write {
	const struct member *m;
	const struct signal *sig;
};

/* Stores one last-value signal of the member, stamped with the channel's
 * next signal version. */
static int set_signal(struct db *db, const struct signal_write *w)
{
	const struct member *m = w->m;
	const struct signal *sig = w->sig;
	unsigned long long changed = 0;
	int rc = db_exec(db, SQL_CHANNEL_SIGNAL_BUMP, &changed, "i", m->channel_id);
	if (rc == DB_OK && changed == 0)
		return CHANNEL_CLOSED;
	long long version = (long long)db_last_insert_id(db);
	if (rc != DB_OK)
		return rc;
	switch (sig->kind) {
	case SIGNAL_TYPING:
		rc = db_exec(db, SQL_PARTICIPANT_TYPING, NULL, "sii",
			     sig->text && *sig->text ? sig->text : NULL, version, m->participant_id);
		break;
	case SIGNAL_SEEN:
		rc = db_exec(db, SQL_PARTICIPANT_SEEN, NULL, "siiii", sig->text, sig->x, sig->y,
			     version, m->participant_id);
		break;
	case SIGNAL_POINTER:
		rc = db_exec(db, SQL_PARTICIPANT_POINTER, NULL, "sssii", sig->mode, sig->px, sig->py,
			     version, m->participant_id);
		break;
	case SIGNAL_AVATAR:
		rc = db_exec(db, SQL_PARTICIPANT_AVATAR, NULL, "sii", sig->text, version,
			     m->participant_id);
		break;
	case SIGNAL_PROPOSE:
		rc = db_exec(db, SQL_PARTICIPANT_PROPOSE, NULL, "sii", sig->text, version,
			     m->participant_id);
		break;
	default:
		return DB_ERROR;
	}
	/* The replay's record of pointers and scrolling (issue 14). */
	if (rc == DB_OK && sig->sample != NULL) {
		char sx[24], sy[24];
		const char *x = sig->px, *y = sig->py;
		if (sig->kind == SIGNAL_SEEN) {
			snprintf(sx, sizeof sx, "%lld", sig->x);
			snprintf(sy, sizeof sy, "%lld", sig->y);
			x = sx;
			y = sy;
		}
		rc = sample_note(db, m->channel_id, m->participant_id, sig->sample, x, y);
	}
	return rc;
}

/* Wakes the channel's pollers once it is stored. */
int channel_signal(struct db *db, const struct member *m, const struct signal *sig)
{
	struct signal_write w = { m, sig };
	int rc, attempt = 0;
	do {
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = set_signal(db, &w);
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	if (rc == DB_OK)
		notify_post(NOTIFY_CHANNEL, m->channel_id, 0);
	return rc;
}

int channel_typing(struct db *db, const struct member *m, const char *text)
{
	struct signal sig = { .kind = SIGNAL_TYPING, .text = text };
	return channel_signal(db, m, &sig);
}

bool channel_event_visible(const char *kind, long long from, long long to, long long viewer,
			   bool viewer_is_staff)
{
	/* An event's questions go to its producer, a pass to one speaker; a
	 * private line's translation is as private as the line. */
	if (strcmp(kind, "private") == 0 || strcmp(kind, "question") == 0 || strcmp(kind, "pass") == 0
	    || (strcmp(kind, "translation") == 0 && to != 0))
		return viewer == from || viewer == to;
	if (strcmp(kind, "removed") == 0)
		return viewer_is_staff;
	/* A call's signalling is for the one it is addressed to. */
	if (strcmp(kind, "rtc") == 0)
		return viewer == to;
	/* An offer to switch the visitor's language is for staff (lib/lang_switch.c). */
	if (strcmp(kind, "monitor") == 0 || strcmp(kind, "lang_offer") == 0)
		return viewer_is_staff;
	return true;
}

bool channel_event_keeps_places(const char *kind)
{
	/* Lines, pages, the baton, the whiteboard, media signalling and
	 * languages: none of them is written with a participant's row. */
	static const char *const calm[] = { "line", "private", "address", "window", "lead", "mark",
					    "erase", "draw", "rtc", "translation", "lang_offer", "lang" };
	for (size_t i = 0; kind != NULL && i < sizeof calm / sizeof calm[0]; i++)
		if (strcmp(kind, calm[i]) == 0)
			return true;
	return false;
}

/* channel_event_visible for a row of SQL_EVENTS_AFTER; besides, whatever a
 * supervisor watching silently does (joining, prompting, leaving) is for
 * staff only. */
static bool row_visible(const struct db_rows *ev, size_t i, long long viewer, bool viewer_is_staff)
{
	const char *role = db_cell(ev, i, 4);
	if (!viewer_is_staff && role != NULL && strcmp(role, "supervisor") == 0)
		return false;
	return channel_event_visible(db_cell(ev, i, 1), db_cell_int(ev, i, 2), db_cell_int(ev, i, 8),
				     viewer, viewer_is_staff);
}

void channel_rows_json(const struct db_rows *ev, long long viewer, bool viewer_is_staff,
		       long long after, struct buf *out, long long *last_seq)
{
	*last_seq = after;
	bool first = true;
	buf_putc(out, '[');
	for (size_t i = 0; i < ev->rows; i++) {
		*last_seq = db_cell_int(ev, i, 0);
		if (!row_visible(ev, i, viewer, viewer_is_staff))
			continue;
		if (!first)
			buf_putc(out, ',');
		first = false;
		buf_printf(out, "{\"seq\":%s,\"kind\":", db_cell(ev, i, 0));
		buf_json_string(out, db_cell(ev, i, 1));
		buf_printf(out, ",\"from\":%s,\"to\":%s,\"name\":",
			   db_cell(ev, i, 2) ? db_cell(ev, i, 2) : "null",
			   db_cell(ev, i, 8) ? db_cell(ev, i, 8) : "null");
		buf_json_string(out, db_cell(ev, i, 3) ? db_cell(ev, i, 3) : "");
		buf_puts(out, ",\"role\":");
		buf_json_string(out, db_cell(ev, i, 4) ? db_cell(ev, i, 4) : "");
		buf_puts(out, ",\"avatar\":");
		buf_json_string(out, db_cell(ev, i, 9) ? db_cell(ev, i, 9) : "");
		buf_puts(out, ",\"body\":");
		buf_json_string(out, db_cell(ev, i, 5) ? db_cell(ev, i, 5) : "");
		buf_puts(out, ",\"cmid\":");
		buf_json_string(out, db_cell(ev, i, 6) ? db_cell(ev, i, 6) : "");
		buf_puts(out, ",\"at\":");
		buf_json_string(out, db_cell(ev, i, 7));
		/* Translation (lib/chat_lang.c): a line's language; a translation's
		 * language and the line it translates. */
		if (db_cell(ev, i, 10) != NULL) {
			buf_puts(out, ",\"lang\":");
			buf_json_string(out, db_cell(ev, i, 10));
		}
		if (db_cell(ev, i, 11) != NULL)
			buf_printf(out, ",\"ref\":%s", db_cell(ev, i, 11));
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

int channel_to_view(struct db *db, struct pool *pool, long long channel_id,
		    long long viewer_participant_id, bool viewer_is_staff, struct view *v)
{
	struct db_rows ev, people;
	int rc = db_query(db, pool, SQL_PARTICIPANTS_PRESENT, &people, "i", channel_id);
	if (rc != DB_OK)
		return rc;
	long long last = 0;
	size_t shown = 0;
	/* SQL_EVENTS_AFTER gives a page of events at a time: read pages until
	 * one comes back empty, or long conversations would be cut short. */
	for (;;) {
		rc = db_query(db, pool, SQL_EVENTS_AFTER, &ev, "ii", channel_id, last);
		if (rc != DB_OK)
			return rc;
		if (ev.rows == 0)
			break;
		for (size_t i = 0; i < ev.rows; i++) {
			char key[64];
			last = db_cell_int(&ev, i, 0);
			if (!row_visible(&ev, i, viewer_participant_id, viewer_is_staff)
			    || !channel_event_in_chat(db_cell(&ev, i, 1)))
				continue;
			static const char *const fields[] = { "seq", "kind", "from", "name", "role",
							      "body", NULL, "at", "to", NULL,
							      "lang", "ref" };
			for (size_t c = 0; c < 12; c++) {
				if (fields[c] == NULL)
					continue;
				snprintf(key, sizeof key, "events.%zu.%s", shown, fields[c]);
				view_set(v, key, db_cell(&ev, i, c));
			}
			snprintf(key, sizeof key, "events.%zu.mine", shown);
			view_set_int(v, key, db_cell_int(&ev, i, 2) == viewer_participant_id);
			/* A lead passed to oneself is a lead taken. */
			snprintf(key, sizeof key, "events.%zu.to_self", shown);
			view_set_int(v, key, db_cell(&ev, i, 8) != NULL
					     && db_cell_int(&ev, i, 8) == db_cell_int(&ev, i, 2));
			shown++;
		}
	}
	view_set_int(v, "channel.last_seq", last);
	size_t listed = 0;
	for (size_t i = 0; i < people.rows; i++) {
		char key[64];
		/* Visitors never see a supervisor who watches silently. */
		if (!viewer_is_staff && strcmp(db_cell(&people, i, 1), "supervisor") == 0)
			continue;
		size_t at = listed++;
		snprintf(key, sizeof key, "people.%zu.id", at);
		view_set(v, key, db_cell(&people, i, 0));
		snprintf(key, sizeof key, "people.%zu.role", at);
		view_set(v, key, db_cell(&people, i, 1));
		snprintf(key, sizeof key, "people.%zu.name", at);
		view_set(v, key, db_cell(&people, i, 2));
	}
	return DB_OK;
}

struct watching {
	struct request *r;
	const struct member *m;
	long long seq;   /* out */
};

static int monitor_once(struct db *db, struct watching *w)
{
	long long participant = 0;
	int rc = add_participant(db, w->m->channel_id, "supervisor", w->r->session->agent_id, 0,
				 w->r->session->display_name, "owl", &participant);
	if (rc == DB_OK)
		rc = append_event(db, w->m->channel_id, participant, "monitor", NULL, NULL, &w->seq);
	return rc;
}

int channel_monitor(struct request *r, const struct member *m)
{
	struct db_rows already, room;
	int rc = db_query(r->db, r->pool, SQL_PARTICIPANT_FOR_STAFF, &already, "ii", m->channel_id,
			  r->session->agent_id);
	if (rc != DB_OK || already.rows > 0)
		return rc;
	/* The client caps how many people a channel holds, watchers included. */
	if ((rc = db_query(r->db, r->pool, SQL_CHANNEL_ROOM, &room, "i", m->channel_id)) != DB_OK)
		return rc;
	if (room.rows > 0 && db_cell_int(&room, 0, 0) >= db_cell_int(&room, 0, 1))
		return CHANNEL_FULL;
	struct watching w = { .r = r, .m = m };
	int attempt = 0;
	do {
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = monitor_once(r->db, &w);
		if (rc == DB_OK)
			rc = db_commit(r->db);
		else
			db_rollback(r->db);
	} while (db_retry(r->db, &rc, &attempt));
	if (rc == DB_OK)
		notify_post(NOTIFY_CHANNEL, m->channel_id, (unsigned long long)w.seq);
	return rc;
}

int channel_require_cobrowse(struct request *r, const struct member *m)
{
	bool cobrowses;
	int rc = profile_channel_cobrowses(r->db, r->pool, m->channel_id, &cobrowses);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return cobrowses ? 0 : resp_error(r, 403, "%s", PROFILE_CHAT_ONLY);
}
