/* call.c - calls between a channel's participants: the rules of call.h,
 * each step one transaction under the channel's row lock. */
#include "call.h"

#include <string.h>

#include "channel.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "pool.h"

/* Columns of SQL_CALL_MEMBERS. */
enum { M_ID, M_STATE, M_MEDIA, M_MUTED, M_CAMERA_OFF, M_NAME, M_KIND, M_AVATAR };

/* The channel's call being changed, read under the lock. */
struct call_now {
	bool active;
	long long id;
	const char *media;
	const char *state;
	struct db_rows members;
	bool may_listen;       /* the client lets supervisors listen */
	long long seq;         /* the last event appended */
};

static bool is_supervisor(const char *kind)
{
	return kind != NULL && strcmp(kind, "supervisor") == 0;
}

static const char *member_state(const struct call_now *c, long long participant)
{
	for (size_t i = 0; i < c->members.rows; i++)
		if (db_cell_int(&c->members, i, M_ID) == participant)
			return db_cell(&c->members, i, M_STATE);
	return NULL;
}

/* People in the call (listeners do not count), and those still asked,
 * leaving out `except`. */
static void count_members(const struct call_now *c, long long except, int *joined, int *invited)
{
	*joined = *invited = 0;
	for (size_t i = 0; i < c->members.rows; i++) {
		if (db_cell_int(&c->members, i, M_ID) == except || is_supervisor(db_cell(&c->members, i, M_KIND)))
			continue;
		*joined += strcmp(db_cell(&c->members, i, M_STATE), "joined") == 0;
		*invited += strcmp(db_cell(&c->members, i, M_STATE), "invited") == 0;
	}
}

static int refuse(struct call_result *res, int status, const char *message)
{
	res->status = status;
	res->message = message;
	return DB_OK;
}

/* Under the lock: the channel's call that is not over, and its members. */
static int load_call(struct db *db, struct pool *pool, long long channel_id, struct call_now *c)
{
	struct db_rows lock, active;
	memset(c, 0, sizeof *c);
	int rc = db_query(db, pool, SQL_CALL_LOCK_CHANNEL, &lock, "i", channel_id);
	if (rc != DB_OK)
		return rc;
	if (lock.rows == 0)
		return CHANNEL_CLOSED;
	c->may_listen = db_cell_int(&lock, 0, 1) != 0;
	rc = db_query(db, pool, SQL_CALL_ACTIVE, &active, "i", channel_id);
	if (rc != DB_OK || active.rows == 0)
		return rc;
	c->active = true;
	c->id = db_cell_int(&active, 0, 0);
	c->media = db_cell(&active, 0, 1);
	c->state = db_cell(&active, 0, 2);
	return db_query(db, pool, SQL_CALL_MEMBERS, &c->members, "i", c->id);
}

static int event(struct db *db, struct call_now *c, long long channel_id, long long participant,
		 const char *verb)
{
	return channel_append(db, channel_id, participant, 0, "call", verb, &c->seq);
}

/* Ends the call: everyone in it leaves, the signalling is forgotten. */
static int end_call(struct db *db, struct call_now *c, long long channel_id)
{
	int rc = db_exec(db, SQL_CALL_END, NULL, "i", c->id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CALL_MEMBERS_LEAVE_ALL, NULL, "i", c->id);
	if (rc == DB_OK)
		rc = event(db, c, channel_id, 0, "end");
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CALL_FORGET_SIGNALS, NULL, "ii", channel_id, c->seq);
	return rc;
}

static int start_call(struct db *db, struct pool *pool, const struct member *m, struct call_now *c,
		      const char *media, struct call_result *res)
{
	if (c->active)
		return refuse(res, 409, "A call is already under way: join it.");
	struct db_rows present;
	int rc = db_query(db, pool, SQL_PARTICIPANTS_PRESENT, &present, "i", m->channel_id);
	if (rc != DB_OK)
		return rc;
	size_t others = 0;
	for (size_t i = 0; i < present.rows; i++)
		others += db_cell_int(&present, i, 0) != m->participant_id
			  && !is_supervisor(db_cell(&present, i, 1));
	if (others == 0)
		return refuse(res, 409, "Nobody else is here to call.");
	rc = db_exec(db, SQL_CALL_INSERT, NULL, "iiis", m->channel_id, m->client_id, m->participant_id,
		     media);
	c->id = (long long)db_last_insert_id(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CALL_MEMBER_JOIN, NULL, "iis", c->id, m->participant_id, media);
	for (size_t i = 0; rc == DB_OK && i < present.rows; i++) {
		long long p = db_cell_int(&present, i, 0);
		if (p != m->participant_id && !is_supervisor(db_cell(&present, i, 1)))
			rc = db_exec(db, SQL_CALL_MEMBER_INVITE, NULL, "ii", c->id, p);
	}
	if (rc == DB_OK)
		rc = event(db, c, m->channel_id, m->participant_id,
			   strcmp(media, "video") == 0 ? "start video" : "start audio");
	res->call_id = c->id;
	return rc;
}

