/* thread.c - message threads (see thread.h). */
#include "thread.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "catalogue.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mail_parse.h"
#include "mail_queue.h"
#include "pool.h"
#include "queue.h"
#include "render.h"
#include "router.h"

enum { QUESTION_MAX = 2000, SUBJECT_MAX = 200 };

const char *const thread_list_columns[] = { "id", "name", "contact", "state", "owner", "mine",
	"last", "at", "awaiting", "bounced", "via", "question", "page", "voice", "phone", NULL };

static int event(struct db *db, long long request_id, long long client_id, const char *kind,
		 long long agent_id)
{
	return db_exec(db, SQL_REQUEST_EVENT_INSERT, NULL, "iisn", request_id, client_id, kind,
		       agent_id);
}

/* The first characters of text (on a character boundary), for a list. */
static const char *excerpt(struct pool *pool, const char *text, size_t max)
{
	size_t n = strlen(text);
	if (n <= max)
		return text;
	while (max > 0 && ((unsigned char)text[max] & 0xc0) == 0x80)
		max--;
	return pool_printf(pool, "%.*s…", (int)max, text);
}

static const char *with_note(struct pool *pool, const struct thread_incoming *in)
{
	if (in->note == NULL)
		return in->text;
	return pool_printf(pool, "%s\n\n[%s]", in->text, in->note);
}

/* Stores the message and its attachments (inside a transaction). */
static int store_incoming(struct db *db, struct pool *pool, long long request_id,
			  long long client_id, const struct thread_incoming *in)
{
	int rc = db_exec(db, SQL_HELP_MESSAGE_INSERT, NULL, "iisnssssn", request_id, client_id, "in",
			 0LL, in->from_address, in->subject, with_note(pool, in), in->message_id, 0LL);
	long long message = (long long)db_last_insert_id(db);
	for (size_t i = 0; rc == DB_OK && i < in->attachment_count; i++) {
		const struct mail_attachment_in *a = &in->attachments[i];
		rc = db_exec(db, SQL_HELP_ATTACHMENT_INSERT, NULL, "issib", message, a->filename,
			     a->content_type, (long long)a->len, a->data, a->len);
	}
	if (rc == DB_OK)
		rc = db_exec(db, SQL_THREAD_MESSAGE_IN, NULL, "i", request_id);
	/* Mail from the address shows it works again. */
	if (rc == DB_OK)
		rc = db_exec(db, SQL_MAIL_BAD_ADDRESS_CLEAR, NULL, "s", in->from_address);
	return rc;
}

static int finish(struct db *db, int rc, long long client_id, unsigned long long *version)
{
	if (rc == DB_OK)
		rc = queue_bump(db, client_id, version);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

static int add_incoming_once(struct db *db, struct pool *pool, long long request_id,
			     long long client_id, const struct thread_incoming *in,
			     unsigned long long *version)
{
	struct db_rows lock;
	unsigned long long reopened = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_THREAD_LOCK, &lock, "i", request_id);
	if (rc == DB_OK && (lock.rows == 0 || db_cell_int(&lock, 0, 1) != client_id))
		rc = THREAD_NOT_FOUND;
	if (rc == DB_OK)
		rc = store_incoming(db, pool, request_id, client_id, in);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_THREAD_REOPEN, &reopened, "i", request_id);
	if (rc == DB_OK)
		rc = event(db, request_id, client_id, reopened ? "reopened" : "mail_in", 0);
	return finish(db, rc, client_id, version);
}

int thread_add_incoming(struct db *db, struct pool *pool, long long request_id,
			long long client_id, const struct thread_incoming *in)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do
		rc = add_incoming_once(db, pool, request_id, client_id, in, &version);
	while (db_retry(db, &rc, &attempt));
	if (rc == DB_OK)
		queue_notify(client_id, version);
	return rc;
}

/* The visitor known by this address at this client, or a new one. */
static int visitor_for_address(struct db *db, struct pool *pool, long long client_id,
			       const char *address, long long *visitor_id)
{
	struct db_rows found;
	int rc = db_query(db, pool, SQL_VISITOR_BY_EMAIL, &found, "is", client_id, address);
	if (rc != DB_OK)
		return rc;
	if (found.rows > 0) {
		*visitor_id = db_cell_int(&found, 0, 0);
		return DB_OK;
	}
	/* A visitor row nobody holds a cookie for: the token is never issued. */
	char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	crypto_sha256_hex(token, hash);
	rc = db_exec(db, SQL_VISITOR_INSERT, NULL, "s", hash);
	*visitor_id = (long long)db_last_insert_id(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_VISITOR_EMAIL_INSERT, NULL, "isi", client_id, address, *visitor_id);
	return rc;
}

