/* line_post.c - a chat line checked and stored in one CALL (line_post.h). */
#include "line_post.h"

#include <string.h>
#include <time.h>

#include "config.h"
#include "crypto.h"
#include "line_senders.h"
#include "notify.h"
#include "program.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

/* The hash of a cookie's token as the tables keep it, or NULL when the
 * cookie is missing or malformed (then it names no one, as for
 * session_load and visitor_identify). */
static const char *cookie_hash(struct request *r, const char *name, char hash[TOKEN_HEX_LEN + 1])
{
	const char *token = request_cookie(r, name);
	if (token == NULL || !crypto_is_token(token))
		return NULL;
	crypto_sha256_hex(token, hash);
	return hash;
}

/* The answers to the procedure's refusals, as channel_authorize, say.c and
 * channel_failed gave them. */
static const struct refusal {
	const char *outcome;
	int status;
	const char *message;
} refusals[] = {
	{ "not in", 403, "You are not in this conversation." },
	{ "token", 403, "The page's security token is out of date. Reload the page." },
	{ "ended", 409, "This conversation has ended for you." },
	{ "silent", 403, "You are watching silently: prompt the agent with a private line." },
	{ "not one", 400, "A private line goes to one other person in this conversation." },
	{ "silent to", 403, "You are watching silently: prompt the agent, not the visitor." },
	{ "closed", 409, "This conversation has ended." },
};

static int refuse(struct request *r, int status, const char *message)
{
	/* A form post's error page shows who is signed in, as before: one
	 * more query, on this path only. */
	if (!r->wants_json && session_load(r) != DB_OK)
		r->session = NULL;
	return resp_error(r, status, "%s", message);
}

static time_t seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

/* The sender's row among the answer's people, or -1 when they are not
 * among them. */
static long sender_row(const struct line_post *lp)
{
	for (size_t i = 0; i < lp->people.rows; i++)
		if (db_cell_int(&lp->people, i, 0) == lp->m.participant_id)
			return (long)i;
	return -1;
}

/* What the answer says of a line that was stored: its seq, its channel,
 * and the language it is written in (the sender's row among the people). */
static void take_stored(struct line_post *lp)
{
	struct db_rows *rows = &lp->people;
	lp->seq = db_cell_int(rows, 0, 4);
	lp->m.channel_id = db_cell_int(rows, 0, 5);
	lp->m.client_id = db_cell_int(rows, 0, 6);
	lp->m.participant_id = db_cell_int(rows, 0, 7);
	lp->m.channel_public_id = lp->channel_public_id;
	long row = sender_row(lp);
	if (row >= 0)
		lp->lang = db_cell(rows, (size_t)row, 2);
}

/* The sender's kind as the answer's people give it, or "" when they are
 * not among them. */
static const char *sender_kind(const struct line_post *lp)
{
	long row = sender_row(lp);
	return row >= 0 ? db_cell(&lp->people, (size_t)row, 1) : "";
}

/* A public line from a sender found lately: stored, or not (then the
 * sender is forgotten and line_post asks again). Returns the database
 * status; *stored says which. */
static int post_known(struct request *r, struct line_post *lp,
		      const struct line_sender_key *key, bool *stored)
{
	struct line_sender known;
	*stored = false;
	if (lp->to != 0 || !line_senders_find(key, seconds_now(), &known))
		return DB_OK;
	int rc = db_query_once(r->db, r->pool, SQL_LINE_POST_KNOWN, &lp->people, "siisss",
			       known.staff ? key->session : NULL, known.channel_id,
			       known.participant_id, key->token, lp->text, lp->cmid);
	if (rc != DB_OK)
		return rc;
	if (lp->people.rows > 0 && strcmp(db_cell(&lp->people, 0, 3), "stored") == 0) {
		take_stored(lp);
		*stored = true;
	} else {
		line_senders_forget(key);
	}
	return DB_OK;
}

/* Remembers who sent a public line line_post stored, unless they may only
 * prompt (a supervisor's lines are private, and checked each time). */
static void remember_sender(const struct line_post *lp, const struct line_sender_key *key)
{
	const char *kind = sender_kind(lp);
	if (lp->to != 0 || strcmp(kind, "supervisor") == 0 || *kind == '\0')
		return;
	struct line_sender sender = { .channel_id = lp->m.channel_id,
				      .participant_id = lp->m.participant_id,
				      .staff = strcmp(kind, "agent") == 0 };
	line_senders_remember(key, seconds_now(), &sender);
}

static int failure(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

/* The line checked from the start by line_post, which says why it is
 * refused, or stores it and tells who sent it. */
static int post_checked(struct request *r, struct line_post *lp, const struct line_sender_key *key)
{
	struct db_rows *rows = &lp->people;
	int rc = db_query_once(r->db, r->pool, SQL_LINE_POST, rows, "ssissnss", key->session,
			       key->visitor, (long long)r->cfg->session_idle_minutes * 60,
			       lp->channel_public_id, key->token, lp->to, lp->text, lp->cmid);
	if (rc == DB_OK && rows->rows == 0)
		rc = DB_ERROR;
	if (rc != DB_OK)
		return failure(r, rc);
	const char *outcome = db_cell(rows, 0, 3);
	for (size_t i = 0; i < COUNT_OF(refusals); i++)
		if (strcmp(outcome, refusals[i].outcome) == 0)
			return refuse(r, refusals[i].status, refusals[i].message);
	if (strcmp(outcome, "stored") != 0 && strcmp(outcome, "stored before") != 0)
		return -1;
	take_stored(lp);
	remember_sender(lp, key);
	if (strcmp(outcome, "stored") == 0)
		notify_post(NOTIFY_CHANNEL, lp->m.channel_id, (unsigned long long)lp->seq);
	return 0;
}

int line_post(struct request *r, struct line_post *lp)
{
	memset(&lp->m, 0, sizeof lp->m);
	lp->seq = 0;
	lp->lang = "en";
	if (!crypto_is_public_id(lp->channel_public_id))
		return refuse(r, 403, refusals[0].message);
	if (!request_same_origin(r))
		return refuse(r, 403, "This was sent from another site.");
	char session[TOKEN_HEX_LEN + 1], visitor[TOKEN_HEX_LEN + 1], token[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(lp->token, token);
	struct line_sender_key key = { .session = cookie_hash(r, SESSION_COOKIE, session),
				       .visitor = cookie_hash(r, VISITOR_COOKIE, visitor),
				       .channel = lp->channel_public_id, .token = token };
	/* A transaction some error path left open is dropped, as db_begin
	 * would (the procedures' own START TRANSACTION would commit it). A
	 * conflict is run again by db_query_once; a lost connection answers
	 * DB_DOWN, and the client's retry with its message id is then safe. */
	db_rollback(r->db);
	bool stored;
	int rc = post_known(r, lp, &key, &stored);
	if (rc != DB_OK)
		return failure(r, rc);
	if (!stored)
		return post_checked(r, lp, &key);
	notify_post(NOTIFY_CHANNEL, lp->m.channel_id, (unsigned long long)lp->seq);
	return 0;
}