static int join_call(struct db *db, const struct member *m, struct call_now *c, const char *media,
		     struct call_result *res)
{
	const char *state = member_state(c, m->participant_id);
	if (state != NULL && strcmp(state, "joined") == 0)
		return DB_OK; /* a second click, or a reloaded page */
	bool listener = is_supervisor(m->kind);
	int joined, asked;
	count_members(c, m->participant_id, &joined, &asked);
	if (!listener && joined >= CALL_MESH_MAX)
		return refuse(res, 409, "This call is full: it holds four people at most.");
	/* What the call carries bounds what each sends; a listener sends nothing. */
	const char *sends = listener || strcmp(c->media, "audio") == 0 ? "audio" : media;
	int rc = db_exec(db, SQL_CALL_MEMBER_JOIN, NULL, "iis", c->id, m->participant_id, sends);
	if (rc == DB_OK && !listener && strcmp(c->state, "ringing") == 0)
		rc = db_exec(db, SQL_CALL_CONNECT, NULL, "i", c->id);
	if (rc == DB_OK)
		rc = event(db, c, m->channel_id, m->participant_id,
			   listener ? "listen" : strcmp(sends, "video") == 0 ? "join video" : "join audio");
	return rc;
}

/* Declining, or hanging up: the call ends when fewer than two are left in
 * it (and nobody is still being asked, for a call not yet answered). */
static int leave_call(struct db *db, long long channel_id, long long participant, struct call_now *c,
		      bool decline, struct call_result *res)
{
	const char *state = member_state(c, participant);
	if (state == NULL || strcmp(state, "declined") == 0 || strcmp(state, "left") == 0)
		return DB_OK; /* not in it: nothing to do */
	bool invited = strcmp(state, "invited") == 0;
	const char *now = decline || invited ? "declined" : "left";
	int rc = db_exec(db, SQL_CALL_MEMBER_SET_STATE, NULL, "ssii", now, now, c->id, participant);
	if (rc == DB_OK)
		rc = event(db, c, channel_id, participant, invited ? "decline" : "leave");
	int joined, asked;
	count_members(c, participant, &joined, &asked);
	bool ringing = strcmp(c->state, "ringing") == 0;
	bool over = ringing ? joined == 0 || asked == 0 : joined < 2;
	if (rc == DB_OK && over) {
		rc = end_call(db, c, channel_id);
		res->ended = true;
	}
	return rc;
}

static int set_flags(struct db *db, const struct member *m, struct call_now *c,
		     enum call_action action, struct call_result *res)
{
	const char *state = member_state(c, m->participant_id);
	if (state == NULL || strcmp(state, "joined") != 0)
		return refuse(res, 409, "You are not in the call.");
	size_t i = 0;
	while (db_cell_int(&c->members, i, M_ID) != m->participant_id)
		i++;
	long long muted = db_cell_int(&c->members, i, M_MUTED);
	long long camera_off = db_cell_int(&c->members, i, M_CAMERA_OFF);
	const char *verb = NULL;
	switch (action) {
	case CALL_MUTE: muted = 1; verb = "mute"; break;
	case CALL_UNMUTE: muted = 0; verb = "unmute"; break;
	case CALL_CAMERA_OFF: camera_off = 1; verb = "camera off"; break;
	case CALL_CAMERA_ON: camera_off = 0; verb = "camera on"; break;
	default: return DB_ERROR;
	}
	int rc = db_exec(db, SQL_CALL_MEMBER_FLAGS, NULL, "iiii", muted, camera_off, c->id,
			 m->participant_id);
	if (rc == DB_OK)
		rc = event(db, c, m->channel_id, m->participant_id, verb);
	return rc;
}

struct call_work {
	struct pool *pool;
	const struct member *m;
	enum call_action action;
	const char *media;
	long long call_id;
	long long channel_id, participant;   /* gone_once */
	struct call_result *res;
	long long seq;                       /* out: the event to announce, 0 for none */
};

