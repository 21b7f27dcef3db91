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
#include "profile.h"
#include "queue.h"
#include "queue_guard.h"
#include "response.h"
#include "router.h"
#include "thread.h"
#include "visitor.h"
#include "webaddr.h"

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
	if (db_cell_int(&rows, 0, 5) != 0) {
		*refusal = "This help desk is not available at the moment.";
		return refuse(r, site, site_key, referer, "client_suspended");
	}
	const char *host = referer ? helpreq_url_host(r->pool, referer) : NULL;
	if (host != NULL && !webaddr_host_is_ascii(host)) {
		/* No registered domain is written so (they are ASCII). */
		*refusal = "This help link cannot connect you from that page's address.";
		return refuse(r, site, site_key, referer, "unregistered_domain");
	}
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

/* The first language the visitor's browser asks for ("fr-CH" of
 * "fr-CH, fr;q=0.9"), for the desk's visitor panel; NULL for none or junk. */
static const char *first_language(struct request *r)
{
	const char *list = r->accept_language;
	if (list == NULL)
		return NULL;
	list += strspn(list, " ");
	size_t len = strcspn(list, ",; ");
	if (len == 0 || len > 35 || (len == 1 && *list == '*'))
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (!((list[i] >= 'a' && list[i] <= 'z') || (list[i] >= 'A' && list[i] <= 'Z')
		      || (list[i] >= '0' && list[i] <= '9') || list[i] == '-'))
			return NULL;
	return pool_strndup(r->pool, list, len);
}

struct creation {
	struct request *r;
	const struct site_info *site;
	long long visitor_id, priority;
	const char *topic, *name, *question, *page_url;
	const struct helpreq_extra *extra;
	const char *public_id;         /* out */
	const char *refusal;           /* out: why a limit refused it */
	unsigned long long version;    /* out: the queue's, when it changed */
};

/* A request made from the overflow page is, before anyone could be
 * offered it, the message left or the session booked: as change_once()
 * makes them of a waiting visitor's request. */
static int create_as_chosen(struct db *db, struct creation *c, long long request_id)
{
	const struct helpreq_extra *x = c->extra;
	long long client_id = c->site->client_id;
	int rc;
	const char *kind;
	if (x->message_contact != NULL) {
		kind = "message";
		rc = db_exec(db, SQL_REQUEST_LEAVE_MESSAGE, NULL, "sssi", c->name, x->message_contact,
			     c->question, request_id);
		if (rc == DB_OK)
			rc = thread_start_from_form(db, request_id, client_id, x->message_contact,
						    c->question);
	} else {
		kind = "scheduled";
		rc = db_exec(db, SQL_REQUEST_SCHEDULE, NULL, "ssi", x->scheduled_for, x->email,
			     request_id);
		if (rc == DB_OK)
			rc = appointment_confirm(c->r, request_id);
	}
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, client_id, kind, 0LL);
	return rc;
}

static int create_once(struct db *db, struct creation *c)
{
	const struct site_info *site = c->site;
	struct pool *pool = c->r->pool;
	struct db_rows open, profile;
	c->version = 0;
	c->refusal = NULL;
	int rc = queue_lock(db, site->client_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_VISITOR_PROFILE_UPSERT, NULL, "iis", site->client_id, c->visitor_id,
			     c->name);
	if (rc == DB_OK && c->priority >= 0)
		rc = db_exec(db, SQL_VISITOR_SET_PRIORITY, NULL, "iii", c->priority, site->client_id,
			     c->visitor_id);
	if (rc == DB_OK && c->extra->email != NULL)
		rc = db_exec(db, SQL_PROFILE_SET_CONTACT, NULL, "sii", c->extra->email, site->client_id,
			     c->visitor_id);
	if (rc == DB_OK && c->extra->customer_ref != NULL)
		rc = profile_link_customer(db, site->client_id, c->visitor_id, c->extra->customer_ref);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REQUEST_OPEN_FOR_VISITOR, &open, "ii", site->client_id,
			      c->visitor_id);
	if (rc == DB_OK && open.rows > 0) {
		/* A second click, or a second tab: the same place in the queue. */
		c->public_id = db_cell(&open, 0, 0);
		return DB_OK;
	}
	if (rc == DB_OK)
		rc = queue_guard_admit(db, pool, c->r->cfg, c->r->remote_addr, c->visitor_id, &c->refusal);
	if (rc == DB_OK && c->refusal != NULL)
		return HELPREQ_LIMITED;
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_VISITOR_PROFILE, &profile, "ii", site->client_id,
			      c->visitor_id);
	/* The client's rules: a score on top of the profile's priority, and
	 * the service level (lib/profile.h). */
	struct treatment t;
	struct profile_ask ask = { .page = c->page_url, .topic = c->topic, .site = site->name,
				   .question = c->question };
	if (rc == DB_OK)
		rc = profile_treat(db, pool, site->client_id, c->visitor_id, &ask, &t);
	char *id = pool_alloc(pool, 33);
	if (rc == DB_OK && crypto_public_id(id) != 0)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_INSERT, NULL, "siiisssssis", id, site->client_id, site->id,
			     c->visitor_id, c->r->remote_addr, c->topic, c->name, c->question,
			     c->page_url, db_cell_int(&profile, 0, 0) + t.score, first_language(c->r));
	long long request_id = (long long)db_last_insert_id(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_SET_TREATMENT, NULL, "ssisisi", t.level, t.skill, t.score,
			     t.why, (long long)(c->extra->wants_video && treatment_offers(&t, "video")),
			     c->extra->email, request_id);
	/* Asked in the widget's panel: the visitor stays on the site's pages. */
	if (rc == DB_OK && c->r->framed)
		rc = db_exec(db, SQL_REQUEST_SET_ASKED_IN_PANEL, NULL, "i", request_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, site->client_id,
			     "created", 0LL);
	if (rc == DB_OK && (c->extra->message_contact != NULL || c->extra->scheduled_for != NULL))
		rc = create_as_chosen(db, c, request_id);
	if (rc == DB_OK)
		rc = queue_bump(db, site->client_id, &c->version);
	c->public_id = id;
	return rc;
}

