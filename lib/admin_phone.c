/* admin_phone.c - telephony settings and desk phones as admin actions. */
#include "admin_phone.h"

#include <string.h>

#include "account.h"
#include "agent_phone.h"
#include "config.h"
#include "db.h"
#include "pool.h"

int admin_phone_load(struct admin_context *ac, long long client_id, struct phone_line *out)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	bool found;
	int rc = phone_line_load(ac->db, ac->pool, client_id, out, &found);
	if (rc != DB_OK)
		return rc;
	return found ? 0 : admin_refuse(ac, 404, "There is no such client.");
}

int admin_phone_set(struct admin_context *ac, long long client_id, const char *setting,
		    const char *value)
{
	bool known = false;
	for (size_t i = 0; setting != NULL && phone_line_settings[i] != NULL; i++)
		known |= strcmp(setting, phone_line_settings[i]) == 0;
	if (!known)
		return admin_refuse(ac, 400, "There is no phone setting '%s'.", setting ? setting : "");
	if (value == NULL)
		value = "";
	if (strlen(value) > 500)
		return admin_refuse(ac, 400, "A phone setting has at most 500 characters.");
	bool rate = strcmp(setting, "rate_cents") == 0;
	int status = admin_authorize(ac, rate ? POWER_OPERATOR : POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	struct phone_line line;
	bool found;
	int rc = phone_line_load(ac->db, ac->pool, client_id, &line, &found);
	if (rc != DB_OK)
		return rc;
	if (!found)
		return admin_refuse(ac, 404, "There is no such client.");
	const char *error = NULL;
	int attempt = 0;
	do {
		rc = db_begin(ac->db);
		if (rc == DB_OK)
			rc = phone_line_set_in_transaction(ac->db, ac->pool, &line, setting, value, &error);
		if (rc == DB_OK)
			rc = admin_audit(ac, client_id, 0, "phone.set", pool_printf(ac->pool, "client %s",
					 line.client_name ? line.client_name : ""), "%s = %s", setting, value);
		rc = admin_finish(ac, rc);
	} while (db_retry(ac->db, &rc, &attempt));
	if (rc == PHONE_LINE_INVALID)
		return admin_refuse(ac, 400, "%s", error ? error : "That value is not valid.");
	if (rc != DB_OK)
		return rc;
	return admin_done(ac, "The phone setting %s is saved.", setting);
}

int admin_desk_phone(struct admin_context *ac, long long agent_id, bool on)
{
	struct account a;
	int status = account_find(ac, agent_id, NULL, POWER_ADMINISTER, &a);
	if (status != 0)
		return status;
	if (on && (ac->cfg == NULL || ac->cfg->sip_domain[0] == '\0'))
		return admin_refuse(ac, 409, "This installation has no SIP domain (sip_domain in baton.conf).");
	const char *user = NULL;
	char password[AGENT_PHONE_PASSWORD + 1];
	int rc, attempt = 0;
	do {
		rc = db_begin(ac->db);
		if (rc == DB_OK)
			rc = on ? agent_phone_set(ac->db, ac->pool, a.id, ac->cfg->sip_domain, &user, password)
				: agent_phone_remove(ac->db, a.id);
		if (rc == DB_OK)
			rc = admin_audit(ac, a.client_id, 0, on ? "account.desk_phone" : "account.desk_phone_off",
					 pool_printf(ac->pool, "account %s", a.email), "%s",
					 on ? "a new desk-phone account" : "calls to the browser again");
		rc = admin_finish(ac, rc);
	} while (db_retry(ac->db, &rc, &attempt));
	if (rc != DB_OK)
		return rc;
	if (!on)
		return admin_done(ac, "%s takes calls in the browser again.", a.name);
	ac->link_label = pool_printf(ac->pool, "%s's desk phone: user %s, password %s, domain %s. "
				     "Register it with Baton's SIP proxy; the password is shown only now.",
				     a.name, user, password, ac->cfg->sip_domain);
	return admin_done(ac, "%s's calls ring the desk phone from now on.", a.name);
}
