/* dialer_store.c - what the dialer writes to the database: calls and
 * their events, notes in the session's record, the requests a call makes
 * or changes (holding, call-back, voice message, abandoned, a try that
 * failed), and the caller recognised by number or by a "call us" code.
 * Every function logs its own failure; the calls go on regardless. */
#include "dialer_call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "callback.h"
#include "channel.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "pool.h"
#include "queue.h"
#include "router.h"
#include "thread.h"

static int logged(struct call *c, int rc, const char *what)
{
	if (rc != DB_OK)
		log_error("dialer: call %lld: could not store %s (%d)", c->id, what, rc);
	return rc;
}

/* Consoles and the supervisor's desk follow the client's queue version:
 * a call that changes state changes the desk. */
static void desk_changed(struct call *c)
{
	unsigned long long version = 0;
	int rc = db_begin(c->d->db);
	if (rc == DB_OK)
		rc = queue_bump(c->d->db, c->client_id, &version);
	if (rc == DB_OK)
		rc = db_commit(c->d->db);
	else
		db_rollback(c->d->db);
	if (rc == DB_OK)
		queue_notify(c->client_id, version);
}

int store_call_insert(struct call *c, const char *direction, const char *state)
{
	if (crypto_public_id(c->public_id) != 0)
		return DB_ERROR;
	int rc = db_exec(c->d->db, SQL_PHONE_CALL_INSERT, NULL, "siinnsssss", c->public_id,
			 c->client_id, c->request_id, c->channel_id, c->agent_id, direction,
			 c->number[0] ? c->number : NULL, state, c->d->cfg.dialer_name,
			 strcmp(state, "ivr") == 0 ? "1" : NULL);
	if (rc == DB_OK)
		c->id = (long long)db_last_insert_id(c->d->db);
	if (rc == DB_OK)
		desk_changed(c);
	return logged(c, rc, "the call");
}

int store_call_state(struct call *c, const char *state)
{
	int rc = db_exec(c->d->db, SQL_PHONE_CALL_SET_STATE, NULL, "ssi", state, c->d->cfg.dialer_name,
			 c->id);
	if (rc == DB_OK)
		desk_changed(c);
	return logged(c, rc, "the call's state");
}

int store_call_event(struct call *c, const char *kind, const char *detail)
{
	if (c->id == 0)
		return DB_OK;
	return logged(c, db_exec(c->d->db, SQL_CALL_EVENT_INSERT, NULL, "iss", c->id, kind, detail),
		      "a call event");
}

int store_call_answered(struct call *c, const char *state)
{
	return logged(c, db_exec(c->d->db, SQL_PHONE_CALL_ANSWERED, NULL, "si", state, c->id),
		      "the answer");
}

int store_call_connected(struct call *c)
{
	int rc = db_exec(c->d->db, SQL_PHONE_CALL_CONNECTED, NULL, "nni", c->agent_id, c->channel_id,
			 c->id);
	if (rc == DB_OK)
		desk_changed(c);
	return logged(c, rc, "the connection");
}

int store_call_end(struct call *c)
{
	int rc = db_exec(c->d->db, SQL_PHONE_CALL_END, NULL, "sni", c->outcome,
			 (long long)c->sip_status, c->id);
	if (rc == DB_OK)
		rc = store_call_event(c, "ended", c->outcome);
	if (rc == DB_OK)
		desk_changed(c);
	return logged(c, rc, "the end of the call");
}

int store_channel_note(struct call *c, const char *text)
{
	if (c->channel_id == 0)
		return DB_OK;
	long long seq;
	int rc = channel_post(c->d->db, c->channel_id, 0, 0, "phone", text, NULL, &seq);
	return rc == CHANNEL_CLOSED ? DB_OK : logged(c, rc, "a note in the session");
}

/* The end of a transaction that changed a request: the client's queue
 * version and commit, or a rollback. Its caller runs the transaction again
 * while db_retry says so (it lost to a concurrent writer), then announces. */
static int commit_change(struct call *c, int rc, long long client_id, unsigned long long *version)
{
	if (rc == DB_OK)
		rc = queue_bump(c->d->db, client_id, version);
	if (rc == DB_OK)
		return db_commit(c->d->db);
	db_rollback(c->d->db);
	return rc;
}

/* After the change committed: the pollers told, and routing (a change may
 * free or need an agent). */