static int act_once(struct db *db, struct call_work *w)
{
	const struct member *m = w->m;
	struct call_result *res = w->res;
	enum call_action action = w->action;
	struct call_now c;
	memset(res, 0, sizeof *res);
	w->seq = 0;
	int rc = load_call(db, w->pool, m->channel_id, &c);
	if (rc == DB_OK) {
		bool listener = is_supervisor(m->kind);
		bool known = c.active && (w->call_id == 0 || w->call_id == c.id);
		res->call_id = c.active ? c.id : 0;
		if (listener && (!c.may_listen || action == CALL_START || action == CALL_DECLINE))
			rc = refuse(res, 403, c.may_listen ? "A supervisor listens to calls; they do not make them."
				    : "You are watching silently: this client does not let supervisors "
				      "listen to calls.");
		else if (action == CALL_START)
			rc = start_call(db, w->pool, m, &c, w->media, res);
		else if (!known && (action == CALL_LEAVE || action == CALL_DECLINE))
			res->ended = true; /* over already: nothing to hang up */
		else if (!known)
			rc = refuse(res, 409, "That call is over.");
		else if (action == CALL_JOIN)
			rc = join_call(db, m, &c, w->media, res);
		else if (action == CALL_LEAVE || action == CALL_DECLINE)
			rc = leave_call(db, m->channel_id, m->participant_id, &c, action == CALL_DECLINE, res);
		else
			rc = set_flags(db, m, &c, action, res);
	}
	if (rc != DB_OK)
		return rc;
	if (res->status != 0)
		return DB_OK; /* refused: rolled back, nothing to keep */
	w->seq = c.seq;
	return DB_OK;
}

