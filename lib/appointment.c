/* appointment.c - scheduled sessions by mail and on time (see
 * appointment.h); the timed part is appointment_job, run by the mailer. */
#include "appointment.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "catalogue.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "ics.h"
#include "log.h"
#include "mail_jobs.h"
#include "mail_queue.h"
#include "pool.h"
#include "queue.h"
#include "render.h"
#include "router.h"
#include "visitor.h"

enum { DUE_PER_ROUND = 50 };

/* One appointment as the mails need it (SQL_APPOINTMENT_GET). */
struct booking {
	long long id;
	const char *public_id;
	long long client_id;
	const char *client_name;
	const char *name;
	const char *contact;
	time_t at;
	const char *when;
	const char *token;
	const char *question;
	const char *agent_email;
	const char *agent_name;
	const char *lang;          /* the visitor's (lib/visitor_lang.c), may be NULL */
};

static int load(struct db *db, struct pool *pool, long long id, struct booking *b)
{
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_APPOINTMENT_GET, &rows, "i", id);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return APPOINTMENT_BAD_LINK;
	b->id = db_cell_int(&rows, 0, 0);
	b->public_id = db_cell(&rows, 0, 1);
	b->client_id = db_cell_int(&rows, 0, 2);
	b->client_name = db_cell(&rows, 0, 3);
	b->name = db_cell(&rows, 0, 4);
	b->contact = db_cell(&rows, 0, 5);
	b->at = (time_t)db_cell_int(&rows, 0, 6);
	b->when = db_cell(&rows, 0, 7);
	b->token = db_cell(&rows, 0, 8);
	b->question = db_cell(&rows, 0, 9);
	b->agent_email = db_cell(&rows, 0, 10);
	b->agent_name = db_cell(&rows, 0, 11);
	b->lang = db_cell(&rows, 0, 12);
	return DB_OK;
}

static const char *rejoin_url(const struct config *cfg, struct pool *pool, const struct booking *b)
{
	return pool_printf(pool, "%s/rejoin?r=%s&k=%s", mail_public_url(cfg, pool), b->public_id,
			   b->token);
}

/* Renders mail/NAME for the booking and queues it to `to`: for the
 * visitor (subject NULL) in their language, its subject the catalogue's
 * subject_key; for the agent in English with the subject given. */
static int send(struct db *db, const struct config *cfg, struct pool *pool,
		const struct booking *b, const char *kind, const char *name, const char *to,
		const char *to_name, const char *subject_key, const char *subject,
		const struct mime_attachment *calendar)
{
	struct view *v = view_new_mail(pool, cfg);
	catalogue_load_dir(v, cfg->templates_dir, subject == NULL ? b->lang : "en");
	const char *when = catalogue_datetime(v, pool, b->at);
	view_set(v, "appointment.when_text", when);
	if (subject == NULL) {
		const char *const values[] = { b->client_name, when };
		subject = catalogue_say(v, pool, subject_key, values, 2);
	}
	view_set(v, "client.name", b->client_name);
	view_set(v, "mail.subject", subject);
	view_set(v, "visitor.name", b->name);
	view_set(v, "visitor.contact", b->contact);
	view_set(v, "appointment.when", b->when);
	view_set(v, "appointment.question", b->question);
	view_set(v, "appointment.link", rejoin_url(cfg, pool, b));
	view_set(v, "appointment.console", pool_printf(pool, "%s/console", mail_public_url(cfg, pool)));
	view_set_int(v, "appointment.lead", cfg->appointment_reminder_minutes);
	view_set(v, "agent.name", b->agent_name);
	struct buf text, html;
	buf_init(&text);
	buf_init(&html);
	int rc = view_render_mail(v, name, &text, &html) == 0 ? DB_OK : DB_ERROR;
	view_free(v);
	if (rc == DB_OK) {
		struct mail m = {
			.kind = kind, .client_id = b->client_id, .request_id = b->id, .to = to,
			.to_name = to_name, .subject = subject, .text = text.data, .html = html.data,
			.from_name = b->client_name, .auto_submitted = "auto-generated",
			.attachments = calendar, .attachment_count = calendar ? 1 : 0,
		};
		rc = mail_queue_add(db, cfg, pool, &m, NULL, NULL);
		if (rc == MAIL_BAD_MESSAGE)
			rc = DB_OK; /* an address Baton cannot write to: no mail, nothing else lost */
	}
	buf_free(&text);
	buf_free(&html);
	return rc;
}

