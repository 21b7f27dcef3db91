/* room.c - collaboration rooms: opening them, invitations, joining (room.h). */
#include "room.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "channel.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "event_view.h"
#include "invite_mail.h"
#include "notify.h"
#include "pool.h"
#include "render.h"
#include "seats.h"
#include "session.h"
#include "signin_guard.h"
#include "visitor.h"


int room_refusal_status(enum room_refusal why)
{
	switch (why) {
	case ROOM_ALLOWED: return 200;
	case ROOM_UNKNOWN: return 404;
	case ROOM_REVOKED:
	case ROOM_EXPIRED:
	case ROOM_USED_UP:
	case ROOM_ENDED: return 410;
	case ROOM_FULL:
	case ROOM_NO_SEAT: return 409;
	case ROOM_BAD_LOGIN:
	case ROOM_NOT_ALLOWED: return 403;
	case ROOM_THROTTLED: return 429;
	}
	return 400;
}

const char *room_refusal_message(enum room_refusal why)
{
	switch (why) {
	case ROOM_ALLOWED: return "";
	case ROOM_UNKNOWN: return "This invitation link is not known. Check that it was copied whole.";
	case ROOM_REVOKED: return "This invitation has been withdrawn. Ask whoever invited you for a new one.";
	case ROOM_EXPIRED: return "This invitation has expired. Ask whoever invited you for a new one.";
	case ROOM_USED_UP:
		return "This invitation has been used as many times as it allows. Ask whoever invited "
		       "you for a new one.";
	case ROOM_ENDED: return "This session has ended.";
	case ROOM_FULL: return "This session already holds as many people as it may.";
	case ROOM_NO_SEAT: return "Every seat of this service is taken right now. Try again later.";
	case ROOM_BAD_LOGIN: return "That id and password do not match.";
	case ROOM_NOT_ALLOWED: return "You may not invite people into this session.";
	case ROOM_THROTTLED: return "Too many wrong passwords: wait a little and try again.";
	}
	return "Refused.";
}

int room_add_participant(struct db *db, const struct room_newcomer *n, long long *id)
{
	char token[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	int rc = db_exec(db, SQL_ROOM_PARTICIPANT_INSERT, NULL, "isnnsssnns", n->channel_id, n->kind,
			 n->agent_id, n->visitor_id, n->name, token, n->avatar, n->collaborator_id,
			 n->invitation_id, n->stage_role);
	*id = (long long)db_last_insert_id(db);
	return rc;
}

/* The first avatar nobody present wears, so that pointers differ. */
static const char *free_avatar(struct db *db, struct pool *pool, long long channel_id,
			       const char *wanted)
{
	struct db_rows taken;
	if (db_query(db, pool, SQL_ROOM_AVATARS_TAKEN, &taken, "i", channel_id) != DB_OK)
		return wanted ? wanted : "fox";
	const char *first = NULL;
	for (size_t i = 0; channel_avatars[i] != NULL; i++) {
		bool used = false;
		for (size_t t = 0; t < taken.rows && !used; t++)
			used = db_cell(&taken, t, 0) && strcmp(db_cell(&taken, t, 0), channel_avatars[i]) == 0;
		if (used)
			continue;
		if (wanted && strcmp(wanted, channel_avatars[i]) == 0)
			return channel_avatars[i];
		if (first == NULL)
			first = channel_avatars[i];
	}
	return first ? first : wanted ? wanted : "fox";
}

/* ---- opening a room ------------------------------------------------------- */

static int open_once(struct request *r, const char *name, const char *public_id,
		     long long *channel_id, long long *seq)
{
	const struct session *me = r->session;
	struct db_rows agent;
	int rc = db_query(r->db, r->pool, SQL_AGENT_AVATAR, &agent, "i", me->agent_id);
	const char *avatar = rc == DB_OK && agent.rows && db_cell(&agent, 0, 0) ? db_cell(&agent, 0, 0) : "owl";
	if (rc == DB_OK)
		rc = db_begin(r->db);
	if (rc != DB_OK)
		return rc;
	rc = db_exec(r->db, SQL_ROOM_INSERT, NULL, "siss", public_id, me->client_id, "room", name);
	*channel_id = (long long)db_last_insert_id(r->db);
	long long owner = 0;
	struct room_newcomer n = { .channel_id = *channel_id, .kind = "agent", .agent_id = me->agent_id,
			      .name = me->display_name, .avatar = avatar };
	if (rc == DB_OK)
		rc = room_add_participant(r->db, &n, &owner);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_ROOM_SET_OWNER, NULL, "iii", owner, owner, *channel_id);
	if (rc == DB_OK)
		rc = channel_append(r->db, *channel_id, owner, 0, "join", NULL, seq);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	else
		db_rollback(r->db);
	return rc;
}

