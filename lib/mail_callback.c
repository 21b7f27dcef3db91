/* mail_callback.c - a call-back the dialer gave up on is told to the
 * visitor by e-mail: which number was tried, how often, and how to ask
 * again (the page they asked on, the client's help number, a reply to the
 * site's help address). */
#include "mail_callback.h"

#include "buf.h"
#include "catalogue.h"
#include "config.h"
#include "db.h"
#include "helpreq.h"
#include "log.h"
#include "mail_queue.h"
#include "pool.h"
#include "render.h"

/* The page the visitor asked on, when it is on one of the site's own
 * domains: the form's page field is the visitor's word, and a mail in the
 * client's name must not carry someone else's link. */
static int page_to_offer(struct db *db, struct pool *pool, long long site_id, const char *page,
			 const char **out)
{
	*out = NULL;
	const char *host = page ? helpreq_url_host(pool, page) : NULL;
	if (host == NULL)
		return DB_OK;
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_SITE_HAS_DOMAIN, &rows, "iss", site_id, host, host);
	if (rc == DB_OK && db_cell_int(&rows, 0, 0) > 0)
		*out = page;
	return rc;
}

int mail_callback_unreachable(struct db *db, const struct config *cfg, struct pool *pool,
			      long long request_id, long long attempts)
{
	struct db_rows row;
	int rc = db_query(db, pool, SQL_MAIL_CALLBACK_UNREACHABLE, &row, "i", request_id);
	if (rc != DB_OK || row.rows == 0)
		return rc;
	const char *address = db_cell(&row, 0, 0);
	if (address == NULL || !mail_is_address(address))
		return DB_OK; /* no address left: the waiting page says it */
	const char *client_name = db_cell(&row, 0, 5);
	const char *page = NULL;
	rc = page_to_offer(db, pool, db_cell_int(&row, 0, 8), db_cell(&row, 0, 3), &page);
	if (rc != DB_OK)
		return rc;
	/* In the visitor's language (lib/catalogue.h). */
	struct view *v = view_new_mail(pool, cfg);
	catalogue_load_dir(v, cfg->templates_dir, db_cell(&row, 0, 9));
	const char *const subject_values[] = { client_name, db_cell(&row, 0, 2) };
	const char *subject = catalogue_say(v, pool, "t.mail.unreachable_subject", subject_values, 2);
	const char *const client[] = { client_name };
	view_set(v, "mail.subject", subject);
	view_set(v, "mail.footer", catalogue_say(v, pool, "t.mail.automatic", client, 1));
	view_set(v, "client.name", client_name);
	view_set(v, "visitor.name", db_cell(&row, 0, 1));
	view_set(v, "callback.phone", db_cell(&row, 0, 2));
	view_set_int(v, "callback.attempts", attempts);
	view_set(v, "callback.page", page);
	view_set(v, "callback.help_number", db_cell(&row, 0, 7));
	view_set(v, "callback.help_address", db_cell(&row, 0, 6));
	struct buf text, html;
	buf_init(&text);
	buf_init(&html);
	if (view_render_mail(v, "mail/callback_unreachable", &text, &html) != 0)
		rc = DB_ERROR;
	view_free(v);
	if (rc == DB_OK) {
		struct mail m = {
			.kind = "callback_unreachable", .client_id = db_cell_int(&row, 0, 4),
			.request_id = request_id, .to = address, .to_name = db_cell(&row, 0, 1),
			.subject = subject, .text = text.data, .html = html.data,
			.from_name = client_name, .reply_to = db_cell(&row, 0, 6),
			.auto_submitted = "auto-generated",
		};
		rc = mail_queue_add(db, cfg, pool, &m, NULL, NULL);
		if (rc == MAIL_BAD_MESSAGE)
			rc = DB_OK; /* logged by the queue; the call-back is marked all the same */
	}
	buf_free(&text);
	buf_free(&html);
	return rc;
}