int appointment_confirm(struct request *r, long long request_id)
{
	struct booking b;
	char token[33];
	if (crypto_public_id(token) != 0)
		return DB_ERROR;
	int rc = db_exec(r->db, SQL_APPOINTMENT_SET_TOKEN, NULL, "si", token, request_id);
	if (rc == DB_OK)
		rc = load(r->db, r->pool, request_id, &b);
	if (rc != DB_OK || b.contact == NULL || !mail_is_address(b.contact))
		return rc;
	struct buf ics;
	buf_init(&ics);
	struct ics_event e = {
		.uid = pool_printf(r->pool, "%s@%s", b.public_id, mail_domain(r->cfg, r->pool)),
		.stamp = time(NULL), .start = b.at, .minutes = r->cfg->appointment_minutes,
		.summary = pool_printf(r->pool, "Help session with %s", b.client_name),
		.description = pool_printf(r->pool, "%s%s%sAt the time, join here (you go to the head "
					   "of the queue): %s", b.question ? "Your question: " : "",
					   b.question ? b.question : "", b.question ? "\n\n" : "",
					   rejoin_url(r->cfg, r->pool, &b)),
		.url = rejoin_url(r->cfg, r->pool, &b),
	};
	ics_build(&e, &ics);
	struct mime_attachment calendar = {
		.content_type = "text/calendar; charset=UTF-8; method=PUBLISH",
		.filename = "appointment.ics", .data = ics.data, .len = ics.len,
	};
	rc = send(r->db, r->cfg, r->pool, &b, "confirmation", "mail/appointment_confirmation",
		  b.contact, b.name, "t.mail.appointment_subject", NULL, &calendar);
	buf_free(&ics);
	return rc;
}

int appointment_find(struct request *r, const char *public_id, const char *token,
		     struct appointment_link *a)
{
	struct db_rows rows;
	if (!crypto_is_public_id(public_id) || token == NULL)
		return APPOINTMENT_BAD_LINK;
	int rc = db_query(r->db, r->pool, SQL_APPOINTMENT_BY_PUBLIC, &rows, "s", public_id);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0 || db_cell(&rows, 0, 3) == NULL || !crypto_equal(db_cell(&rows, 0, 3), token))
		return APPOINTMENT_BAD_LINK;
	a->id = db_cell_int(&rows, 0, 0);
	a->client_id = db_cell_int(&rows, 0, 1);
	a->state = db_cell(&rows, 0, 2);
	a->client_name = db_cell(&rows, 0, 4);
	a->when = db_cell(&rows, 0, 5);
	a->public_id = db_cell(&rows, 0, 6);
	a->at = db_cell_int(&rows, 0, 7);
	a->lang = db_cell(&rows, 0, 8);
	return DB_OK;
}

static int rejoin_once(struct request *r, const struct appointment_link *a, long long visitor_id,
		       unsigned long long *version)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_APPOINTMENT_REJOIN, &changed, "iii", (long long)APPOINTMENT_PRIORITY,
			     visitor_id, a->id);
	if (rc == DB_OK && changed == 0)
		rc = APPOINTMENT_OVER;
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", a->id, a->client_id,
			     "requeued", 0LL);
	if (rc == DB_OK)
		rc = queue_bump(r->db, a->client_id, version);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	else
		db_rollback(r->db);
	return rc;
}