/* The acknowledgement, in the visitor's language (lib/catalogue.h). */
static int acknowledge(struct db *db, const struct config *cfg, struct pool *pool,
		       long long client_id, long long request_id, const char *visitor_lang,
		       const char *client_name, const char *reply_token, const struct thread_incoming *in)
{
	struct db_rows recent;
	int rc = db_query(db, pool, SQL_MAIL_ACK_RECENT, &recent, "s", in->from_address);
	if (rc != DB_OK || db_cell_int(&recent, 0, 0) > 0)
		return rc;
	struct view *v = view_new_mail(pool, cfg);
	catalogue_load_dir(v, cfg->templates_dir, visitor_lang);
	const char *subject_value = *in->subject ? in->subject : view_get(v, "t.mail.no_subject", "");
	const char *subject = catalogue_say(v, pool, "t.mail.ack_subject", &subject_value, 1);
	view_set(v, "mail.footer", catalogue_say(v, pool, "t.mail.ack_footer", &client_name, 1));
	view_set(v, "client.name", client_name);
	view_set(v, "mail.subject", subject);
	view_set(v, "visitor.name", in->from_name);
	view_set(v, "message.subject", in->subject);
	struct buf text, html;
	buf_init(&text);
	buf_init(&html);
	if (view_render_mail(v, "mail/acknowledgement", &text, &html) != 0)
		rc = DB_ERROR;
	view_free(v);
	if (rc == DB_OK) {
		struct mail m = {
			.kind = "acknowledgement", .client_id = client_id, .request_id = request_id,
			.to = in->from_address, .to_name = in->from_name, .subject = subject,
			.text = text.data, .html = html.data, .from_name = client_name,
			.reply_to = pool_printf(pool, "reply+%s@%s", reply_token, mail_domain(cfg, pool)),
			.in_reply_to = in->message_id, .references = in->message_id,
			.auto_submitted = "auto-replied",
		};
		rc = mail_queue_add(db, cfg, pool, &m, NULL, NULL);
		if (rc == MAIL_BAD_MESSAGE)
			rc = DB_OK; /* the request stands; the sender just hears nothing */
	}
	buf_free(&text);
	buf_free(&html);
	return rc;
}

static int create_once(struct db *db, const struct config *cfg, struct pool *pool,
		       long long site_id, long long client_id, const char *client_name,
		       const struct thread_incoming *in, bool ack, const char **public_id,
		       long long *request_id, unsigned long long *version)
{
	struct db_rows profile;
	long long visitor_id = 0;
	char *id = pool_alloc(pool, 33), *token = pool_alloc(pool, 33);
	if (crypto_public_id(id) != 0 || crypto_public_id(token) != 0)
		return DB_ERROR;
	const char *question = excerpt(pool, *in->subject ? pool_printf(pool, "%s\n\n%s", in->subject,
									 in->text)
							  : in->text, QUESTION_MAX);
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = visitor_for_address(db, pool, client_id, in->from_address, &visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_VISITOR_PROFILE_UPSERT, NULL, "iis", client_id, visitor_id,
			     in->from_name);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_VISITOR_PROFILE, &profile, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_MAIL_REQUEST_INSERT, NULL, "siiisssis", id, client_id, site_id,
			     visitor_id, in->from_name, question, in->from_address,
			     db_cell_int(&profile, 0, 0), token);
	*request_id = (long long)db_last_insert_id(db);
	/* The language the visitor last asked this client in, for the
	 * acknowledgement and the agents' replies (English for a newcomer). */
	struct db_rows lang;
	const char *visitor_lang = "en";
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_LANG_VISITOR_LAST, &lang, "ii", client_id, visitor_id);
	if (rc == DB_OK && lang.rows > 0) {
		visitor_lang = db_cell(&lang, 0, 0);
		rc = db_exec(db, SQL_LANG_REQUEST_SET_BY_ID, NULL, "si", visitor_lang, *request_id);
	}
	if (rc == DB_OK)
		rc = store_incoming(db, pool, *request_id, client_id, in);
	if (rc == DB_OK)
		rc = event(db, *request_id, client_id, "created", 0);
	if (rc == DB_OK)
		rc = event(db, *request_id, client_id, "mail_in", 0);
	if (rc == DB_OK && ack)
		rc = acknowledge(db, cfg, pool, client_id, *request_id, visitor_lang, client_name, token, in);
	*public_id = id;
	return finish(db, rc, client_id, version);
}

