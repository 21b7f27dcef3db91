/* helpreq.c - from a help link to a place in the queue. */
#include "helpreq.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "appointment.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "queue.h"
#include "response.h"
#include "router.h"
#include "thread.h"
#include "visitor.h"

enum { PAGE_URL_MAX = 2000 };

const char *helpreq_url_host(struct pool *pool, const char *url)
{
	const char *p = NULL;
	if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	if (p == NULL)
		return NULL;
	const char *at = strpbrk(p, "@/?#");
	if (at != NULL && *at == '@')
		p = at + 1; /* user:password@host */
	size_t n = strcspn(p, ":/?#");
	if (n == 0 || n > 253)
		return NULL;
	char *host = pool_strndup(pool, p, n);
	for (char *c = host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return host;
}

const char *helpreq_page_url(struct pool *pool, const char *url)
{
	if (url == NULL)
		return NULL;
	char *out = pool_alloc(pool, PAGE_URL_MAX + 1);
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		bool plain = *p > 0x20 && *p < 0x7f;
		if (o + (plain ? 1 : 3) > PAGE_URL_MAX)
			break;
		if (plain)
			out[o++] = (char)*p;
		else
			o += (size_t)snprintf(out + o, 4, "%%%02X", *p);
	}
	out[o] = '\0';
	return out;
}

const char *helpreq_asked_from(struct request *r, const char *referer, const char *page)
{
	if (page != NULL && referer != NULL) {
		const char *page_host = helpreq_url_host(r->pool, page);
		const char *referer_host = helpreq_url_host(r->pool, referer);
		if (page_host != NULL && referer_host != NULL && strcmp(page_host, referer_host) == 0)
			return helpreq_page_url(r->pool, page);
	}
	return helpreq_page_url(r->pool, referer);
}

static int refuse(struct request *r, const struct site_info *site, const char *key,
		  const char *referer, const char *reason)
{
	return db_exec(r->db, SQL_REFUSED_LINK_INSERT, NULL, "nnssss", site ? site->client_id : 0,
		       site ? site->id : 0, key, helpreq_page_url(r->pool, referer), reason,
		       r->remote_addr);
}

int helpreq_check_link(struct request *r, const char *site_key, const char *referer,
		       struct site_info *site, const char **refusal)
{
	struct db_rows rows;
	*refusal = NULL;
	int rc = db_query(r->db, r->pool, SQL_SITE_BY_KEY, &rows, "s", site_key);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0) {
		*refusal = "This help link does not belong to any site registered with Baton.";
		return refuse(r, NULL, site_key, referer, "unknown_key");
	}
	site->id = db_cell_int(&rows, 0, 0);
	site->client_id = db_cell_int(&rows, 0, 1);
	site->name = db_cell(&rows, 0, 2);
	site->ask_question = db_cell_int(&rows, 0, 3) != 0;
	site->client_name = db_cell(&rows, 0, 4);
	const char *host = referer ? helpreq_url_host(r->pool, referer) : NULL;
	if (host == NULL) {
		*refusal = "Baton could not tell which web site you came from, so it cannot connect "
			   "you. Please use the help link on the site's own page.";
		return refuse(r, site, site_key, referer, "no_referer");
	}
	rc = db_query(r->db, r->pool, SQL_SITE_HAS_DOMAIN, &rows, "iss", site->id, host, host);
	if (rc != DB_OK)
		return rc;
	if (db_cell_int(&rows, 0, 0) == 0) {
		*refusal = pool_printf(r->pool, "The site %s is not registered with Baton for live "
				       "help, so this link cannot connect you.", host);
		rc = refuse(r, site, site_key, referer, "unregistered_domain");
		/* The operator and the client hear of it (lib/alert.c). */
		if (rc == DB_OK)
			alert_unregistered_domain(r, site, host, helpreq_page_url(r->pool, referer));
		return rc;
	}
	return DB_OK;
}