int helpreq_create(struct request *r, const struct site_info *site, long long visitor_id,
		   const char *topic, const char *name, const char *question, const char *page_url,
		   long long priority, const struct helpreq_extra *extra, const char **public_id,
		   const char **refusal)
{
	static const struct helpreq_extra none;
	struct creation c = { .r = r, .site = site, .visitor_id = visitor_id, .priority = priority,
			      .extra = extra ? extra : &none,
			      .topic = topic, .name = name, .question = question,
			      .page_url = helpreq_page_url(r->pool, page_url) };
	int rc, attempt = 0;
	do {
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = create_once(r->db, &c);
		if (rc == DB_OK)
			rc = db_commit(r->db);
		else
			db_rollback(r->db);
	} while (db_retry(r->db, &rc, &attempt));
	*refusal = c.refusal;
	if (rc != DB_OK)
		return rc;
	*public_id = c.public_id;
	if (c.version > 0)
		queue_notify(site->client_id, c.version);
	router_route_after(r->db, r->pool, site->client_id);
	return DB_OK;
}

int helpreq_signed_priority_valid(struct request *r, const struct site_info *site,
				  const char *site_key, const struct signed_link *link,
				  long long expires, const char *sig)
{
	struct db_rows secret;
	int rc = db_query(r->db, r->pool, SQL_SITE_SECRET, &secret, "i", site->id);
	if (rc != DB_OK)
		return rc;
	if (secret.rows == 0 || db_cell(&secret, 0, 0) == NULL || expires < (long long)time(NULL))
		return 0;
	char expected[TOKEN_HEX_LEN + 1];
	helpreq_sign_link(r->pool, db_cell(&secret, 0, 0), site_key, link, expires, expected);
	return crypto_equal(sig, expected) ? 1 : 0;
}

/* "&NAME=VALUE", or "" when value is NULL. */
static const char *part(struct pool *pool, const char *name, const char *value)
{
	return value ? pool_printf(pool, "&%s=%s", name, value) : "";
}