static int announce(struct call *c, int rc, long long client_id, unsigned long long version)
{
	if (rc != DB_OK)
		return rc;
	queue_notify(client_id, version);
	return router_route_client(c->d->db, c->d->pool, client_id);
}

static int request_event(struct call *c, const char *kind)
{
	return db_exec(c->d->db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", c->request_id, c->client_id,
		       kind, 0LL);
}

int store_attempt_failed(struct call *c)
{
	struct callback_attempt a;
	int rc = callback_attempt_failed(c->d->db, &c->d->cfg, c->d->pool, c->request_id, dialer_now(c->d), &a);
	if (rc != DB_OK)
		return logged(c, rc, "the try");
	const char *why = strcmp(c->outcome, "busy") == 0 ? "was busy"
			  : strcmp(c->outcome, "no_answer") == 0 ? "did not answer"
								 : "could not be reached";
	const char *note = a.unreachable
		? pool_printf(c->d->pool, "%s %s. That was try %lld of %lld: the call-back is marked "
				  "unreachable.", c->number, why, a.attempts, a.tries)
		: pool_printf(c->d->pool, "%s %s. That was try %lld of %lld; the next is due at %s UTC.",
			      c->number, why, a.attempts, a.tries, a.next_at_text);
	store_channel_note(c, note);
	if (c->channel_id > 0)
		logged(c, channel_close(c->d->db, c->channel_id, c->client_id), "the session's end");
	return DB_OK;
}

int store_agent_lost(struct call *c)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do {
		unsigned long long changed = 0;
		rc = db_begin(c->d->db);
		if (rc == DB_OK)
			rc = db_exec(c->d->db, SQL_CALLBACK_BACK_TO_LIST, &changed, "i", c->request_id);
		if (rc == DB_OK && changed > 0)
			rc = request_event(c, "requeued");
		rc = commit_change(c, rc, c->client_id, &version);
	} while (db_retry(c->d->db, &rc, &attempt));
	logged(c, announce(c, rc, c->client_id, version), "the call-back's return to the list");
	store_channel_note(c, "The agent's phone did not stay on the call; the call-back goes back "
			      "to the list.");
	if (c->channel_id > 0)
		logged(c, channel_close(c->d->db, c->channel_id, c->client_id), "the session's end");
	return DB_OK;
}

/* A visitor for a caller nobody knows: an identity with no cookie. */
static int caller_visitor(struct call *c)
{
	if (c->visitor_id > 0)
		return DB_OK;
	char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	crypto_sha256_hex(token, hash);
	int rc = db_exec(c->d->db, SQL_VISITOR_INSERT, NULL, "s", hash);
	if (rc == DB_OK)
		c->visitor_id = (long long)db_last_insert_id(c->d->db);
	return rc;
}

/* The name agents see: the profile's (a caller Baton knows), the name
 * their phone sent, or their number. */
static const char *caller_name(struct call *c, const struct db_rows *profile)
{
	if (profile->rows > 0 && db_cell(profile, 0, 1) != NULL && *db_cell(profile, 0, 1))
		return db_cell(profile, 0, 1);
	if (c->caller_name[0])
		return c->caller_name;
	return c->number[0] ? pool_printf(c->d->pool, "Caller %s", c->number) : "Caller";
}

static int insert_request(struct call *c, const char *kind, const char *state, const char *question)
{
	struct db *db = c->d->db;
	struct db_rows site, profile;
	int rc = caller_visitor(c);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_VISITOR_PROFILE_UPSERT, NULL, "iis", c->client_id, c->visitor_id,
			     (const char *)NULL);
	if (rc == DB_OK && c->site_id == 0) {
		rc = db_query(db, c->d->pool, SQL_CLIENT_FIRST_SITE, &site, "i", c->client_id);
		if (rc == DB_OK && site.rows > 0 && db_cell(&site, 0, 0) != NULL)
			c->site_id = db_cell_int(&site, 0, 0);
	}
	if (rc == DB_OK && c->site_id == 0) {
		log_error("dialer: client %lld has no site to file calls under", c->client_id);
		return DB_ERROR;
	}
	/* The profile's priority: a caller known to matter is served first. */
	if (rc == DB_OK)
		rc = db_query(db, c->d->pool, SQL_VISITOR_PROFILE, &profile, "ii", c->client_id,
			      c->visitor_id);
	if (rc == DB_OK && crypto_public_id(c->request_public) != 0)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PHONE_REQUEST_INSERT, NULL, "siiissssssiii", c->request_public,
			     c->client_id, c->site_id, c->visitor_id, kind,
			     c->number[0] ? c->number : NULL, caller_name(c, &profile), question,
			     c->page_url[0] ? c->page_url : NULL, state,
			     (long long)(strcmp(kind, "callback") == 0),
			     profile.rows > 0 ? db_cell_int(&profile, 0, 0) : 0LL,
			     (long long)(strcmp(state, "message") == 0));
	if (rc == DB_OK)
		c->request_id = (long long)db_last_insert_id(db);
	if (rc == DB_OK)
		rc = request_event(c, "created");
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PHONE_CALL_SET_REQUEST, NULL, "ini", c->request_id, c->visitor_id,
			     c->id);
	return rc;
}

