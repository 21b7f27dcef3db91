/* mail_in.c - where one incoming message goes (see mail_in.h). */
#include "mail_in.h"

#include <ctype.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "mail_parse.h"
#include "mail_queue.h"
#include "mail_send.h"
#include "pool.h"
#include "thread.h"

static const struct mail_parse_limits parse_limits = {
	.max_parts = 100, .max_depth = 8, .max_headers = 500,
};

struct delivery {
	struct db *db;
	const struct config *cfg;
	struct pool *pool;
	const char *recipient;
	struct mail_in m;
};

static enum mail_in_result refuse(const struct delivery *d, const char *why)
{
	log_warn("mail to %s from %s refused: %s", d->recipient,
		 d->m.from_address ? d->m.from_address : "(no usable sender)", why);
	return MAIL_IN_REFUSED;
}

static enum mail_in_result outcome(const struct delivery *d, int rc, const char *what)
{
	if (rc == DB_OK) {
		log_info("mail to %s from %s: %s", d->recipient, d->m.from_address, what);
		return MAIL_IN_STORED;
	}
	if (rc == DB_DUPLICATE) {
		log_info("mail to %s from %s: already stored (Message-ID %s)", d->recipient,
			 d->m.from_address, d->m.message_id ? d->m.message_id : "-");
		return MAIL_IN_STORED;
	}
	log_error("mail to %s from %s not stored (database %s); the mail server will try again",
		  d->recipient, d->m.from_address, rc == DB_DOWN ? "unreachable" : "error");
	return MAIL_IN_TRY_LATER;
}

/* The text without the blank lines and spaces it ends with. */
static const char *trimmed(struct pool *pool, const char *text)
{
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	return pool_strndup(pool, text, n);
}

/* The token after "PREFIX+" in the recipient's local part, if 32 hex. */
static const char *local_token(struct pool *pool, const char *recipient, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(recipient, prefix, n) != 0 || recipient[n] != '+')
		return NULL;
	const char *t = recipient + n + 1;
	size_t len = strcspn(t, "@");
	if (len != 32)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)t[i]) || isupper((unsigned char)t[i]))
			return NULL;
	return pool_strndup(pool, t, len);
}

/* Why a delivery failed, in words: the report's Diagnostic-Code, else its
 * status with the line the report's text gives under the failed address
 * (exim: "  x@example.com\n    no such user"). */
static const char *bounce_reason(const struct delivery *d)
{
	const struct mail_in *m = &d->m;
	const char *status = m->delivery_status ? m->delivery_status : "failed";
	if (m->delivery_reason != NULL && strcmp(m->delivery_reason, status) != 0)
		return m->delivery_reason;
	const char *at = m->failed_recipient ? strstr(m->text, m->failed_recipient) : NULL;
	const char *line = at ? strchr(at, '\n') : NULL;
	if (line != NULL) {
		line++;
		while (*line == ' ' || *line == '\t')
			line++;
		size_t n = strcspn(line, "\n");
		if (n > 0 && n < 300)
			return pool_printf(d->pool, "%s: %.*s", status, (int)n, line);
	}
	return pool_printf(d->pool, "%s: the delivery failed", status);
}

static enum mail_in_result bounce(struct delivery *d, const char *token)
{
	if (!d->m.delivery_failed)
		return refuse(d, "mail to a bounce address that reports no failed delivery");
	const char *reason = bounce_reason(d);
	int found = 0;
	int rc = mail_record_bounce(d->db, d->pool, token, reason, &found);
	if (rc == DB_OK && !found)
		return refuse(d, "a bounce about a message Baton does not know");
	return outcome(d, rc, "a bounce, recorded");
}

/* The thread a reply belongs to: by its reply+TOKEN address, else by the
 * Message-IDs it answers. Sets *request_id (0: none) and *client_id. */
static int find_thread(struct delivery *d, long long *request_id, long long *client_id)
{
	struct db_rows rows;
	*request_id = 0;
	const char *token = local_token(d->pool, d->recipient, "reply");
	if (token != NULL) {
		int rc = db_query(d->db, d->pool, SQL_THREAD_BY_REPLY_TOKEN, &rows, "s", token);
		if (rc != DB_OK || rows.rows == 0)
			return rc;
		*request_id = db_cell_int(&rows, 0, 0);
		*client_id = db_cell_int(&rows, 0, 1);
		return DB_OK;
	}
	/* In-Reply-To first, then References from the newest. */
	const char *lists[] = { d->m.in_reply_to, d->m.references };
	for (size_t l = 0; l < 2; l++) {
		if (lists[l] == NULL)
			continue;
		char *ids = pool_strdup(d->pool, lists[l]);
		const char *found[20];
		size_t count = 0;
		for (char *save = NULL, *id = strtok_r(ids, " ", &save); id && count < 20;
		     id = strtok_r(NULL, " ", &save))
			found[count++] = id;
		for (size_t i = count; i > 0; i--) {
			int rc = db_query(d->db, d->pool, SQL_THREAD_BY_MESSAGE_ID, &rows, "s",
					  found[i - 1]);
			if (rc != DB_OK)
				return rc;
			if (rows.rows > 0) {
				*request_id = db_cell_int(&rows, 0, 0);
				*client_id = db_cell_int(&rows, 0, 1);
				return DB_OK;
			}
		}
	}
	return DB_OK;
}

