/* callback.c - call-back requests: made, changed, made due, tried. */
#include "callback.h"

#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mail_callback.h"
#include "phone_line.h"
#include "pool.h"
#include "queue.h"
#include "router.h"

enum { MAX_DAYS_AHEAD = 60, DUE_BATCH = 5000 };

int callback_enabled(struct db *db, struct pool *pool, long long client_id, bool *enabled)
{
	struct phone_line line;
	bool found;
	int rc = phone_line_load(db, pool, client_id, &line, &found);
	*enabled = rc == DB_OK && found && (line.help_number != NULL || line.caller_id != NULL);
	return rc;
}

/* The form's number and time, checked against the client's line. */
static int check_form(struct request *r, long long client_id, const struct callback_form *f,
		      char e164[PHONE_E164_MAX + 1], const char **error)
{
	struct phone_line line;
	bool found;
	int rc = phone_line_load(r->db, r->pool, client_id, &line, &found);
	if (rc != DB_OK)
		return rc;
	if (!found || (line.help_number == NULL && line.caller_id == NULL)) {
		*error = "This site does not offer call-backs.";
		return CALLBACK_OFF;
	}
	if (phone_line_number(&line, f->phone, e164, error) != 0)
		return CALLBACK_INVALID;
	time_t now = time(NULL);
	if (f->preferred != 0 && (f->preferred < now - 60 || f->preferred > now + MAX_DAYS_AHEAD * 86400)) {
		*error = "Choose a time from now to 60 days ahead.";
		return CALLBACK_INVALID;
	}
	return DB_OK;
}

static const char *stamp(struct pool *pool, time_t t)
{
	if (t == 0)
		return NULL;
	struct tm tm;
	gmtime_r(&t, &tm);
	char *out = pool_alloc(pool, 24);
	strftime(out, 24, "%Y-%m-%d %H:%M:%S", &tm);
	return out;
}

static int finish(struct db *db, struct pool *pool, int rc, long long client_id)
{
	unsigned long long version = 0;
	if (rc == DB_OK)
		rc = queue_bump(db, client_id, &version);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc != DB_OK)
		return rc;
	queue_notify(client_id, version);
	return router_route_client(db, pool, client_id);
}

static int convert_once(struct request *r, long long request_id, long long client_id,
			const char *e164, const struct callback_form *f)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_CALLBACK_CONVERT, &changed, "sssi", e164,
			     stamp(r->pool, f->preferred), f->email, request_id);
	/* No row changed: the same call-back asked again, or not waiting. */
	struct db_rows lock;
	if (rc == DB_OK && changed == 0)
		rc = db_query(r->db, r->pool, SQL_REQUEST_LOCK, &lock, "i", request_id);
	if (rc == DB_OK && changed == 0
	    && (lock.rows == 0 || (strcmp(db_cell(&lock, 0, 3), "waiting") != 0
				   && strcmp(db_cell(&lock, 0, 3), "offered") != 0)))
		rc = HELPREQ_CLOSED;
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, client_id,
			     "callback", 0LL);
	if (rc != DB_OK) {
		db_rollback(r->db);
		return rc;
	}
	return finish(r->db, r->pool, rc, client_id);
}

int callback_convert(struct request *r, const struct request_status *st,
		     const struct callback_form *f, const char **error)
{
	char e164[PHONE_E164_MAX + 1];
	int rc = check_form(r, st->client_id, f, e164, error);
	if (rc != DB_OK)
		return rc;
	return convert_once(r, st->id, st->client_id, e164, f);
}

static int create_once(struct request *r, const struct site_info *site, long long visitor_id,
		       const char *e164, const struct callback_form *f, const char **public_id,
		       long long *open_id)
{
	struct db *db = r->db;
	struct db_rows open, profile;
	*open_id = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_VISITOR_PROFILE_UPSERT, NULL, "iis", site->client_id, visitor_id,
			     f->name);
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_CALLBACK_OPEN_FOR_VISITOR, &open, "ii", site->client_id,
			      visitor_id);
	if (rc == DB_OK && open.rows > 0) {
		/* Already waiting (a chat, or another call-back): that request
		 * becomes this call-back, keeping its place. */
		*open_id = db_cell_int(&open, 0, 0);
		*public_id = db_cell(&open, 0, 1);
		return db_commit(db);
	}
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_VISITOR_PROFILE, &profile, "ii", site->client_id, visitor_id);
	char *id = pool_alloc(r->pool, 33);
	if (rc == DB_OK && crypto_public_id(id) != 0)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = db_exec(db, SQL_CALLBACK_INSERT, NULL, "siiissssssi", id, site->client_id, site->id,
			     visitor_id, e164, stamp(r->pool, f->preferred), f->email, f->name, f->question,
			     helpreq_page_url(r->pool, f->page_url), db_cell_int(&profile, 0, 0));
	long long request_id = (long long)db_last_insert_id(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, site->client_id,
			     "created", 0LL);
	*public_id = id;
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return finish(db, r->pool, rc, site->client_id);
}

int callback_request(struct request *r, const struct site_info *site, long long visitor_id,
		     const struct callback_form *f, const char **public_id, const char **error)
{
	char e164[PHONE_E164_MAX + 1];
	int rc = check_form(r, site->client_id, f, e164, error);
	if (rc != DB_OK)
		return rc;
	long long open_id = 0;
	int attempt = 0;
	do
		rc = create_once(r, site, visitor_id, e164, f, public_id, &open_id);
	while (db_retry(r->db, &rc, &attempt));
	if (rc == DB_OK && open_id > 0)
		rc = convert_once(r, open_id, site->client_id, e164, f);
	return rc;
}