static int create_once(struct request *r, const struct site_info *site, long long visitor_id,
		       const char *topic, const char *name, const char *question,
		       const char *page_url, long long priority, const char **public_id,
		       unsigned long long *version)
{
	struct db *db = r->db;
	struct db_rows open, profile;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_VISITOR_PROFILE_UPSERT, NULL, "iis", site->client_id, visitor_id, name);
	if (rc == DB_OK && priority >= 0)
		rc = db_exec(db, SQL_VISITOR_SET_PRIORITY, NULL, "iii", priority, site->client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_REQUEST_OPEN_FOR_VISITOR, &open, "ii", site->client_id,
			      visitor_id);
	if (rc == DB_OK && open.rows > 0) {
		/* A second click, or a second tab: the same place in the queue. */
		*public_id = db_cell(&open, 0, 0);
		return db_commit(db);
	}
	if (rc == DB_OK)
		rc = db_query(db, r->pool, SQL_VISITOR_PROFILE, &profile, "ii", site->client_id, visitor_id);
	char *id = pool_alloc(r->pool, 33);
	if (rc == DB_OK && crypto_public_id(id) != 0)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_INSERT, NULL, "siiissssi", id, site->client_id, site->id,
			     visitor_id, topic, name, question, page_url, db_cell_int(&profile, 0, 0));
	long long request_id = (long long)db_last_insert_id(db);
	/* Asked in the widget's panel: the visitor stays on the site's pages. */
	if (rc == DB_OK && r->framed)
		rc = db_exec(db, SQL_REQUEST_SET_ASKED_IN_PANEL, NULL, "i", request_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, site->client_id,
			     "created", 0LL);
	if (rc == DB_OK)
		rc = queue_bump(db, site->client_id, version);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	*public_id = id;
	return rc;
}

int helpreq_create(struct request *r, const struct site_info *site, long long visitor_id,
		   const char *topic, const char *name, const char *question, const char *page_url,
		   long long priority, const char **public_id)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	page_url = helpreq_page_url(r->pool, page_url);
	do
		rc = create_once(r, site, visitor_id, topic, name, question, page_url, priority,
				 public_id, &version);
	while (db_retry(r->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	queue_notify(site->client_id, version);
	router_route_after(r->db, r->pool, site->client_id);
	return DB_OK;
}

int helpreq_signed_priority_valid(struct request *r, const struct site_info *site,
				  const char *site_key, long long priority, long long expires,
				  const char *sig)
{
	struct db_rows secret;
	int rc = db_query(r->db, r->pool, SQL_SITE_SECRET, &secret, "i", site->id);
	if (rc != DB_OK)
		return rc;
	if (secret.rows == 0 || db_cell(&secret, 0, 0) == NULL || expires < (long long)time(NULL))
		return 0;
	char expected[TOKEN_HEX_LEN + 1];
	char *message = pool_printf(r->pool, "site=%s&priority=%lld&expires=%lld", site_key, priority,
				    expires);
	crypto_hmac_sha256_hex(db_cell(&secret, 0, 0), message, expected);
	return crypto_equal(sig, expected) ? 1 : 0;
}

int helpreq_status(struct db *db, struct pool *pool, const char *public_id,
		   struct request_status *st, bool *found)
{
	memset(st, 0, sizeof *st);
	*found = false;
	if (!crypto_is_public_id(public_id))
		return DB_OK;
	struct db_rows req, pos, version;
	int rc = db_query(db, pool, SQL_REQUEST_BY_PUBLIC_ID, &req, "s", public_id);
	if (rc != DB_OK || req.rows == 0)
		return rc;
	*found = true;
	st->id = db_cell_int(&req, 0, 0);
	st->client_id = db_cell_int(&req, 0, 1);
	st->visitor_id = db_cell_int(&req, 0, 2);
	st->state = db_cell(&req, 0, 3);
	st->name = db_cell(&req, 0, 4);
	st->question = db_cell(&req, 0, 5);
	st->waited_seconds = db_cell_int(&req, 0, 6);
	st->channel_public_id = db_cell(&req, 0, 7);
	st->scheduled_for = db_cell(&req, 0, 8);
	st->site_id = db_cell_int(&req, 0, 10);
	st->page_url = db_cell(&req, 0, 12);
	st->client_name = db_cell(&req, 0, 13);
	st->kind = db_cell(&req, 0, 14);
	st->phone = db_cell(&req, 0, 15);
	st->deferred = db_cell_int(&req, 0, 16) != 0;
	rc = db_query(db, pool, SQL_QUEUE_VERSION, &version, "i", st->client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REQUEST_POSITION, &pos, "i", st->id);
	if (rc != DB_OK)
		return rc;
	st->queue_version = (unsigned long long)db_cell_int(&version, 0, 0);
	st->position = db_cell_int(&pos, 0, 0);
	/* An offered visitor has an agent set aside for them: only the accept
	 * is left, whatever the desk looks like to the others. */
	return estimate_load(db, pool, st->client_id, st->position, st->waited_seconds,
			     strcmp(st->state, "offered") == 0, &st->estimate);
}

int helpreq_load_for_visitor(struct request *r, const char *public_id, struct request_status *st)
{
	long long visitor_id = 0;
	bool found = false;
	int rc = visitor_identify(r, false, &visitor_id);
	if (rc == DB_OK)
		rc = helpreq_status(r->db, r->pool, public_id, st, &found);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (!found)
		return resp_error(r, 404, "There is no such help request.");
	if (visitor_id == 0 || st->visitor_id != visitor_id)
		return resp_error(r, 403, "This help request was made in another browser.");
	return 0;
}

int helpreq_visitor_change(struct request *r, const char *public_id, helpreq_change_fn change,
			   void *arg, const char *closed_message)
{
	struct request_status st;
	int status = helpreq_load_for_visitor(r, public_id, &st);
	if (status != 0)
		return status;
	int rc = change(r, &st, arg);
	if (rc == HELPREQ_CLOSED)
		return resp_error(r, 409, "%s", closed_message);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	return resp_redirect(r, pool_printf(r->pool, "/wait?r=%s", public_id));
}

void helpreq_status_json(const struct request_status *st, struct buf *out)
{
	buf_puts(out, "{\"state\":");
	buf_json_string(out, st->state);
	buf_printf(out, ",\"position\":%lld,\"waited\":%lld,", st->position, st->waited_seconds);
	estimate_json(&st->estimate, out);
	buf_puts(out, ",\"channel\":");
	if (st->channel_public_id != NULL)
		buf_json_string(out, st->channel_public_id);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\"kind\":");
	buf_json_string(out, st->kind);
	buf_printf(out, ",\"deferred\":%s", st->deferred ? "true" : "false");
	buf_printf(out, ",\"version\":%llu}", st->queue_version);
}