enum mail_in_result mail_in_deliver(struct db *db, const struct config *cfg, struct pool *pool,
				    const char *recipient_in, const char *raw, size_t len)
{
	struct delivery d = { .db = db, .cfg = cfg, .pool = pool };
	char *recipient = pool_strdup(pool, recipient_in ? recipient_in : "");
	for (char *c = recipient; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	d.recipient = recipient;
	if ((long)len > cfg->mail_in_max_bytes)
		return refuse(&d, pool_printf(pool, "%zu bytes, more than mail_in_max_bytes (%ld)", len,
					      cfg->mail_in_max_bytes));
	const char *error = NULL;
	if (mail_parse(pool, raw, len, &parse_limits, &d.m, &error) != 0)
		return refuse(&d, pool_printf(pool, "malformed: %s", error));
	const char *bounce_token = local_token(pool, recipient, "bounce");
	if (bounce_token != NULL)
		return bounce(&d, bounce_token);
	if (d.m.from_address == NULL)
		return refuse(&d, "no usable From address");
	if (strcmp(d.m.from_address, mail_from_address(cfg, pool)) == 0)
		return refuse(&d, "mail from Baton's own address (a loop)");
	if (mail_is_automatic(&d.m))
		return refuse(&d, pool_printf(pool, "sent by a machine (%s): never answered",
					      d.m.auto_submitted ? "Auto-Submitted"
					      : d.m.precedence ? "Precedence"
					      : d.m.list_header ? "a mailing list"
					      : d.m.autoreply_header ? "an auto-reply header"
					      : "a delivery report"));
	struct thread_incoming in = {
		.from_address = d.m.from_address, .from_name = d.m.from_name,
		.subject = d.m.subject, .text = trimmed(pool, d.m.text), .message_id = d.m.message_id,
	};
	if (d.m.attachment_count > 0) {
		if (cfg->mail_in_attachments == MAIL_ATTACHMENTS_REFUSE)
			return refuse(&d, "it has attachments (mail_in_attachments = refuse)");
		if (cfg->mail_in_attachments == MAIL_ATTACHMENTS_KEEP) {
			in.attachments = d.m.attachments;
			in.attachment_count = d.m.attachment_count;
		} else {
			in.note = pool_printf(pool, "%zu attachment(s) left out", d.m.attachment_count);
		}
	}

	long long request_id = 0, thread_client = 0;
	int rc = find_thread(&d, &request_id, &thread_client);
	if (rc != DB_OK)
		return outcome(&d, rc, "");
	struct db_rows site;
	rc = db_query(db, pool, SQL_SITE_BY_HELP_ADDRESS, &site, "s", recipient);
	if (rc != DB_OK)
		return outcome(&d, rc, "");
	/* A reference to another client's thread never crosses over. */
	if (request_id > 0 && (site.rows == 0 || db_cell_int(&site, 0, 1) == thread_client)) {
		in.text = mail_strip_quote(pool, d.m.text);
		rc = thread_add_incoming(db, pool, request_id, thread_client, &in);
		return outcome(&d, rc, pool_printf(pool, "added to thread %lld", request_id));
	}
	if (site.rows == 0) {
		if (local_token(pool, recipient, "reply") != NULL)
			return refuse(&d, "a reply address whose thread no longer exists");
		return refuse(&d, "no site has this help address");
	}
	/* Someone who writes again before being answered joins their open
	 * request: one person, one place in the queue. */
	struct db_rows open;
	rc = db_query(db, pool, SQL_MAIL_REQUEST_OPEN_FOR_SENDER, &open, "is", db_cell_int(&site, 0, 1),
		      d.m.from_address);
	if (rc != DB_OK)
		return outcome(&d, rc, "");
	if (open.rows > 0) {
		rc = thread_add_incoming(db, pool, db_cell_int(&open, 0, 0), db_cell_int(&site, 0, 1), &in);
		return outcome(&d, rc, pool_printf(pool, "added to the sender's open request %lld",
						    db_cell_int(&open, 0, 0)));
	}
	const char *public_id = NULL;
	rc = thread_create_from_mail(db, cfg, pool, db_cell_int(&site, 0, 0), db_cell_int(&site, 0, 1),
				     db_cell(&site, 0, 2), &in, cfg->mail_acknowledge, &public_id);
	return outcome(&d, rc, pool_printf(pool, "help request %s in the queue", public_id));
}
