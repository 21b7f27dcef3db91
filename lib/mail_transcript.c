/* mail_transcript.c - the transcripts visitors asked for by e-mail
 * (mail_outbox, from the transcript page): once the visitor has left (or
 * the session closed), the transcript is rendered as the visitor's page
 * shows it (channel_to_view with a visitor's rules: no private lines, no
 * sign of monitoring) and queued, in the visitor's language: its words
 * from their catalogue, each line in its translation where there is one
 * (lib/catalogue.h). */
#include "buf.h"
#include "catalogue.h"
#include "channel.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "mail_jobs.h"
#include "mail_queue.h"
#include "pool.h"
#include "render.h"

enum { DUE_PER_ROUND = 20 };

/* Renders and queues one transcript, inside the caller's transaction. */
static int queue_transcript(const struct job_context *ctx, const struct db_rows *row,
			    long long *mail_id)
{
	long long client_id = db_cell_int(row, 0, 1);
	long long channel_id = db_cell_int(row, 0, 2);
	const char *address = db_cell(row, 0, 3);
	const char *channel_name = db_cell(row, 0, 4);
	const char *client_name = db_cell(row, 0, 5);
	const char *lang = db_cell(row, 0, 6);
	struct view *v = view_new_mail(ctx->pool, ctx->cfg);
	catalogue_load_dir(v, ctx->cfg->templates_dir, lang);
	if (lang != NULL)
		view_set(v, "reader.lang", lang);
	const char *const channel[] = { channel_name }, *const client[] = { client_name };
	const char *subject = catalogue_say(v, ctx->pool, "t.mail.transcript_subject", channel, 1);
	view_set(v, "client.name", client_name);
	view_set(v, "channel.name", channel_name);
	view_set(v, "mail.subject", subject);
	view_set(v, "mail.footer", catalogue_say(v, ctx->pool, "t.mail.sent_by", client, 1));
	/* As a visitor sees it: nobody's private lines, no monitoring. */
	int rc = channel_to_view(ctx->db, ctx->pool, channel_id, 0, false, v);
	struct buf text, html;
	buf_init(&text);
	buf_init(&html);
	if (rc == DB_OK && view_render_mail(v, "mail/transcript", &text, &html) != 0)
		rc = DB_ERROR;
	view_free(v);
	if (rc == DB_OK) {
		struct mail m = {
			.kind = "transcript", .client_id = client_id, .to = address,
			.subject = subject, .text = text.data, .html = html.data,
			.from_name = client_name, .auto_submitted = "auto-generated",
		};
		rc = mail_queue_add(ctx->db, ctx->cfg, ctx->pool, &m, mail_id, NULL);
	}
	buf_free(&text);
	buf_free(&html);
	return rc;
}

static int transcript_once(const struct job_context *ctx, long long outbox_id)
{
	struct db *db = ctx->db;
	struct db_rows row;
	long long mail_id = 0;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_query(db, ctx->pool, SQL_TRANSCRIPT_LOCK, &row, "i", outbox_id);
	if (rc != DB_OK || row.rows == 0) {
		/* Another mailer took it, or a new address reset it meanwhile. */
		db_rollback(db);
		return rc;
	}
	rc = queue_transcript(ctx, &row, &mail_id);
	if (rc == MAIL_BAD_MESSAGE) {
		log_warn("transcript %lld not sent: the address cannot be used", outbox_id);
		rc = db_exec(db, SQL_TRANSCRIPT_UNSENDABLE, NULL, "i", outbox_id);
	} else if (rc == DB_OK) {
		rc = db_exec(db, SQL_TRANSCRIPT_QUEUED, NULL, "ii", mail_id, outbox_id);
	}
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int transcript_job(const struct job_context *ctx)
{
	struct db_rows due;
	int rc = db_query(ctx->db, ctx->pool, SQL_TRANSCRIPT_DUE, &due, "i", (long long)DUE_PER_ROUND);
	for (size_t i = 0; rc == DB_OK && i < due.rows; i++) {
		int attempt = 0;
		do
			rc = transcript_once(ctx, db_cell_int(&due, i, 0));
		while (db_retry(ctx->db, &rc, &attempt));
	}
	return rc;
}