int appointment_rejoin(struct request *r, const struct appointment_link *a)
{
	long long visitor_id = 0;
	unsigned long long version = 0;
	int rc = visitor_identify(r, true, &visitor_id);
	if (rc != DB_OK)
		return rc;
	int attempt = 0;
	do
		rc = rejoin_once(r, a, visitor_id, &version);
	while (db_retry(r->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	queue_notify(a->client_id, version);
	return router_route_client(r->db, r->pool, a->client_id);
}

static int take_once(struct request *r, const char *public_id, bool take,
		     unsigned long long *version)
{
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = take ? db_exec(r->db, SQL_APPOINTMENT_TAKE, &changed, "isi", r->session->agent_id,
				    public_id, r->session->client_id)
			  : db_exec(r->db, SQL_APPOINTMENT_RELEASE, &changed, "sii", public_id,
				    r->session->client_id, r->session->agent_id);
	if (rc == DB_OK && changed == 0)
		rc = APPOINTMENT_NOT_SCHEDULED;
	if (rc == DB_OK)
		rc = queue_bump(r->db, r->session->client_id, version);
	if (rc == DB_OK)
		rc = db_commit(r->db);
	else
		db_rollback(r->db);
	return rc;
}

int appointment_take(struct request *r, const char *public_id, bool take)
{
	unsigned long long version = 0;
	if (!crypto_is_public_id(public_id))
		return APPOINTMENT_NOT_SCHEDULED;
	int rc, attempt = 0;
	do
		rc = take_once(r, public_id, take, &version);
	while (db_retry(r->db, &rc, &attempt));
	if (rc == DB_OK)
		queue_notify(r->session->client_id, version);
	return rc;
}

/* ---- the timed part (the mailer) ------------------------------------------- */

/* Claims a reminder (the row's flag, set in the transaction that queues
 * the mail, so two mailers remind once) and queues it. */
static int remind_once(const struct job_context *ctx, long long id, bool agent)
{
	struct db *db = ctx->db;
	struct booking b;
	unsigned long long claimed = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_exec(db, agent ? SQL_APPOINTMENT_AGENT_REMINDED : SQL_APPOINTMENT_REMINDED,
			     &claimed, "i", id);
	if (rc == DB_OK && claimed == 0) {
		db_rollback(db);
		return DB_OK;
	}
	if (rc == DB_OK)
		rc = load(db, ctx->pool, id, &b);
	if (rc == DB_OK && !agent && b.contact != NULL && mail_is_address(b.contact))
		rc = send(db, ctx->cfg, ctx->pool, &b, "reminder", "mail/appointment_reminder",
			  b.contact, b.name, "t.mail.reminder_subject", NULL, NULL);
	if (rc == DB_OK && agent && b.agent_email != NULL)
		rc = send(db, ctx->cfg, ctx->pool, &b, "agent_reminder",
			  "mail/appointment_agent_reminder", b.agent_email, b.agent_name, NULL,
			  pool_printf(ctx->pool, "Appointment at %s UTC with %s", b.when,
				      b.name ? b.name : "a visitor"), NULL);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

static int remind(const struct job_context *ctx, long long id, bool agent)
{
	int rc, attempt = 0;
	do
		rc = remind_once(ctx, id, agent);
	while (db_retry(ctx->db, &rc, &attempt));
	return rc;
}

static int move_once(const struct job_context *ctx, long long id, long long client_id, bool due,
		     unsigned long long *changed, unsigned long long *version)
{
	struct db *db = ctx->db;
	*changed = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = due ? db_exec(db, SQL_APPOINTMENT_ENTER, changed, "iii",
				   (long long)APPOINTMENT_PRIORITY, ctx->clock_offset, id)
			 : db_exec(db, SQL_APPOINTMENT_MISS, changed, "i", id);
	if (rc == DB_OK && *changed > 0)
		rc = db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", id, client_id,
			     due ? "due" : "missed", 0LL);
	if (rc == DB_OK && *changed > 0)
		rc = queue_bump(db, client_id, version);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/* Moves one request (due: into the queue; missed: out of it) and routes. */
static int move(const struct job_context *ctx, long long id, long long client_id, bool due)
{
	struct db *db = ctx->db;
	unsigned long long changed = 0, version = 0;
	int rc, attempt = 0;
	do
		rc = move_once(ctx, id, client_id, due, &changed, &version);
	while (db_retry(db, &rc, &attempt));
	if (rc != DB_OK || changed == 0)
		return rc;
	log_info("appointment %lld %s", id, due ? "entered the queue at its time"
						 : "missed: the visitor did not come back");
	queue_notify(client_id, version);
	return router_route_client(db, ctx->pool, client_id);
}

int appointment_job(const struct job_context *ctx)
{
	struct db_rows rows;
	long long lead = (long long)ctx->cfg->appointment_reminder_minutes * 60;
	int rc = db_query(ctx->db, ctx->pool, SQL_APPOINTMENT_REMINDERS_DUE, &rows, "iiiii",
			  ctx->clock_offset + lead, ctx->clock_offset, ctx->clock_offset + lead,
			  ctx->clock_offset, (long long)DUE_PER_ROUND);
	for (size_t i = 0; rc == DB_OK && i < rows.rows; i++)
		rc = remind(ctx, db_cell_int(&rows, i, 0), db_cell_int(&rows, i, 1) != 0);
	long long grace = ctx->cfg->appointment_grace_minutes;
	if (rc == DB_OK)
		rc = db_query(ctx->db, ctx->pool, SQL_APPOINTMENT_DUE, &rows, "iiiii", ctx->clock_offset,
			      grace, ctx->clock_offset, ctx->clock_offset, (long long)DUE_PER_ROUND);
	for (size_t i = 0; rc == DB_OK && i < rows.rows; i++)
		rc = move(ctx, db_cell_int(&rows, i, 0), db_cell_int(&rows, i, 1),
			  db_cell_int(&rows, i, 2) != 0);
	if (rc == DB_OK)
		rc = db_query(ctx->db, ctx->pool, SQL_APPOINTMENT_MISSED_DUE, &rows, "iii",
			      (long long)ctx->cfg->appointment_grace_minutes, ctx->clock_offset,
			      (long long)DUE_PER_ROUND);
	for (size_t i = 0; rc == DB_OK && i < rows.rows; i++)
		rc = move(ctx, db_cell_int(&rows, i, 0), db_cell_int(&rows, i, 1), false);
	return rc;
}
