/* admin_rooms.c - rooms' and events' settings as administrative actions
 * (admin_rooms.h). */
#include "admin_rooms.h"

#include <string.h>

#include "admin_billing.h"
#include "billing.h"
#include "crypto.h"
#include "db.h"
#include "event.h"
#include "pool.h"
#include "room_admin.h"

/* After a change (rc, inside the action's transaction): its audit row, then
 * the commit, or the rollback when either failed. */
static int audited(struct admin_context *ac, long long client_id, int rc, const char *action,
		   const char *object, const char *detail)
{
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, action, object, "%s", detail);
	return admin_finish(ac, rc);
}

int admin_room_settings(struct admin_context *ac, long long client_id, const char *policy,
			const char *show)
{
	if (policy != NULL && strcmp(policy, "guest") != 0 && strcmp(policy, "account") != 0)
		return admin_refuse(ac, 400, "room_join is guest (a name is enough) or account (a "
				    "collaborator id and password), not '%s'.", policy);
	long long on = 0;
	int status = show != NULL ? admin_int(ac, "show_who", show, 0, 1, &on) : 0;
	if (status == 0 && policy == NULL && show == NULL)
		status = admin_refuse(ac, 400, "The form sent no setting.");
	if (status == 0)
		status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK && policy != NULL && (rc = room_set_join(ac->db, client_id, policy)) == DB_OK)
		rc = admin_audit(ac, client_id, 0, "client.room_join", "room_join", "%s", policy);
	if (rc == DB_OK && show != NULL && (rc = room_set_show_who(ac->db, client_id, on == 1)) == DB_OK)
		rc = admin_audit(ac, client_id, 0, "client.show_who", "show_who", "%lld", on);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	const char *joining = policy == NULL ? "" : strcmp(policy, "guest") == 0
		? "Invited people join with their name. "
		: "Invited people join with a collaborator id and password. ";
	const char *who = show == NULL ? "" : on ? "The viewer shows the Who button." : "The viewer hides the Who button.";
	return admin_done(ac, "%s%s", joining, who);
}

static int collaborator_refused(struct admin_context *ac, int rc, const char *login)
{
	if (rc == ROOM_ADMIN_BAD_VALUE)
		return admin_refuse(ac, 400, "A collaborator's id is 1-100 characters without spaces, "
				    "their name 1-100 characters, a password at least 10 characters.");
	if (rc == ROOM_ADMIN_NO_SUCH)
		return admin_refuse(ac, 404, "There is no collaborator '%s' among yours.", login);
	if (rc == DB_DUPLICATE)
		return admin_refuse(ac, 409, "The id '%s' is taken: choose another.", login);
	return rc;
}

/* The password given, or a new one to hand over (ac->link). */
static const char *password_or_new(struct admin_context *ac, const char *password, const char *login)
{
	if (password != NULL && *password != '\0')
		return password;
	char token[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return NULL;
	ac->link = pool_strndup(ac->pool, token, 20);
	ac->link_label = pool_printf(ac->pool, "The password of %s (shown once)", login);
	return ac->link;
}

int admin_collaborator_add(struct admin_context *ac, long long client_id, const char *login,
			   const char *name, const char *password)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	login = login ? login : "";
	name = name ? name : "";
	if ((password = password_or_new(ac, password, login)) == NULL)
		return DB_ERROR;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = collaborator_add(ac->db, ac->pool, ac->cfg, client_id, login, name, password);
	rc = audited(ac, client_id, rc, "collaborator.add", pool_printf(ac->pool, "collaborator %s", login),
		     name);
	if ((rc = collaborator_refused(ac, rc, login)) != 0) {
		ac->link = NULL;
		return rc;
	}
	return admin_done(ac, "%s can join your rooms with the id %s.", name, login);
}

int admin_collaborator_password(struct admin_context *ac, long long client_id, const char *login,
				const char *password)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	login = login ? login : "";
	if ((password = password_or_new(ac, password, login)) == NULL)
		return DB_ERROR;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = collaborator_set_password(ac->db, ac->pool, ac->cfg, client_id, login, password);
	rc = audited(ac, client_id, rc, "collaborator.password",
		     pool_printf(ac->pool, "collaborator %s", login), "a new password");
	if ((rc = collaborator_refused(ac, rc, login)) != 0) {
		ac->link = NULL;
		return rc;
	}
	return admin_done(ac, "%s has a new password.", login);
}

int admin_collaborator_set_active(struct admin_context *ac, long long client_id, const char *login,
				  bool active)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	login = login ? login : "";
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_SETTINGS_COLLABORATOR_EXISTS, &rows, "is", client_id, login);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return collaborator_refused(ac, ROOM_ADMIN_NO_SUCH, login);
	const char *name = db_cell(&rows, 0, 0);
	if ((db_cell_int(&rows, 0, 1) == 0) == active)
		return admin_done(ac, "%s is %s already.", name, active ? "active" : "deactivated");
	rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SETTINGS_COLLABORATOR_SET_DISABLED, NULL, "iis", (long long)!active,
			     client_id, login);
	if ((rc = audited(ac, client_id, rc, active ? "collaborator.activate" : "collaborator.deactivate",
			  pool_printf(ac->pool, "collaborator %s", login), name)) != 0)
		return rc;
	return admin_done(ac, active ? "%s can join your rooms again." : "%s can no longer join your rooms.",
			  name);
}

int admin_collaborator_list(struct admin_context *ac, long long client_id, struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_ROOM_COLLABORATOR_LIST, out, "i", client_id);
}

int admin_event_rate(struct admin_context *ac, long long client_id, const char *unit,
		     const char *cents_text)
{
	long long cents;
	int status = admin_int(ac, "event rate (cents)", cents_text, 0, 100000000, &cents);
	if (status != 0)
		return status;
	enum billing_event_unit billed_by;
	if (billing_event_unit_parse(unit, &billed_by) != 0)
		return admin_refuse(ac, 400, "Events are billed per attendee or per seat_minute, not '%s'.",
				    unit ? unit : "");
	if ((status = admin_authorize(ac, POWER_OPERATOR, client_id)) != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = event_set_rate(ac->db, client_id, unit, cents);
	if (rc == DB_OK)
		rc = admin_terms_set_event_rate(ac, client_id, billed_by, cents);
	if ((rc = audited(ac, client_id, rc, "client.event_rate", "event rate",
			  pool_printf(ac->pool, "%lld cents per %s", cents, unit))) != 0)
		return rc;
	return admin_done(ac, "Events cost %lld cents per %s%s.", cents, unit,
			  cents == 0 ? " (counted, not billed)" : "");
}