int callback_status(struct db *db, struct pool *pool, long long request_id,
		    struct callback_status *out)
{
	memset(out, 0, sizeof *out);
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_CALLBACK_STATUS, &rows, "i", request_id);
	if (rc != DB_OK || rows.rows == 0)
		return rc;
	out->phone = db_cell(&rows, 0, 0);
	out->due = db_cell_int(&rows, 0, 1) == 0;
	time_t preferred = (time_t)db_cell_int(&rows, 0, 2);
	time_t next = (time_t)db_cell_int(&rows, 0, 3);
	out->attempts = db_cell_int(&rows, 0, 4);
	long long client_id = db_cell_int(&rows, 0, 5);
	struct phone_line line;
	bool found;
	rc = phone_line_load(db, pool, client_id, &line, &found);
	if (rc != DB_OK)
		return rc;
	out->tries = found ? line.retry_tries : 3;
	if (out->due)
		return DB_OK;
	time_t when = preferred > next ? preferred : next;
	time_t now = time(NULL);
	if (when < now)
		when = now;
	if (found) {
		time_t open = calling_hours_next_open(line.hours, line.hour_count, line.time_zone, when);
		if (open > 0)
			when = open;
	}
	out->next_call = when;
	return DB_OK;
}

/* One try of recording a failed attempt: the tries counted, the
 * call-back back on the list or marked unreachable, and then the visitor
 * told by e-mail in the same transaction (the mail goes exactly when the
 * mark is made, once). */
static int attempt_failed_once(struct db *db, const struct config *cfg, struct pool *pool,
			       long long request_id, time_t now, struct callback_attempt *out,
			       long long *client_id, unsigned long long *version)
{
	memset(out, 0, sizeof *out);
	struct db_rows rows;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CALLBACK_TRIES_LOCK, &rows, "i", request_id);
	if (rc == DB_OK && rows.rows == 0)
		rc = DB_ERROR;
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	*client_id = db_cell_int(&rows, 0, 3);
	out->attempts = db_cell_int(&rows, 0, 0) + 1;
	out->tries = db_cell_int(&rows, 0, 1);
	out->unreachable = out->attempts >= out->tries;
	time_t next = now + (time_t)db_cell_int(&rows, 0, 2) * 60;
	struct tm tm;
	gmtime_r(&next, &tm);
	strftime(out->next_at_text, sizeof out->next_at_text, "%Y-%m-%d %H:%M", &tm);
	if (out->unreachable)
		rc = db_exec(db, SQL_CALLBACK_UNREACHABLE, NULL, "i", request_id);
	else
		rc = db_exec(db, SQL_CALLBACK_RETRY, NULL, "ii", (long long)next, request_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, *client_id,
			     out->unreachable ? "unreachable" : "tried", 0LL);
	if (rc == DB_OK && out->unreachable)
		rc = mail_callback_unreachable(db, cfg, pool, request_id, out->attempts);
	if (rc == DB_OK)
		rc = queue_bump(db, *client_id, version);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int callback_attempt_failed(struct db *db, const struct config *cfg, struct pool *pool,
			    long long request_id, time_t now, struct callback_attempt *out)
{
	long long client_id = 0;
	unsigned long long version = 0;
	int rc, attempt = 0;
	do
		rc = attempt_failed_once(db, cfg, pool, request_id, now, out, &client_id, &version);
	while (db_retry(db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	queue_notify(client_id, version);
	return router_route_client(db, pool, client_id);
}

/* One client's call-backs: each made due or held back as now says. */
static int due_for_client(struct db *db, struct pool *pool, const struct db_rows *rows, size_t from,
			  size_t to, time_t now)
{
	long long client_id = db_cell_int(rows, from, 1);
	struct phone_line line;
	bool found;
	int rc = phone_line_load(db, pool, client_id, &line, &found);
	if (rc != DB_OK)
		return rc;
	bool open = !found || calling_hours_open(line.hours, line.hour_count, line.time_zone, now);
	bool changed = false;
	rc = db_begin(db);
	for (size_t i = from; i < to && rc == DB_OK; i++) {
		long long id = db_cell_int(rows, i, 0);
		bool deferred = db_cell_int(rows, i, 2) != 0;
		time_t preferred = (time_t)db_cell_int(rows, i, 3);
		time_t next = (time_t)db_cell_int(rows, i, 4);
		bool due = open && preferred <= now && next <= now;
		if (due != deferred)
			continue;
		unsigned long long n = 0;
		rc = db_exec(db, SQL_CALLBACK_SET_DEFERRED, &n, "ii", (long long)!due, id);
		if (rc == DB_OK && n > 0 && due)
			rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", id, client_id, "due", 0LL);
		changed = changed || n > 0;
	}
	if (rc != DB_OK || !changed) {
		db_rollback(db);
		return rc;
	}
	return finish(db, pool, rc, client_id);
}

int callback_due_pass(struct db *db, struct pool *pool, time_t now)
{
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_CALLBACKS_WAITING, &rows, "i", (long long)DUE_BATCH);
	size_t from = 0;
	for (size_t i = 1; rc == DB_OK && i <= rows.rows; i++) {
		if (i < rows.rows && db_cell_int(&rows, i, 1) == db_cell_int(&rows, from, 1))
			continue;
		rc = due_for_client(db, pool, &rows, from, i, now);
		from = i;
	}
	return rc;
}