int room_open(struct request *r, const char *name, const char **public_id)
{
	char id[33];
	if (crypto_public_id(id) != 0)
		return DB_ERROR;
	if (name == NULL || *name == '\0') {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", &tm);
		name = pool_printf(r->pool, "%s's room, %s", r->session->display_name, stamp);
	}
	long long channel_id = 0, seq = 0;
	int rc, attempt = 0;
	do
		rc = open_once(r, name, id, &channel_id, &seq);
	while (db_retry(r->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	notify_post(NOTIFY_CHANNEL, channel_id, (unsigned long long)seq);
	*public_id = pool_strdup(r->pool, id);
	return DB_OK;
}

/* ---- the right to invite ------------------------------------------------- */

int room_may_invite(struct db *db, struct pool *pool, const struct member *m, bool *may)
{
	*may = false;
	if (strcmp(m->kind, "agent") == 0) {
		*may = true;
		return DB_OK;
	}
	if (strcmp(m->kind, "visitor") != 0)
		return DB_OK; /* a supervisor watching silently invites nobody */
	struct db_rows p;
	int rc = db_query(db, pool, SQL_ROOM_MAY_INVITE, &p, "i", m->participant_id);
	if (rc == DB_OK && p.rows > 0)
		*may = db_cell_int(&p, 0, 0) != 0 || db_cell_int(&p, 0, 1) == m->participant_id;
	return rc;
}

int room_set_may_invite(struct db *db, const struct member *m, long long participant_id, bool may,
			bool *changed)
{
	unsigned long long affected = 0;
	int rc = db_exec(db, SQL_ROOM_SET_MAY_INVITE, &affected, "iii", (long long)may, participant_id,
			 m->channel_id);
	*changed = affected > 0;
	return rc;
}

/* ---- invitations ----------------------------------------------------------- */

static int invite_once(struct db *db, struct pool *pool, const struct config *cfg, const struct member *m,
		       const char *base, const struct invitation_request *req, struct invitation_made *out)
{
	memset(out, 0, sizeof *out);
	char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	crypto_sha256_hex(token, hash);
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_ROOM_INVITATION_INSERT, NULL, "siiiiiss", hash, m->channel_id,
			     m->client_id, m->participant_id, req->uses, req->hours, req->email, req->name);
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	out->id = (long long)db_last_insert_id(db);
	out->token = pool_strdup(pool, token);
	out->link = pool_printf(pool, "%s/join?i=%s", base, token);
	if (req->email != NULL) {
		struct invitation_mail mail = { .client_id = m->client_id, .to = req->email,
			.to_name = req->name, .from_name = m->display_name, .room = m->channel_name,
			.link = out->link };
		rc = invitation_mail_queue(db, cfg, pool, &mail, &out->mailed, &out->mail_note);
		if (rc == DB_OK && out->mailed)
			rc = db_exec(db, SQL_ROOM_INVITATION_MAILED, NULL, "i", out->id);
	}
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/* The invitation and its mail in one transaction: the mail goes exactly
 * when the link exists. */
int room_invite(struct db *db, struct pool *pool, const struct config *cfg, const struct member *m,
		const char *base, const struct invitation_request *req, struct invitation_made *out)
{
	int rc, attempt = 0;
	do
		rc = invite_once(db, pool, cfg, m, base, req, out);
	while (db_retry(db, &rc, &attempt));
	return rc;
}

int room_invitations_json(struct db *db, struct pool *pool, long long channel_id, struct buf *out)
{
	struct db_rows inv, allowed;
	int rc = db_query(db, pool, SQL_ROOM_INVITATIONS_OF_CHANNEL, &inv, "i", channel_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_ROOM_INVITERS, &allowed, "i", channel_id);
	if (rc != DB_OK)
		return rc;
	buf_puts(out, "{\"allowed\":[");
	for (size_t i = 0; i < allowed.rows; i++)
		buf_printf(out, "%s%s", i ? "," : "", db_cell(&allowed, i, 0));
	buf_puts(out, "],\"invitations\":[");
	for (size_t i = 0; i < inv.rows; i++) {
		const char *state = db_cell_int(&inv, i, 5) ? "revoked" : db_cell_int(&inv, i, 4) ? "expired"
			: db_cell_int(&inv, i, 2) >= db_cell_int(&inv, i, 1) ? "used up" : "open";
		buf_printf(out, "%s{\"id\":%s,\"uses\":%s,\"max_uses\":%s,\"expires\":", i ? "," : "",
			   db_cell(&inv, i, 0), db_cell(&inv, i, 2), db_cell(&inv, i, 1));
		buf_json_string(out, db_cell(&inv, i, 3));
		buf_puts(out, ",\"state\":");
		buf_json_string(out, state);
		buf_puts(out, ",\"email\":");
		buf_json_string(out, db_cell(&inv, i, 6) ? db_cell(&inv, i, 6) : "");
		buf_puts(out, ",\"name\":");
		buf_json_string(out, db_cell(&inv, i, 7) ? db_cell(&inv, i, 7) : "");
		buf_puts(out, ",\"by\":");
		buf_json_string(out, db_cell(&inv, i, 8) ? db_cell(&inv, i, 8) : "");
		buf_printf(out, ",\"mailed\":%s}", db_cell_int(&inv, i, 9) ? "true" : "false");
	}
	buf_puts(out, "]}");
	return DB_OK;
}

int room_revoke(struct db *db, long long channel_id, long long invitation_id, bool *changed)
{
	unsigned long long affected = 0;
	int rc = db_exec(db, SQL_ROOM_INVITATION_REVOKE, &affected, "ii", invitation_id, channel_id);
	*changed = affected > 0;
	return rc;
}

int room_invitation(struct db *db, struct pool *pool, const char *token, struct invitation *inv,
		    bool *found)
{
	memset(inv, 0, sizeof *inv);
	*found = false;
	if (token == NULL || !crypto_is_token(token))
		return DB_OK;
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(token, hash);
	struct db_rows row;
	int rc = db_query(db, pool, SQL_ROOM_INVITATION_BY_TOKEN, &row, "s", hash);
	if (rc != DB_OK || row.rows == 0)
		return rc;
	inv->id = db_cell_int(&row, 0, 0);
	inv->channel_id = db_cell_int(&row, 0, 1);
	inv->client_id = db_cell_int(&row, 0, 2);
	inv->uses = db_cell_int(&row, 0, 3);
	inv->max_uses = db_cell_int(&row, 0, 4);
	inv->expired = db_cell_int(&row, 0, 5) != 0;
	inv->revoked = db_cell_int(&row, 0, 6) != 0;
	inv->channel_open = strcmp(db_cell(&row, 0, 7), "open") == 0;
	inv->channel_public_id = db_cell(&row, 0, 8);
	inv->channel_name = db_cell(&row, 0, 9);
	inv->client_name = db_cell(&row, 0, 10);
	inv->needs_account = strcmp(db_cell(&row, 0, 11), "account") == 0;
	inv->inviter = db_cell(&row, 0, 12) ? db_cell(&row, 0, 12) : "Someone";
	inv->expires_at = db_cell(&row, 0, 13);
	inv->guest_name = db_cell(&row, 0, 14);
	*found = true;
	return DB_OK;
}

enum room_refusal room_invitation_state(const struct invitation *inv)
{
	if (inv->revoked)
		return ROOM_REVOKED;
	if (!inv->channel_open)
		return ROOM_ENDED;
	if (inv->expired)
		return ROOM_EXPIRED;
	if (inv->uses >= inv->max_uses)
		return ROOM_USED_UP;
	return ROOM_ALLOWED;
}

/* ---- joining ------------------------------------------------------------------ */

/* Who is coming in, worked out before the transaction. */
struct arrival {
	const char *kind;        /* agent or visitor */
	long long agent_id, visitor_id, collaborator_id;
	const char *name, *avatar;
};

/* The collaborator of this id and password, or a refusal; password
 * guessing is slowed as for staff sign-in (lib/signin_guard.h), by a key
 * that names the client and the id. */
static int check_collaborator(struct request *r, long long client_id, const struct joiner *who,
			      struct arrival *a, enum room_refusal *refusal)
{
	const char *key = pool_printf(r->pool, "%s#collaborator-of-%lld", who->login, client_id);
	long long wait = signin_wait_seconds(r, key);
	if (wait < 0)
		return (int)wait;
	if (wait > 0) {
		*refusal = ROOM_THROTTLED;
		return DB_OK;
	}
	struct db_rows c;
	int rc = db_query(r->db, r->pool, SQL_ROOM_COLLABORATOR_FOR_JOIN, &c, "is", client_id, who->login);
	if (rc != DB_OK)
		return rc;
	bool ok = c.rows > 0 && !db_cell_int(&c, 0, 3)
		  && crypto_password_verify(who->password ? who->password : "", db_cell(&c, 0, 2)) == 1;
	if (c.rows == 0)
		crypto_password_burn(who->password ? who->password : "", r->cfg->password_iterations);
	rc = signin_record(r, key, 0, ok ? "ok" : c.rows == 0 ? "unknown" : "bad_password");
	if (!ok) {
		*refusal = ROOM_BAD_LOGIN;
		return rc;
	}
	a->collaborator_id = db_cell_int(&c, 0, 0);
	a->name = db_cell(&c, 0, 1);
	return rc;
}

/* In one transaction: the channel locked, the invitation (if any) locked
 * and checked, room and seats counted, then the participant and their join
 * event. *present_id: the participant row (theirs already, or new). */
static int join_once(struct request *r, long long channel_id, long long invitation_id,
		     const struct arrival *a, long long *seq, enum room_refusal *refusal)
{
	struct db *db = r->db;
	struct db_rows ch, present, inv;
	*refusal = ROOM_ALLOWED;
	*seq = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_ROOM_CHANNEL_LOCK, &ch, "i", channel_id);
	if (rc == DB_OK && ch.rows == 0)
		*refusal = ROOM_UNKNOWN;
	if (rc == DB_OK && !*refusal && strcmp(db_cell(&ch, 0, 0), "open") != 0)
		*refusal = ROOM_ENDED;
	/* Someone already here goes back in, using nothing up. */
	if (rc == DB_OK && !*refusal)
		rc = strcmp(a->kind, "agent") == 0
			     ? db_query(db, r->pool, SQL_ROOM_PRESENT_AS_AGENT, &present, "ii", channel_id, a->agent_id)
			     : db_query(db, r->pool, SQL_ROOM_PRESENT_AS_VISITOR, &present, "ii", channel_id,
					a->visitor_id);
	if (rc != DB_OK || *refusal || present.rows > 0) {
		db_rollback(db);
		return rc;
	}
	if (invitation_id > 0) {
		rc = db_query(db, r->pool, SQL_ROOM_INVITATION_LOCK, &inv, "i", invitation_id);
		if (rc == DB_OK && inv.rows == 0)
			*refusal = ROOM_UNKNOWN;
		else if (rc == DB_OK && db_cell_int(&inv, 0, 3))
			*refusal = ROOM_REVOKED;
		else if (rc == DB_OK && db_cell_int(&inv, 0, 2))
			*refusal = ROOM_EXPIRED;
		else if (rc == DB_OK && db_cell_int(&inv, 0, 0) >= db_cell_int(&inv, 0, 1))
			*refusal = ROOM_USED_UP;
	}
	if (rc == DB_OK && !*refusal && db_cell_int(&ch, 0, 3) >= db_cell_int(&ch, 0, 4))
		*refusal = ROOM_FULL;
	if (rc == DB_OK && !*refusal && strcmp(a->kind, "visitor") == 0) {
		struct seats s;
		rc = seats_of_client(db, r->pool, db_cell_int(&ch, 0, 2), &s);
		if (rc == DB_OK && !seats_free(&s, 1))
			*refusal = ROOM_NO_SEAT;
	}
	if (rc != DB_OK || *refusal) {
		db_rollback(db);
		return rc;
	}
	struct room_newcomer n = { .channel_id = channel_id, .kind = a->kind, .agent_id = a->agent_id,
			      .visitor_id = a->visitor_id, .collaborator_id = a->collaborator_id,
			      .invitation_id = invitation_id, .name = a->name,
			      .avatar = free_avatar(db, r->pool, channel_id, a->avatar) };
	long long participant = 0;
	rc = room_add_participant(db, &n, &participant);
	if (rc == DB_OK)
		rc = channel_append(db, channel_id, participant, 0, "join", NULL, seq);
	if (rc == DB_OK && invitation_id > 0)
		rc = db_exec(db, SQL_ROOM_INVITATION_USE, NULL, "i", invitation_id);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

static int join_channel(struct request *r, long long channel_id, long long invitation_id,
			const struct arrival *a, enum room_refusal *refusal)
{
	long long seq = 0;
	int rc, attempt = 0;
	do
		rc = join_once(r, channel_id, invitation_id, a, &seq, refusal);
	while (db_retry(r->db, &rc, &attempt));
	if (rc == CHANNEL_CLOSED) {
		*refusal = ROOM_ENDED;
		return DB_OK;
	}
	if (rc == DB_OK && seq > 0)
		notify_post(NOTIFY_CHANNEL, channel_id, (unsigned long long)seq);
	return rc;
}

/* The signed-in staff member as an arrival, when they are staff of this
 * client (and not a supervisor: one who wants to watch uses Monitor). */
static bool staff_arrival(struct request *r, long long client_id, struct arrival *a)
{
	if (r->session == NULL || r->session->client_id != client_id)
		return false;
	struct db_rows agent;
	a->kind = "agent";
	a->agent_id = r->session->agent_id;
	a->name = r->session->display_name;
	a->avatar = db_query(r->db, r->pool, SQL_AGENT_AVATAR, &agent, "i", a->agent_id) == DB_OK
			    && agent.rows && db_cell(&agent, 0, 0) ? db_cell(&agent, 0, 0) : "owl";
	return true;
}

int room_join(struct request *r, const char *token, const struct joiner *who,
	      const char **channel_public_id, enum room_refusal *refusal)
{
	struct invitation inv;
	bool found = false;
	*refusal = ROOM_ALLOWED;
	int rc = session_load(r);
	if (rc == DB_OK)
		rc = room_invitation(r->db, r->pool, token, &inv, &found);
	if (rc != DB_OK)
		return rc;
	if (!found) {
		*refusal = ROOM_UNKNOWN;
		return DB_OK;
	}
	*channel_public_id = inv.channel_public_id;
	struct arrival a = { .kind = "visitor", .avatar = "fox" };
	if (!staff_arrival(r, inv.client_id, &a)) {
		if ((rc = visitor_identify(r, true, &a.visitor_id)) != DB_OK)
			return rc;
		/* Someone already in goes straight back, whatever the link's state. */
		struct db_rows present;
		rc = db_query(r->db, r->pool, SQL_ROOM_PRESENT_AS_VISITOR, &present, "ii", inv.channel_id,
			      a.visitor_id);
		if (rc != DB_OK || present.rows > 0)
			return rc;
		if ((*refusal = room_invitation_state(&inv)) != ROOM_ALLOWED)
			return DB_OK;
		if (inv.needs_account) {
			rc = check_collaborator(r, inv.client_id, who, &a, refusal);
			if (rc != DB_OK || *refusal)
				return rc;
		} else {
			a.name = who->name;
		}
	} else if ((*refusal = room_invitation_state(&inv)) == ROOM_USED_UP
		   || *refusal == ROOM_EXPIRED || *refusal == ROOM_REVOKED) {
		/* Staff of the client may come in by any link of theirs. */
		*refusal = ROOM_ALLOWED;
	}
	if (*refusal)
		return DB_OK;
	return join_channel(r, inv.channel_id, strcmp(a.kind, "visitor") == 0 ? inv.id : 0, &a, refusal);
}

int room_join_as_staff(struct request *r, const char *public_id, enum room_refusal *refusal)
{
	struct member m;
	bool found = false;
	*refusal = ROOM_ALLOWED;
	int rc = channel_member(r, public_id, 0, &m, &found);
	if (rc != DB_OK)
		return rc;
	struct arrival a;
	memset(&a, 0, sizeof a);
	struct db_rows kind = { 0 };
	if (m.channel_id > 0)
		rc = db_query(r->db, r->pool, SQL_ROOM_CHANNEL_KIND, &kind, "i", m.channel_id);
	if (rc != DB_OK)
		return rc;
	/* Rooms only: a visitor's conversation is handed over, not joined. */
	if (kind.rows == 0 || strcmp(db_cell(&kind, 0, 0), "room") != 0
	    || !staff_arrival(r, m.client_id, &a)) {
		*refusal = ROOM_UNKNOWN;
		return DB_OK;
	}
	return join_channel(r, m.channel_id, 0, &a, refusal);
}

/* ---- the viewer ------------------------------------------------------------------ */

int room_to_view(struct request *r, const struct member *m, struct view *v)
{
	struct db_rows settings, kind;
	int rc = db_query(r->db, r->pool, SQL_ROOM_CLIENT_SETTINGS, &settings, "i", m->client_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_ROOM_CHANNEL_KIND, &kind, "i", m->channel_id);
	bool may = false;
	if (rc == DB_OK && !m->left)
		rc = room_may_invite(r->db, r->pool, m, &may);
	if (rc != DB_OK)
		return rc;
	view_set_int(v, "client.show_who", settings.rows == 0 || db_cell_int(&settings, 0, 1) != 0);
	const char *channel_kind = kind.rows ? db_cell(&kind, 0, 0) : "help";
	view_set(v, "channel.kind", channel_kind);
	/* An event's stage: its speakers' panel (lib/event_view.h). */
	if (strcmp(channel_kind, "stage") == 0 && r->session != NULL)
		rc = event_stage_to_view(r, m, v);
	if (rc != DB_OK)
		return rc;
	view_set_int(v, "channel.owner", kind.rows ? db_cell_int(&kind, 0, 1) : 0);
	view_set_int(v, "me.may_invite", may && m->channel_open && !m->left);
	if (r->session == NULL || strcmp(m->kind, "visitor") == 0)
		return DB_OK;
	struct db_rows rooms;
	rc = db_query(r->db, r->pool, SQL_ROOM_OPEN_ROOMS, &rooms, "ii", r->session->agent_id, m->client_id);
	if (rc != DB_OK)
		return rc;
	static const char *const cols[] = { "id", "name", "seconds", "people", "names", "mine", NULL };
	view_set_rows(v, "client_rooms", &rooms, cols);
	return DB_OK;
}
