/* admin_clients.c - creating, suspending and deleting clients, and the
 * house client (see admin_clients.h). */
#include "admin_clients.h"

#include <string.h>

#include "account.h"
#include "admin_billing.h"
#include "config.h"
#include "db.h"
#include "pool.h"

/* The slug the house client gets when the installation has none. */
#define HOUSE_SLUG "operator"

int admin_client_find(struct admin_context *ac, const char *slug, enum admin_power power,
		      long long *client_id)
{
	struct db_rows rows;
	static const char none[] = "There is no such client, or it is not one of yours.";
	if (slug == NULL || *slug == '\0')
		return admin_refuse(ac, 400, "Name the client.");
	int rc = db_query(ac->db, ac->pool, SQL_CLIENT_BY_SLUG, &rows, "s", slug);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return ac->role == ROLE_OPERATOR ? admin_refuse(ac, 404, "There is no client '%s'.", slug)
						 : admin_refuse(ac, 404, none);
	*client_id = db_cell_int(&rows, 0, 0);
	return admin_authorize(ac, power, *client_id);
}

int admin_client_create(struct admin_context *ac, const char *slug, const char *name_in,
			const char *admin_email, const char *admin_name, const char *reseller_slug)
{
	int status = admin_slug(ac, "slug", slug);
	if (status != 0)
		return status;
	int refused;
	const char *name = admin_text(ac, "name", INPUT_LINE, 200, name_in, true, &refused);
	if (name == NULL)
		return refused;
	long long reseller_id = 0;
	if (ac->role == ROLE_RESELLER) {
		reseller_id = ac->reseller_id;
	} else if (ac->role != ROLE_OPERATOR) {
		return admin_refuse(ac, 403, "Only the Baton operator and resellers create clients.");
	} else if (reseller_slug != NULL && *reseller_slug != '\0' && strcmp(reseller_slug, "none") != 0
		   && (status = admin_reseller_find(ac, reseller_slug, &reseller_id, NULL)) != 0) {
		return status;
	}
	if (reseller_id == 0 && ac->role == ROLE_RESELLER)
		return admin_refuse(ac, 403, "This reseller account has no reseller.");
	bool with_admin = admin_email != NULL && *admin_email != '\0';
	if (!with_admin && ac->role == ROLE_RESELLER)
		return admin_refuse(ac, 400, "Give the client's first administrator: their e-mail "
				    "address and name.");

	int rc = admin_begin(ac);
	if (rc == DB_OK) {
		rc = db_exec(ac->db, SQL_CLIENT_INSERT, NULL, "ss", slug, name);
		if (rc == DB_DUPLICATE)
			rc = admin_refuse(ac, 409, "A client with the slug '%s' exists already: choose "
					  "another.", slug);
	}
	long long client_id = rc == DB_OK ? (long long)db_last_insert_id(ac->db) : 0;
	/* Every client has terms from the start (rate 0 until the operator sets one). */
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_TERMS_INSERT, NULL, "isiisniisi", client_id, "minute", 0LL, 0LL,
			     "EUR", reseller_id, 0LL, 0LL, "attendee", 0LL);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, reseller_id, "client.create",
				 pool_printf(ac->pool, "client %s", slug), "named '%s'", name);
	if (rc == DB_OK && with_admin)
		rc = account_invite(ac, client_id, admin_email, admin_name, "admin", 0, true);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	ac->new_id = client_id;
	if (with_admin)
		return admin_done(ac, "Client %s is created. Send %s this link to set their password "
				  "and sign in as its administrator (it works once, for %d hours): %s",
				  slug, admin_name, ac->cfg->invitation_hours, ac->link);
	return admin_done(ac, "client %s created", slug);
}

int admin_client_suspend(struct admin_context *ac, const char *slug, bool suspend)
{
	long long client_id;
	int status = admin_client_find(ac, slug, POWER_OPERATOR, &client_id);
	if (status != 0)
		return status;
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_CLIENT_STATE, &rows, "i", client_id);
	if (rc != DB_OK)
		return rc;
	if (db_cell_int(&rows, 0, 1) != 0)
		return admin_refuse(ac, 409, "The operator's own client cannot be suspended.");
	if ((db_cell_int(&rows, 0, 0) != 0) == suspend)
		return admin_done(ac, "Client %s is %s already.", slug, suspend ? "suspended" : "active");
	rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_CLIENT_SUSPEND, NULL, "ii", (long long)suspend, client_id);
	/* Suspended staff lose their sessions at once (the session lookup
	 * refuses them) and are shown signed out. */
	if (rc == DB_OK && suspend)
		rc = db_exec(ac->db, SQL_CLIENT_SIGN_OUT_ALL, NULL, "i", client_id);
	if (rc == DB_OK && suspend)
		rc = admin_touch_queue(ac, client_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, suspend ? "client.suspend" : "client.resume",
				 pool_printf(ac->pool, "client %s", slug), "%s", "");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, suspend ? "Client %s is suspended: its staff are signed out and its "
			  "help links are refused." : "Client %s is active again.", slug);
}

/* Everything a client owns, in an order the foreign keys allow (tables
 * that cascade from client or agent rows are left to that: terms, opening
 * hours, links, recovery codes). A new table holding a client's data
 * belongs here too; t/clients.t checks that no table keeps rows of a
 * deleted client. */
