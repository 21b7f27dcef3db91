/* alert.c - warning mail (see alert.h). */
#include "alert.h"

#include "buf.h"
#include "config.h"
#include "db.h"
#include "helpreq.h"
#include "log.h"
#include "mail_queue.h"
#include "pool.h"
#include "render.h"

/* Renders mail/NAME from v and queues it to each address (NULL ones
 * skipped). */
static int queue(struct request *r, struct view *v, const char *name, const char *kind,
		 long long client_id, const char *subject, const char *const *to, size_t count)
{
	struct buf text, html;
	buf_init(&text);
	buf_init(&html);
	view_set(v, "mail.subject", subject);
	int rc = view_render_mail(v, name, &text, &html) == 0 ? DB_OK : DB_ERROR;
	for (size_t i = 0; rc == DB_OK && i < count; i++) {
		if (to[i] == NULL || *to[i] == '\0')
			continue;
		struct mail m = {
			.kind = kind, .client_id = client_id, .to = to[i], .subject = subject,
			.text = text.data, .html = html.data, .auto_submitted = "auto-generated",
		};
		rc = mail_queue_add(r->db, r->cfg, r->pool, &m, NULL, NULL);
		if (rc == MAIL_BAD_MESSAGE)
			rc = DB_OK;
	}
	buf_free(&text);
	buf_free(&html);
	return rc;
}

/* The first refusal from a domain, or the first a day after the last alert
 * (each statement decides atomically, so two hosts alert once). */
static int alert_due(struct request *r, long long client_id, const char *host, int *due)
{
	unsigned long long inserted = 0, renewed = 0;
	*due = 0;
	int rc = db_exec(r->db, SQL_DOMAIN_ALERT_FIRST, &inserted, "si", host, client_id);
	if (rc == DB_OK && inserted == 0)
		rc = db_exec(r->db, SQL_DOMAIN_ALERT_AGAIN, &renewed, "s", host);
	*due = inserted > 0 || renewed > 0;
	return rc;
}

void alert_unregistered_domain(struct request *r, const struct site_info *site, const char *host,
			       const char *page)
{
	struct db_rows client;
	int due = 0;
	int rc = alert_due(r, site->client_id, host, &due);
	if (rc == DB_OK && due)
		rc = db_query(r->db, r->pool, SQL_ALERT_CLIENT, &client, "ii", site->id, site->client_id);
	if (rc == DB_OK && due && client.rows > 0) {
		struct view *v = view_new_mail(r->pool, r->cfg);
		view_set(v, "client.name", site->client_name);
		view_set(v, "site.name", site->name);
		view_set(v, "site.domains", db_cell(&client, 0, 1));
		view_set(v, "domain", host);
		view_set(v, "page", page);
		view_set(v, "settings", pool_printf(r->pool, "%s/settings", mail_public_url(r->cfg, r->pool)));
		const char *to[] = { r->cfg->operator_email, db_cell(&client, 0, 0) };
		rc = queue(r, v, "mail/unregistered_domain", "unregistered_domain", site->client_id,
			   pool_printf(r->pool, "A help link of %s was used on %s, which is not registered",
				       site->client_name, host), to, 2);
		view_free(v);
	}
	if (rc != DB_OK)
		log_error("the alert about %s (client %lld) could not be queued", host, site->client_id);
}

void alert_new_signin_address(struct request *r, long long agent_id)
{
	if (!r->cfg->signin_alerts)
		return;
	struct db_rows seen;
	int rc = db_query(r->db, r->pool, SQL_SIGNIN_ADDRESSES, &seen, "si", r->remote_addr, agent_id);
	/* Their first sign-in ever is no news; a known address neither. */
	if (rc != DB_OK || seen.rows == 0 || db_cell_int(&seen, 0, 0) < 2 || db_cell_int(&seen, 0, 1) > 1) {
		if (rc != DB_OK)
			log_error("the sign-in alert for agent %lld could not be checked", agent_id);
		return;
	}
	struct view *v = view_new_mail(r->pool, r->cfg);
	view_set(v, "agent.name", db_cell(&seen, 0, 2));
	view_set(v, "client.name", db_cell(&seen, 0, 4));
	view_set(v, "signin.address", r->remote_addr);
	view_set(v, "signin.browser", r->user_agent);
	view_set(v, "signin.at", db_cell(&seen, 0, 5));
	view_set(v, "signin.page", pool_printf(r->pool, "%s/signin", mail_public_url(r->cfg, r->pool)));
	const char *to[] = { db_cell(&seen, 0, 3) };
	rc = queue(r, v, "mail/signin_alert", "signin_alert", db_cell_int(&seen, 0, 6),
		   pool_printf(r->pool, "New sign-in to Baton from %s", r->remote_addr), to, 1);
	view_free(v);
	if (rc != DB_OK)
		log_error("the sign-in alert for agent %lld could not be queued", agent_id);
}