int thread_create_from_mail(struct db *db, const struct config *cfg, struct pool *pool,
			    long long site_id, long long client_id, const char *client_name,
			    const struct thread_incoming *in, bool acknowledge_it,
			    const char **public_id)
{
	unsigned long long version = 0;
	long long request_id = 0;
	int rc, attempt = 0;
	do
		rc = create_once(db, cfg, pool, site_id, client_id, client_name, in, acknowledge_it,
				 public_id, &request_id, &version);
	while (db_retry(db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	queue_notify(client_id, version);
	return router_route_client(db, pool, client_id);
}

int thread_start_from_form(struct db *db, long long request_id, long long client_id,
			   const char *contact, const char *question)
{
	char token[33];
	if (crypto_public_id(token) != 0)
		return DB_ERROR;
	int rc = db_exec(db, SQL_HELP_MESSAGE_INSERT, NULL, "iisnssssn", request_id, client_id, "in",
			 0LL, contact, NULL, question, NULL, 0LL);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_THREAD_START, NULL, "si", token, request_id);
	return rc;
}

/* ---- staff ------------------------------------------------------------------ */

struct thread_row {
	long long id;
	const char *state;
	const char *thread_state;
	const char *via;
	long long assigned;
	const char *contact;
	const char *name;
	const char *reply_token;
	const char *client_name;
	const char *public_id;
	const char *lang; /* the visitor's language, or NULL */
};

/* Locks the client's thread by public id, inside a transaction. */
static int lock_thread(struct request *r, const char *public_id, struct thread_row *t)
{
	struct db_rows found, lock;
	if (!crypto_is_public_id(public_id))
		return THREAD_NOT_FOUND;
	int rc = db_query(r->db, r->pool, SQL_THREAD_BY_PUBLIC, &found, "si", public_id,
			  r->session->client_id);
	if (rc != DB_OK)
		return rc;
	if (found.rows == 0)
		return THREAD_NOT_FOUND;
	rc = db_query(r->db, r->pool, SQL_THREAD_LOCK, &lock, "i", db_cell_int(&found, 0, 0));
	if (rc != DB_OK)
		return rc;
	t->id = db_cell_int(&lock, 0, 0);
	t->state = db_cell(&lock, 0, 2);
	t->thread_state = db_cell(&lock, 0, 3);
	t->via = db_cell(&lock, 0, 4);
	t->assigned = db_cell(&lock, 0, 5) ? db_cell_int(&lock, 0, 5) : 0;
	t->contact = db_cell(&lock, 0, 6);
	t->name = db_cell(&lock, 0, 7);
	t->reply_token = db_cell(&lock, 0, 8);
	t->public_id = db_cell(&lock, 0, 9);
	t->lang = db_cell(&lock, 0, 10);
	t->client_name = db_cell(&found, 0, 1);
	return DB_OK;
}

static int reply_mail(struct request *r, const struct thread_row *t, const char *text,
		      long long *mail_id)
{
	struct db_rows last, refs;
	int rc = db_query(r->db, r->pool, SQL_THREAD_LAST_IN, &last, "i", t->id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_THREAD_REFERENCES, &refs, "i", t->id);
	if (rc != DB_OK)
		return rc;
	const char *their_subject = last.rows ? db_cell(&last, 0, 1) : NULL;
	/* In the visitor's language (lib/catalogue.h); "Re:" all mail programs know. */
	struct view *v = view_new_mail(r->pool, r->cfg);
	catalogue_load_dir(v, r->cfg->templates_dir, t->lang);
	const char *subject = their_subject && *their_subject
				      ? (strncasecmp(their_subject, "Re:", 3) == 0
						 ? their_subject
						 : pool_printf(r->pool, "Re: %s", their_subject))
				      : catalogue_say(v, r->pool, "t.mail.reply_subject", &t->client_name, 1);
	struct buf references;
	buf_init(&references);
	for (size_t i = refs.rows; i > 0; i--)
		if (db_cell(&refs, i - 1, 0) != NULL)
			buf_printf(&references, "%s%s", references.len ? " " : "", db_cell(&refs, i - 1, 0));
	view_set(v, "client.name", t->client_name);
	view_set(v, "agent.name", r->session->display_name);
	view_set(v, "visitor.name", t->name);
	view_set(v, "mail.subject", subject);
	view_set(v, "reply.text", text);
	struct buf body, html;
	buf_init(&body);
	buf_init(&html);
	if (view_render_mail(v, "mail/reply", &body, &html) != 0)
		rc = DB_ERROR;
	view_free(v);
	if (rc == DB_OK) {
		struct mail m = {
			.kind = "reply", .client_id = r->session->client_id, .request_id = t->id,
			.to = t->contact, .to_name = t->name, .subject = subject, .text = body.data,
			.html = html.data,
			.from_name = pool_printf(r->pool, "%s (%s)", r->session->display_name,
						 t->client_name),
			.reply_to = pool_printf(r->pool, "reply+%s@%s", t->reply_token,
						mail_domain(r->cfg, r->pool)),
			.in_reply_to = last.rows ? db_cell(&last, 0, 0) : NULL,
			.references = references.len ? references.data : NULL,
		};
		rc = mail_queue_add(r->db, r->cfg, r->pool, &m, mail_id, NULL);
	}
	buf_free(&references);
	buf_free(&body);
	buf_free(&html);
	return rc;
}

static int reply_once(struct request *r, const char *public_id, const char *text,
		      unsigned long long *version)
{
	struct thread_row t;
	long long mail_id = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = lock_thread(r, public_id, &t);
	if (rc == DB_OK && (t.contact == NULL || !mail_is_address(t.contact)))
		rc = THREAD_NO_ADDRESS;
	if (rc == DB_OK && t.reply_token == NULL) {
		char token[33];
		if (crypto_public_id(token) != 0)
			rc = DB_ERROR;
		else
			rc = db_exec(r->db, SQL_THREAD_SET_TOKEN, NULL, "si", token, t.id);
		t.reply_token = pool_strdup(r->pool, token);
	}
	if (rc == DB_OK)
		rc = reply_mail(r, &t, text, &mail_id);
	if (rc == MAIL_BAD_MESSAGE)
		rc = THREAD_NO_ADDRESS;
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_HELP_MESSAGE_INSERT, NULL, "iisissssi", t.id,
			     r->session->client_id, "out", r->session->agent_id, t.contact, NULL, text,
			     NULL, mail_id);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_THREAD_MESSAGE_OUT, NULL, "ii", r->session->agent_id, t.id);
	if (rc == DB_OK)
		rc = event(r->db, t.id, r->session->client_id, "replied", r->session->agent_id);
	return finish(r->db, rc, r->session->client_id, version);
}