static const enum sql_id client_data[] = {
	SQL_DELETE_CLIENT_EVENTS, SQL_DELETE_CLIENT_MAIL, SQL_DELETE_CLIENT_SAMPLE_CLOCKS,
	SQL_DELETE_CLIENT_SAMPLES, SQL_DELETE_CLIENT_CALL_MEMBERS, SQL_DELETE_CLIENT_CALLS,
	SQL_DELETE_CLIENT_ATTACHMENTS, SQL_DELETE_CLIENT_HELP_MESSAGES, SQL_DELETE_CLIENT_MAIL_MESSAGES,
	SQL_DELETE_CLIENT_VISITOR_EMAILS, SQL_DELETE_CLIENT_DOMAIN_ALERTS,
	SQL_DELETE_CLIENT_VOICE_MESSAGES, SQL_DELETE_CLIENT_CALL_COMMANDS, SQL_DELETE_CLIENT_CALL_EVENTS,
	SQL_DELETE_CLIENT_PHONE_CALLS, SQL_DELETE_CLIENT_CALL_CODES, SQL_DELETE_CLIENT_CALLING_HOURS,
	SQL_DELETE_CLIENT_PHONE_LINE, SQL_DELETE_CLIENT_PARTICIPANTS,
	SQL_DELETE_CLIENT_REFUSALS, SQL_DELETE_CLIENT_REQUEST_EVENTS, SQL_DELETE_CLIENT_REQUESTS,
	SQL_DELETE_CLIENT_CHANNELS, SQL_DELETE_CLIENT_PROFILES, SQL_DELETE_CLIENT_NOTES,
	SQL_DELETE_CLIENT_CANNED, SQL_DELETE_CLIENT_ADDRESSES, SQL_DELETE_CLIENT_AVATAR_RULES,
	SQL_DELETE_CLIENT_HITS, SQL_DELETE_CLIENT_REFUSED_LINKS, SQL_DELETE_CLIENT_SITES,
	SQL_DELETE_CLIENT_AGENT_EVENTS, SQL_DELETE_CLIENT_SESSIONS, SQL_DELETE_CLIENT_SIGNINS,
	SQL_DELETE_CLIENT_DESK_PHONES, SQL_DELETE_CLIENT_AGENTS, SQL_DELETE_CLIENT,
};

int admin_client_delete(struct admin_context *ac, const char *slug, const char *confirmation)
{
	long long client_id;
	int status = admin_client_find(ac, slug, POWER_OPERATOR, &client_id);
	if (status != 0)
		return status;
	if (confirmation == NULL || strcmp(confirmation, slug) != 0)
		return admin_refuse(ac, 400, "To delete client %s with all its data, type its slug "
				    "(%s) to confirm.", slug, slug);
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_CLIENT_STATE, &rows, "i", client_id);
	if (rc != DB_OK)
		return rc;
	if (db_cell_int(&rows, 0, 1) != 0)
		return admin_refuse(ac, 409, "The operator's own client cannot be deleted.");
	rc = admin_begin(ac);
	for (size_t i = 0; rc == DB_OK && i < sizeof client_data / sizeof client_data[0]; i++)
		rc = db_exec(ac->db, client_data[i], NULL, "i", client_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "client.delete", pool_printf(ac->pool, "client %s", slug),
				 "deleted with all its data");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Client %s and all its data are deleted.", slug);
}

int admin_client_list(struct admin_context *ac, struct db_rows *out)
{
	if (ac->role == ROLE_OPERATOR)
		return db_query(ac->db, ac->pool, SQL_CLIENTS_OVERVIEW, out, "n", 0LL);
	if (ac->role == ROLE_RESELLER && ac->reseller_id > 0)
		return db_query(ac->db, ac->pool, SQL_CLIENTS_OVERVIEW, out, "n", ac->reseller_id);
	return admin_refuse(ac, 403, "The list of clients is for the Baton operator and resellers.");
}

int admin_house_client(struct admin_context *ac, bool create, long long *client_id)
{
	if (create)
		return admin_house_client_named(ac, HOUSE_SLUG, "Baton operator", client_id);
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_CLIENT_HOUSE, &rows, "");
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return admin_refuse(ac, 404, "The installation has no operator's client yet.");
	*client_id = db_cell_int(&rows, 0, 0);
	return 0;
}

int admin_house_client_named(struct admin_context *ac, const char *slug, const char *name_in,
			     long long *client_id)
{
	if (ac->role != ROLE_OPERATOR)
		return admin_refuse(ac, 403, "Only the Baton operator has the operator's client.");
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_CLIENT_HOUSE, &rows, "");
	if (rc != DB_OK)
		return rc;
	if (rows.rows > 0) {
		*client_id = db_cell_int(&rows, 0, 0);
		return 0;
	}
	int status = admin_slug(ac, "short name", slug), refused;
	if (status != 0)
		return status;
	const char *name = admin_text(ac, "name", INPUT_LINE, 200, name_in, true, &refused);
	if (name == NULL)
		return refused;
	rc = db_exec(ac->db, SQL_CLIENT_INSERT_HOUSE, NULL, "ss", slug, name);
	if (rc == DB_DUPLICATE)
		return admin_refuse(ac, 409, "A client with the slug '%s' exists and is not the "
				    "operator's: rename it first.", slug);
	if (rc != DB_OK)
		return rc;
	*client_id = (long long)db_last_insert_id(ac->db);
	return db_exec(ac->db, SQL_TERMS_INSERT, NULL, "isiisniisi", *client_id, "minute", 0LL, 0LL, "EUR",
		       0LL, 0LL, 0LL, "attendee", 0LL);
}

int admin_operator_add(struct admin_context *ac, const char *email, const char *name,
		       const char *password)
{
	if (ac->role != ROLE_OPERATOR)
		return admin_refuse(ac, 403, "Only the Baton operator may add operators.");
	long long house;
	int status = admin_house_client(ac, true, &house);
	if (status != 0)
		return status;
	if (password != NULL)
		return account_add(ac, house, email, name, "operator", 0, password);
	return account_invite(ac, house, email, name, "operator", 0, false);
}