/* Completes a state change begun by the caller inside a transaction:
 * archives it, marks the queue changed, commits, notifies and re-routes
 * (a withdrawn offer frees its agent for the next request). */
static int finish_change(struct request *r, const struct request_status *st, int rc,
			 unsigned long long changed, const char *kind)
{
	unsigned long long version = 0;
	if (rc == DB_OK && changed == 0)
		rc = HELPREQ_CLOSED;
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", st->id, st->client_id, kind, 0LL);
	if (rc == DB_OK)
		rc = queue_bump(r->db, st->client_id, &version);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	else
		db_rollback(r->db);
	if (rc != DB_OK)
		return rc;
	queue_notify(st->client_id, version);
	router_route_after(r->db, r->pool, st->client_id);
	return DB_OK;
}

int helpreq_cancel(struct request *r, const struct request_status *st)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_SET_STATE, &changed, "si", "cancelled", st->id);
	return finish_change(r, st, rc, changed, "cancelled");
}

int helpreq_schedule(struct request *r, const struct request_status *st, const char *when_utc,
		     const char *contact)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_SCHEDULE, &changed, "ssi", when_utc, contact, st->id);
	/* Its confirmation (and calendar file) by e-mail: lib/appointment.c. */
	if (rc == DB_OK && changed > 0)
		rc = appointment_confirm(r, st->id);
	return finish_change(r, st, rc, changed, "scheduled");
}

int helpreq_set_priority(struct request *r, const struct request_status *st, long long priority)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_VISITOR_SET_PRIORITY, NULL, "iii", priority, st->client_id,
			     st->visitor_id);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_SET_PRIORITY, &changed, "iii", priority, st->id,
			     st->client_id);
	/* Setting the same priority again changes no row but is no error. */
	if (rc == DB_OK && changed == 0 && strcmp(st->state, "waiting") != 0
	    && strcmp(st->state, "offered") != 0)
		rc = HELPREQ_CLOSED;
	else if (rc == DB_OK)
		changed = 1;
	return finish_change(r, st, rc, changed, "prioritized");
}

int helpreq_requeue(struct request *r, const struct request_status *st)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_REQUEUE, &changed, "i", st->id);
	return finish_change(r, st, rc, changed, "requeued");
}

int helpreq_leave_message(struct request *r, const struct request_status *st, const char *name,
			  const char *contact, const char *question)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_LEAVE_MESSAGE, &changed, "sssi", name, contact, question,
			     st->id);
	/* The message starts a thread agents answer by e-mail (lib/thread.c). */
	if (rc == DB_OK && changed > 0)
		rc = thread_start_from_form(r->db, st->id, st->client_id, contact, question);
	return finish_change(r, st, rc, changed, "message");
}

time_t helpreq_local_time(const char *date, const char *clock, long long offset_minutes)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	char *end = strptime(date, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	end = strptime(clock, "%H:%M", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	int day = tm.tm_mday;
	time_t t = timegm(&tm);
	struct tm check;
	gmtime_r(&t, &check);
	if (check.tm_mday != day) /* 31 February and the like */
		return -1;
	return t + offset_minutes * 60;
}