int store_call_request(struct call *c, const char *kind, const char *state)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do {
		rc = db_begin(c->d->db);
		if (rc == DB_OK)
			rc = insert_request(c, kind, state,
					    strcmp(kind, "callback") == 0
						    ? "Asked on the phone to be called back." : NULL);
		rc = commit_change(c, rc, c->client_id, &version);
	} while (db_retry(c->d->db, &rc, &attempt));
	return logged(c, announce(c, rc, c->client_id, version), "the caller's request");
}

int store_requeue(struct call *c)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do {
		rc = db_begin(c->d->db);
		if (rc == DB_OK)
			rc = db_exec(c->d->db, SQL_PHONE_REQUEST_REQUEUE, NULL, "i", c->request_id);
		if (rc == DB_OK)
			rc = db_exec(c->d->db, SQL_PHONE_CALL_CLEAR_CHANNEL, NULL, "i", c->id);
		if (rc == DB_OK)
			rc = request_event(c, "requeued");
		rc = commit_change(c, rc, c->client_id, &version);
	} while (db_retry(c->d->db, &rc, &attempt));
	c->channel_id = 0;
	return logged(c, announce(c, rc, c->client_id, version), "the return to the queue");
}

int store_to_callback(struct call *c)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do {
		unsigned long long changed = 0;
		rc = db_begin(c->d->db);
		if (rc == DB_OK)
			rc = db_exec(c->d->db, SQL_PHONE_REQUEST_TO_CALLBACK, &changed, "si", c->number,
				     c->request_id);
		if (rc == DB_OK && changed == 0)
			rc = DB_ERROR; /* taken by an agent meanwhile: the caller keeps holding */
		if (rc == DB_OK)
			rc = request_event(c, "scheduled");
		rc = commit_change(c, rc, c->client_id, &version);
	} while (db_retry(c->d->db, &rc, &attempt));
	return announce(c, rc, c->client_id, version);
}

int store_abandoned(struct call *c)
{
	unsigned long long changed, version = 0;
	int rc, attempt = 0;
	do {
		changed = 0;
		rc = db_begin(c->d->db);
		if (rc == DB_OK)
			rc = db_exec(c->d->db, SQL_REQUEST_SET_STATE, &changed, "si", "cancelled",
				     c->request_id);
		if (rc == DB_OK && changed > 0)
			rc = request_event(c, "abandoned");
		rc = commit_change(c, rc, c->client_id, &version);
	} while (db_retry(c->d->db, &rc, &attempt));
	rc = announce(c, rc, c->client_id, version);
	if (changed == 0)
		store_channel_note(c, "The caller hung up before the call was joined.");
	return logged(c, rc, "the abandoned call");
}

/* 16-bit mono 8 kHz PCM in a RIFF/WAVE container, which every browser plays. */
static void wav(struct buf *out, const int16_t *samples, size_t count)
{
	uint32_t data = (uint32_t)(count * 2);
	unsigned char h[44] = "RIFF____WAVEfmt ";
	uint32_t v[] = { 36 + data, 16, 0x00010001, 8000, 16000, 0x00100002 };
	memcpy(h + 4, &v[0], 4);
	memcpy(h + 16, &v[1], 4);
	memcpy(h + 20, &v[2], 4);
	memcpy(h + 24, &v[3], 4);
	memcpy(h + 28, &v[4], 4);
	memcpy(h + 32, &v[5], 4);
	memcpy(h + 36, "data", 4);
	memcpy(h + 40, &data, 4);
	buf_append(out, h, sizeof h);
	buf_append(out, samples, count * 2);
}