int thread_reply(struct request *r, const char *public_id, const char *text)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do
		rc = reply_once(r, public_id, text, &version);
	while (db_retry(r->db, &rc, &attempt));
	if (rc == DB_OK)
		queue_notify(r->session->client_id, version);
	return rc;
}

static int change_once(struct request *r, const char *public_id, long long agent_id, int done,
		       unsigned long long *version)
{
	struct thread_row t;
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = lock_thread(r, public_id, &t);
	if (rc == DB_OK && t.thread_state == NULL)
		rc = THREAD_NOT_FOUND; /* a live request, not a thread */
	if (rc == DB_OK && done < 0) {
		struct db_rows agent;
		if (agent_id > 0)
			rc = db_query(r->db, r->pool, SQL_AGENT_BY_ID, &agent, "i", agent_id);
		if (rc == DB_OK && agent_id > 0
		    && (agent.rows == 0 || db_cell_int(&agent, 0, 1) != r->session->client_id))
			rc = THREAD_NOT_FOUND;
		if (rc == DB_OK)
			rc = db_exec(r->db, SQL_THREAD_SET_OWNER, &changed, "ni", agent_id, t.id);
		if (rc == DB_OK && changed)
			rc = event(r->db, t.id, r->session->client_id, "assigned", agent_id);
	} else if (rc == DB_OK) {
		const char *state = done ? "done" : "open";
		rc = db_exec(r->db, SQL_THREAD_SET_STATE, &changed, "sis", state, t.id, state);
		if (rc == DB_OK && changed)
			rc = event(r->db, t.id, r->session->client_id, done ? "done" : "reopened",
				   r->session->agent_id);
	}
	return finish(r->db, rc, r->session->client_id, version);
}

static int change(struct request *r, const char *public_id, long long agent_id, int done)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do
		rc = change_once(r, public_id, agent_id, done, &version);
	while (db_retry(r->db, &rc, &attempt));
	if (rc == DB_OK)
		queue_notify(r->session->client_id, version);
	return rc;
}

int thread_assign(struct request *r, const char *public_id, long long agent_id)
{
	return change(r, public_id, agent_id, -1);
}

int thread_set_done(struct request *r, const char *public_id, bool done)
{
	return change(r, public_id, 0, done ? 1 : 0);
}