int call_act(struct db *db, struct pool *pool, const struct member *m, enum call_action action,
	     const char *media, long long call_id, struct call_result *res)
{
	struct call_work w = { .pool = pool, .m = m, .action = action, .media = media,
			       .call_id = call_id, .res = res };
	int rc, attempt = 0;
	do {
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = act_once(db, &w);
		if (rc == DB_OK && w.res->status == 0)
			rc = db_commit(db);
		else
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	if (rc == DB_OK && w.seq > 0)
		notify_post(NOTIFY_CHANNEL, m->channel_id, (unsigned long long)w.seq);
	return rc;
}

static int gone_once(struct db *db, struct call_work *w)
{
	long long channel_id = w->channel_id;
	struct call_now c;
	struct call_result res;
	memset(&res, 0, sizeof res);
	w->seq = 0;
	int rc = load_call(db, w->pool, channel_id, &c);
	if (rc == CHANNEL_CLOSED) {
		/* The channel closed: its call is over, with no event to say so
		 * (a closed channel takes none; its close says it all). */
		struct db_rows active;
		rc = db_query(db, w->pool, SQL_CALL_ACTIVE, &active, "i", channel_id);
		if (rc == DB_OK && active.rows > 0)
			rc = db_exec(db, SQL_CALL_END, NULL, "i", db_cell_int(&active, 0, 0));
		if (rc == DB_OK && active.rows > 0)
			rc = db_exec(db, SQL_CALL_MEMBERS_LEAVE_ALL, NULL, "i", db_cell_int(&active, 0, 0));
		if (rc == DB_OK && active.rows > 0)
			rc = db_exec(db, SQL_CALL_FORGET_SIGNALS, NULL, "ii", channel_id, (long long)1 << 62);
		c.seq = 0;
	} else if (rc == DB_OK && c.active) {
		rc = leave_call(db, channel_id, w->participant, &c, false, &res);
	}
	if (rc == DB_OK)
		w->seq = c.seq;
	return rc;
}

int call_participant_gone(struct db *db, struct pool *pool, long long channel_id,
			  long long participant_id)
{
	struct call_work w = { .pool = pool, .channel_id = channel_id, .participant = participant_id };
	int rc, attempt = 0;
	do {
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = gone_once(db, &w);
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	long long seq = w.seq;
	if (rc == DB_OK && seq > 0)
		notify_post(NOTIFY_CHANNEL, channel_id, (unsigned long long)seq);
	/* The leave itself has happened; a call left behind ends at the
	 * channel's close at the latest (billing counts no further). */
	if (rc != DB_OK)
		log_warn("channel %lld: participant %lld left, but their call could not be left (%d)",
			 channel_id, participant_id, rc);
	return rc;
}

int call_state_json(struct db *db, struct pool *pool, const struct member *m, struct buf *out)
{
	struct db_rows active, members, listen;
	int rc = db_query(db, pool, SQL_CALL_ACTIVE, &active, "i", m->channel_id);
	if (rc == DB_OK && active.rows > 0)
		rc = db_query(db, pool, SQL_CALL_MEMBERS, &members, "i", db_cell_int(&active, 0, 0));
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CALL_LISTEN_ALLOWED, &listen, "i", m->client_id);
	if (rc != DB_OK)
		return rc;
	bool staff = strcmp(m->kind, "visitor") != 0;
	buf_puts(out, "{\"call\":");
	if (active.rows == 0 || !m->channel_open) {
		buf_puts(out, "null");
	} else {
		buf_printf(out, "{\"id\":%s,\"media\":", db_cell(&active, 0, 0));
		buf_json_string(out, db_cell(&active, 0, 1));
		buf_puts(out, ",\"state\":");
		buf_json_string(out, db_cell(&active, 0, 2));
		buf_printf(out, ",\"started_by\":%s,\"members\":[", db_cell(&active, 0, 3));
		bool first = true;
		for (size_t i = 0; i < members.rows; i++) {
			/* Visitors never learn of a supervisor listening. */
			if (!staff && is_supervisor(db_cell(&members, i, M_KIND)))
				continue;
			buf_printf(out, "%s{\"id\":%s,\"name\":", first ? "" : ",", db_cell(&members, i, M_ID));
			first = false;
			buf_json_string(out, db_cell(&members, i, M_NAME));
			buf_puts(out, ",\"role\":");
			buf_json_string(out, db_cell(&members, i, M_KIND));
			buf_puts(out, ",\"avatar\":");
			buf_json_string(out, db_cell(&members, i, M_AVATAR) ? db_cell(&members, i, M_AVATAR) : "owl");
			buf_puts(out, ",\"state\":");
			buf_json_string(out, db_cell(&members, i, M_STATE));
			buf_puts(out, ",\"media\":");
			if (db_cell(&members, i, M_MEDIA) != NULL)
				buf_json_string(out, db_cell(&members, i, M_MEDIA));
			else
				buf_puts(out, "null");
			buf_printf(out, ",\"muted\":%s,\"camera_off\":%s}",
				   db_cell_int(&members, i, M_MUTED) ? "true" : "false",
				   db_cell_int(&members, i, M_CAMERA_OFF) ? "true" : "false");
		}
		buf_puts(out, "]}");
	}
	bool may_listen = is_supervisor(m->kind) && listen.rows > 0 && db_cell_int(&listen, 0, 0) != 0;
	buf_printf(out, ",\"may_listen\":%s}", may_listen ? "true" : "false");
	return DB_OK;
}

int call_joined(struct db *db, struct pool *pool, const struct member *m, long long call_id,
		bool *joined)
{
	struct db_rows mine;
	int rc = db_query(db, pool, SQL_CALL_MEMBER_OF, &mine, "iii", call_id, m->channel_id,
			  m->participant_id);
	*joined = rc == DB_OK && mine.rows > 0 && strcmp(db_cell(&mine, 0, 0), "joined") == 0;
	return rc;
}

int call_may_signal(struct db *db, struct pool *pool, const struct member *m, long long call_id,
		    long long to, int *status, const char **message)
{
	struct db_rows theirs;
	bool joined = false;
	*status = 0;
	int rc = call_joined(db, pool, m, call_id, &joined);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CALL_MEMBER_OF, &theirs, "iii", call_id, m->channel_id, to);
	if (rc != DB_OK)
		return rc;
	if (!joined) {
		*status = 409;
		*message = "You are not in that call.";
		return DB_OK;
	}
	/* A listener talks with the agents only, and nobody else with them. */
	bool ok = theirs.rows > 0 && strcmp(db_cell(&theirs, 0, 0), "joined") == 0 && to != m->participant_id;
	if (ok && (is_supervisor(m->kind) || is_supervisor(db_cell(&theirs, 0, 1))))
		ok = strcmp(is_supervisor(m->kind) ? db_cell(&theirs, 0, 1) : m->kind, "agent") == 0;
	if (!ok) {
		*status = 400;
		*message = "Signalling goes to someone else in the same call.";
	}
	return DB_OK;
}