int store_voice_message(struct call *c)
{
	if (c->recording == NULL || c->recorded < 8000 / 2) {
		store_call_event(c, "message", "too short: not kept");
		return DB_OK;
	}
	long long seconds = (long long)(c->recorded / 8000);
	char public_id[33];
	struct buf audio;
	buf_init(&audio);
	wav(&audio, c->recording, c->recorded);
	const char *title = pool_printf(c->d->pool, "Voice message (%lld:%02lld)", seconds / 60,
					seconds % 60);
	unsigned long long version = 0;
	int rc, attempt = 0;
	do {
		rc = crypto_public_id(public_id) == 0 ? db_begin(c->d->db) : DB_ERROR;
		if (rc == DB_OK)
			rc = insert_request(c, "call", "message", title);
		if (rc == DB_OK)
			rc = db_exec(c->d->db, SQL_VOICE_MESSAGE_INSERT, NULL, "siiiib", public_id,
				     c->client_id, c->id, c->request_id, seconds, audio.data, audio.len);
		/* Listed, assigned and marked done with the other messages. */
		if (rc == DB_OK)
			rc = thread_start_from_form(c->d->db, c->request_id, c->client_id, NULL, title);
		if (rc == DB_OK)
			rc = db_exec(c->d->db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", c->request_id,
				     c->client_id, "message", 0LL);
		rc = commit_change(c, rc, c->client_id, &version);
	} while (db_retry(c->d->db, &rc, &attempt));
	buf_free(&audio);
	rc = announce(c, rc, c->client_id, version);
	if (rc == DB_OK)
		store_call_event(c, "message", pool_printf(c->d->pool, "%lld s", seconds));
	return logged(c, rc, "the voice message");
}

int store_code(struct call *c, const char *code)
{
	struct db_rows rows;
	int rc = db_query(c->d->db, c->d->pool, SQL_CALL_CODE_FIND, &rows, "is", c->client_id, code);
	if (rc != DB_OK || rows.rows == 0) {
		store_call_event(c, "code", "unknown");
		return rc == DB_OK ? DB_ERROR : rc;
	}
	c->visitor_id = db_cell_int(&rows, 0, 0);
	c->site_id = db_cell_int(&rows, 0, 1);
	snprintf(c->page_url, sizeof c->page_url, "%s", db_cell(&rows, 0, 2) ? db_cell(&rows, 0, 2) : "");
	db_exec(c->d->db, SQL_CALL_CODE_USED, NULL, "is", c->client_id, code);
	db_exec(c->d->db, SQL_PHONE_CALL_SET_REQUEST, NULL, "nni", 0LL, c->visitor_id, c->id);
	store_call_event(c, "code", code);
	return DB_OK;
}

void store_recognise(struct call *c)
{
	struct db_rows who, code;
	if (c->number[0] == '\0'
	    || db_query(c->d->db, c->d->pool, SQL_VISITOR_BY_PHONE, &who, "is", c->client_id, c->number)
		       != DB_OK
	    || who.rows == 0)
		return;
	c->visitor_id = db_cell_int(&who, 0, 0);
	/* On the site now, with "call us" open: the page they are reading. */
	if (db_query(c->d->db, c->d->pool, SQL_CALL_CODE_OF_VISITOR, &code, "ii", c->client_id,
		     c->visitor_id) == DB_OK && code.rows > 0) {
		c->site_id = db_cell_int(&code, 0, 0);
		snprintf(c->page_url, sizeof c->page_url, "%s", db_cell(&code, 0, 1) ? db_cell(&code, 0, 1) : "");
	}
	db_exec(c->d->db, SQL_PHONE_CALL_SET_REQUEST, NULL, "nni", 0LL, c->visitor_id, c->id);
}

void store_orphans(struct dialer *d)
{
	unsigned long long calls = 0;
	if (db_exec(d->db, SQL_PHONE_CALLS_ORPHANED, &calls, "s", d->cfg.dialer_name) == DB_OK && calls > 0)
		log_warn("dialer: %llu calls of an earlier run ended with it", calls);
	db_exec(d->db, SQL_PHONE_REQUESTS_ORPHANED, NULL, "s", d->cfg.dialer_name);
}