static int accept_once(struct request *r, const char *public_id, unsigned long long *version)
{
	struct thread_row t;
	unsigned long long changed = 0;
	int rc = db_begin(r->db);
	if (rc == DB_OK)
		rc = lock_thread(r, public_id, &t);
	if (rc == THREAD_NOT_FOUND) {
		db_rollback(r->db);
		return THREAD_NOT_MAIL; /* not this client's, or no such request: accept says so */
	}
	if (rc == DB_OK && strcmp(t.via, "email") != 0) {
		db_rollback(r->db);
		return THREAD_NOT_MAIL;
	}
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_THREAD_ACCEPT, &changed, "iiii", r->session->agent_id,
			     r->session->agent_id, t.id, r->session->agent_id);
	if (rc == DB_OK && changed == 0)
		rc = THREAD_TAKEN;
	if (rc == DB_OK)
		rc = event(r->db, t.id, r->session->client_id, "accepted", r->session->agent_id);
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_AGENT_RESET_MISSES, NULL, "i", r->session->agent_id);
	return finish(r->db, rc, r->session->client_id, version);
}

int thread_accept(struct request *r, const char *public_id)
{
	unsigned long long version = 0;
	int rc, attempt = 0;
	do
		rc = accept_once(r, public_id, &version);
	while (db_retry(r->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	queue_notify(r->session->client_id, version);
	/* The offer's seat is free again: route the next request. */
	return router_route_client(r->db, r->pool, r->session->client_id);
}

/* ---- reading ----------------------------------------------------------------- */

int thread_to_view(struct request *r, const char *public_id, struct view *v)
{
	struct db_rows found, messages, attachments, bad, agents;
	if (!crypto_is_public_id(public_id))
		return THREAD_NOT_FOUND;
	int rc = db_query(r->db, r->pool, SQL_THREAD_VIEW, &found, "si", public_id,
			  r->session->client_id);
	if (rc != DB_OK)
		return rc;
	if (found.rows == 0 || db_cell(&found, 0, 3) == NULL)
		return THREAD_NOT_FOUND;
	long long id = db_cell_int(&found, 0, 0);
	rc = db_query(r->db, r->pool, SQL_THREAD_MESSAGES, &messages, "i", id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_THREAD_ATTACHMENTS, &attachments, "i", id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_MAIL_BAD_ADDRESS_GET, &bad, "s",
			      db_cell(&found, 0, 5) ? db_cell(&found, 0, 5) : "");
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_THREAD_AGENTS, &agents, "i", r->session->client_id);
	if (rc != DB_OK)
		return rc;
	static const char *const thread_cols[] = { NULL, "id", "state", "thread_state", "name",
		"contact", "owner_id", "owner", "via", "created", "site", "phone", "voice", NULL };
	for (size_t c = 1; thread_cols[c] != NULL; c++) {
		char key[64];
		snprintf(key, sizeof key, "thread.%s", thread_cols[c]);
		view_set(v, key, db_cell(&found, 0, c));
	}
	view_set_int(v, "thread.mine", db_cell(&found, 0, 6)
					       && db_cell_int(&found, 0, 6) == r->session->agent_id);
	view_set_int(v, "thread.can_answer", db_cell(&found, 0, 5)
						     && mail_is_address(db_cell(&found, 0, 5)));
	if (bad.rows > 0)
		view_set(v, "thread.bounced", db_cell(&bad, 0, 0));
	static const char *const message_cols[] = { "id", "direction", "address", "subject", "body",
		"at", "agent", "mail_state", "mail_error", NULL };
	view_set_rows(v, "messages", &messages, message_cols);
	for (size_t i = 0; i < attachments.rows; i++) {
		/* Under the message they came with. */
		for (size_t m = 0; m < messages.rows; m++) {
			if (strcmp(db_cell(&messages, m, 0), db_cell(&attachments, i, 1)) != 0)
				continue;
			char key[96];
			snprintf(key, sizeof key, "messages.%zu.attachments.%zu.id", m, i);
			view_set(v, key, db_cell(&attachments, i, 0));
			snprintf(key, sizeof key, "messages.%zu.attachments.%zu.name", m, i);
			view_set(v, key, db_cell(&attachments, i, 2));
			snprintf(key, sizeof key, "messages.%zu.attachments.%zu.size", m, i);
			view_set(v, key, db_cell(&attachments, i, 3));
		}
	}
	static const char *const agent_cols[] = { "id", "name", NULL };
	view_set_rows(v, "agents", &agents, agent_cols);
	return DB_OK;
}

int thread_list(struct db *db, struct pool *pool, long long client_id, long long agent_id,
		struct db_rows *rows)
{
	return db_query(db, pool, SQL_THREAD_LIST, rows, "ii", agent_id, client_id);
}