void helpreq_sign_link(struct pool *pool, const char *secret, const char *site_key,
		       const struct signed_link *link, long long expires, char sig[65])
{
	const char *priority = link->priority >= 0 ? pool_printf(pool, "%lld", link->priority) : NULL;
	char *message = pool_printf(pool, "site=%s%s%s%s%s%s&expires=%lld", site_key,
				    part(pool, "customer", link->customer),
				    part(pool, "priority", priority), part(pool, "plan", link->plan),
				    part(pool, "customer_name", link->name),
				    part(pool, "customer_email", link->email), expires);
	crypto_hmac_sha256_hex(secret, message, sig);
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
	st->lang = db_cell(&req, 0, 17);
	rc = db_query(db, pool, SQL_QUEUE_VERSION, &version, "i", st->client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REQUEST_POSITION, &pos, "i", st->id);
	if (rc != DB_OK)
		return rc;
	st->queue_version = (unsigned long long)db_cell_int(&version, 0, 0);
	st->position = db_cell_int(&pos, 0, 0);
	/* An offered visitor has an agent set aside for them: only the accept
	 * is left, whatever the desk looks like to the others. */
	rc = estimate_load(db, pool, st->client_id, st->position, st->waited_seconds,
			   strcmp(st->state, "offered") == 0, &st->estimate);
	/* Only what the visitor's service level offers (lib/profile.h). */
	if (rc == DB_OK)
		rc = profile_limit_choices(db, pool, st->id, &st->estimate);
	return rc;
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
	/* Its page asked: the visitor is still there (queue_guard.h). */
	if ((rc = queue_guard_seen(r->db, st->id)) == DB_DOWN)
		return resp_unavailable(r);
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

/* A visitor's or staff member's change to a request, as one transaction:
 * the change itself (an UPDATE that matches only while the request is in a
 * state that allows it), its archived event and the queue's new version. */
struct change {
	struct request *r;
	const struct request_status *st;
	enum sql_id statement;
	const char *kind;                 /* the request_event kind */
	const char *s1, *s2, *s3;         /* the statement's text values, in order */
	long long priority;               /* for SQL_REQUEST_SET_PRIORITY */
	unsigned long long version;       /* out */
};

static int change_once(struct db *db, struct change *c)
{
	const struct request_status *st = c->st;
	unsigned long long changed = 0;
	c->version = 0;
	int rc = queue_lock(db, st->client_id);
	if (rc != DB_OK)
		return rc;
	switch (c->statement) {
	case SQL_REQUEST_SET_STATE:
	case SQL_REQUEST_REQUEUE:
		rc = c->statement == SQL_REQUEST_SET_STATE
			     ? db_exec(db, c->statement, &changed, "si", c->s1, st->id)
			     : db_exec(db, c->statement, &changed, "i", st->id);
		break;
	case SQL_REQUEST_SCHEDULE:
		rc = db_exec(db, c->statement, &changed, "ssi", c->s1, c->s2, st->id);
		break;
	case SQL_REQUEST_LEAVE_MESSAGE:
		rc = db_exec(db, c->statement, &changed, "sssi", c->s1, c->s2, c->s3, st->id);
		break;
	case SQL_REQUEST_SET_PRIORITY:
		rc = db_exec(db, SQL_VISITOR_SET_PRIORITY, NULL, "iii", c->priority, st->client_id,
			     st->visitor_id);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_REQUEST_SET_PRIORITY, &changed, "iii", c->priority, st->id,
				     st->client_id);
		/* Setting the same priority again changes no row but is no error. */
		if (rc == DB_OK && changed == 0 && (strcmp(st->state, "waiting") == 0
						    || strcmp(st->state, "offered") == 0))
			changed = 1;
		break;
	default:
		return DB_ERROR;
	}
	if (rc == DB_OK && changed == 0)
		return HELPREQ_CLOSED;
	/* A booking's confirmation (and calendar file) by e-mail:
	 * lib/appointment.c. */
	if (rc == DB_OK && c->statement == SQL_REQUEST_SCHEDULE)
		rc = appointment_confirm(c->r, st->id);
	/* A message starts a thread agents answer by e-mail (lib/thread.c). */
	if (rc == DB_OK && c->statement == SQL_REQUEST_LEAVE_MESSAGE)
		rc = thread_start_from_form(db, st->id, st->client_id, c->s2, c->s3);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", st->id, st->client_id, c->kind,
			     0LL);
	if (rc == DB_OK)
		rc = queue_bump(db, st->client_id, &c->version);
	return rc;
}

/* Runs the change, then notifies and re-routes (a withdrawn offer frees its
 * agent for the next request). */
static int change_request(struct request *r, struct change *c)
{
	int rc, attempt = 0;
	do {
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = change_once(r->db, c);
		if (rc == DB_OK)
			rc = db_commit(r->db);
		else
			db_rollback(r->db);
	} while (db_retry(r->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	queue_notify(c->st->client_id, c->version);
	router_route_after(r->db, r->pool, c->st->client_id);
	return DB_OK;
}

int helpreq_cancel(struct request *r, const struct request_status *st)
{
	struct change c = { .r = r, .st = st, .statement = SQL_REQUEST_SET_STATE, .kind = "cancelled",
			    .s1 = "cancelled" };
	return change_request(r, &c);
}

int helpreq_schedule(struct request *r, const struct request_status *st, const char *when_utc,
		     const char *contact)
{
	struct change c = { .r = r, .st = st, .statement = SQL_REQUEST_SCHEDULE, .kind = "scheduled",
			    .s1 = when_utc, .s2 = contact };
	return change_request(r, &c);
}

int helpreq_set_priority(struct request *r, const struct request_status *st, long long priority)
{
	struct change c = { .r = r, .st = st, .statement = SQL_REQUEST_SET_PRIORITY, .kind = "prioritized",
			    .priority = priority };
	return change_request(r, &c);
}

int helpreq_requeue(struct request *r, const struct request_status *st)
{
	struct change c = { .r = r, .st = st, .statement = SQL_REQUEST_REQUEUE, .kind = "requeued" };
	return change_request(r, &c);
}

int helpreq_leave_message(struct request *r, const struct request_status *st, const char *name,
			  const char *contact, const char *question)
{
	struct change c = { .r = r, .st = st, .statement = SQL_REQUEST_LEAVE_MESSAGE, .kind = "message",
			    .s1 = name, .s2 = contact, .s3 = question };
	return change_request(r, &c);
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

const char *helpreq_booking_time(const char *date, const char *clock, long long offset_minutes,
				 char stamp[32])
{
	enum { MAX_DAYS_AHEAD = 60 };
	time_t when = helpreq_local_time(date, clock, offset_minutes);
	time_t now = time(NULL);
	if (when < 0)
		return "Give the date as YYYY-MM-DD and the time as HH:MM.";
	if (when < now + 5 * 60)
		return "Choose a time at least five minutes from now.";
	if (when > now + MAX_DAYS_AHEAD * 86400)
		return "Choose a time within the next 60 days.";
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(stamp, 32, "%Y-%m-%d %H:%M:00", &tm);
	return NULL;
}
