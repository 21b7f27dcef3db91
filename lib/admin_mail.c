/* admin_mail.c - mail settings as administrative actions (admin_mail.h). */
#include "admin_mail.h"

#include <string.h>

#include "account.h"
#include "db.h"
#include "mail_admin.h"
#include "pool.h"

/* The address typed ("" and "none" mean none), at most 254 characters:
 * the value, NULL for none, or NULL with *refused 400. */
static const char *typed_address(struct admin_context *ac, const char *value, int *refused)
{
	*refused = 0;
	if (value == NULL || *value == '\0' || strcmp(value, "none") == 0)
		return NULL;
	return admin_text(ac, "address", INPUT_LINE, 254, value, true, refused);
}

/* A refusal for what mail_admin.c answered, or rc itself. */
static int told(struct admin_context *ac, int rc, const char *address)
{
	if (rc == MAIL_ADMIN_BAD_ADDRESS)
		return admin_refuse(ac, 400, "'%s' is not an e-mail address Baton can use "
				    "(name@domain.example).", address);
	if (rc == DB_DUPLICATE)
		return admin_refuse(ac, 409, "Another site has the help address %s already.", address);
	return rc;
}

int admin_site_help_address(struct admin_context *ac, long long site_id, const char *site_key,
			    const char *address_in)
{
	int refused;
	const char *address = typed_address(ac, address_in, &refused);
	if (refused != 0)
		return refused;
	struct db_rows rows;
	int rc = site_id > 0 ? db_query(ac->db, ac->pool, SQL_SITE_BY_ID, &rows, "i", site_id)
			     : db_query(ac->db, ac->pool, SQL_SITE_BY_KEY_ADMIN, &rows, "s", site_key ? site_key : "");
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return admin_refuse(ac, 404, "There is no such site among yours.");
	long long client_id = db_cell_int(&rows, 0, 1);
	const char *name = db_cell(&rows, 0, 2), *key = db_cell(&rows, 0, 3);
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status == 404)
		return admin_refuse(ac, 404, "There is no such site among yours.");
	if (status != 0)
		return status;
	if ((rc = db_begin(ac->db)) == DB_OK)
		rc = mail_admin_site_address(ac->db, ac->pool, key, address);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "site.help_address", pool_printf(ac->pool, "site %s", name),
				 "help address %s", address ? address : "none");
	if ((rc = told(ac, admin_finish(ac, rc), address)) != 0)
		return rc;
	if (address == NULL)
		return admin_done(ac, "%s has no help address now.", name);
	return admin_done(ac, "Mail to %s now becomes a help request of %s.", address, name);
}

int admin_client_alert_email(struct admin_context *ac, long long client_id, const char *address_in)
{
	int refused;
	const char *address = typed_address(ac, address_in, &refused);
	if (refused != 0)
		return refused;
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	int rc = db_begin(ac->db);
	if (rc == DB_OK)
		rc = mail_admin_client_alerts(ac->db, ac->pool, client_id, address);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "client.alert_email", "alert address", "%s",
				 address ? address : "none");
	if ((rc = told(ac, admin_finish(ac, rc), address)) != 0)
		return rc;
	if (address == NULL)
		return admin_done(ac, "Alerts of help links on unregistered domains go nowhere now "
				  "(the refused-link log keeps them).");
	return admin_done(ac, "Alerts of help links on unregistered domains go to %s.", address);
}

int account_set_digest(struct admin_context *ac, long long agent_id, bool wanted)
{
	struct account a;
	int status = account_find(ac, agent_id, NULL, POWER_STAFF, &a);
	if (status != 0)
		return status;
	int rc = db_begin(ac->db);
	if (rc == DB_OK)
		rc = mail_admin_digest(ac->db, a.id, wanted);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.digest",
				 pool_printf(ac->pool, "account %s", a.email), "weekly digest %s",
				 wanted ? "on" : "off");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, wanted ? "%s gets the weekly digest." : "%s no longer gets the weekly digest.",
			  a.name);
}
