/* account.c - staff accounts as administrators and their owners manage
 * them (see account.h). */
#include "account.h"

#include <string.h>

#include "config.h"
#include "crypto.h"
#include "mail_queue.h"
#include "db.h"
#include "pool.h"

const char *const account_desk_roles[] = { "agent", "supervisor", "admin", NULL };
static const char *const all_roles[] = { "agent", "supervisor", "admin", "operator", "reseller", NULL };

/* Columns of SQL_ACCOUNT_BY_ID and SQL_ACCOUNT_BY_EMAIL. */
enum { A_ID, A_CLIENT, A_EMAIL, A_NAME, A_ROLE, A_DISABLED, A_MAX_SESSIONS, A_RESELLER,
       A_HAS_PASSWORD, A_CLIENT_SLUG };

static void account_from_row(struct account *a, const struct db_rows *rows)
{
	a->id = db_cell_int(rows, 0, A_ID);
	a->client_id = db_cell_int(rows, 0, A_CLIENT);
	a->email = db_cell(rows, 0, A_EMAIL);
	a->name = db_cell(rows, 0, A_NAME);
	a->role = db_cell(rows, 0, A_ROLE);
	a->disabled = db_cell_int(rows, 0, A_DISABLED) != 0;
	a->max_sessions = db_cell_int(rows, 0, A_MAX_SESSIONS);
	a->reseller_id = db_cell(rows, 0, A_RESELLER) ? db_cell_int(rows, 0, A_RESELLER) : 0;
	a->has_password = db_cell_int(rows, 0, A_HAS_PASSWORD) != 0;
	a->client_slug = db_cell(rows, 0, A_CLIENT_SLUG);
}

static bool is_house_role(const char *role)
{
	return strcmp(role, "operator") == 0 || strcmp(role, "reseller") == 0;
}

int account_find(struct admin_context *ac, long long id, const char *email, enum admin_power power,
		 struct account *out)
{
	struct db_rows rows;
	int rc = id > 0 ? db_query(ac->db, ac->pool, SQL_ACCOUNT_BY_ID, &rows, "i", id)
			: db_query(ac->db, ac->pool, SQL_ACCOUNT_BY_EMAIL, &rows, "s", email ? email : "");
	if (rc != DB_OK)
		return rc;
	static const char none[] = "There is no such person among yours.";
	if (rows.rows == 0)
		return admin_refuse(ac, 404, none);
	account_from_row(out, &rows);
	/* Everyone manages their own account; others' take an administrator. */
	if (out->id == ac->agent_id && ac->agent_id != 0)
		return 0;
	if (power == POWER_STAFF)
		power = POWER_ADMINISTER;
	int status = admin_authorize(ac, power, out->client_id);
	if (status == 404)
		return admin_refuse(ac, 404, none);
	if (status != 0)
		return status;
	/* The operator's and resellers' accounts are the operator's to manage. */
	if (is_house_role(out->role) && ac->role != ROLE_OPERATOR)
		return admin_refuse(ac, 403, "%s's account is managed by the Baton operator.", out->name);
	return 0;
}

int account_password_acceptable(struct admin_context *ac, const char *password, const char *again)
{
	if (password == NULL || *password == '\0')
		return admin_refuse(ac, 400, "Choose a password.");
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)password; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	if (chars < PASSWORD_MIN_CHARS)
		return admin_refuse(ac, 400, "A password needs at least %d characters.", PASSWORD_MIN_CHARS);
	if (chars > PASSWORD_MAX_CHARS)
		return admin_refuse(ac, 400, "A password may have at most %d characters.", PASSWORD_MAX_CHARS);
	if (again != NULL && strcmp(password, again) != 0)
		return admin_refuse(ac, 400, "The two passwords differ: type the same one twice.");
	return 0;
}

static char *password_hash(struct admin_context *ac, const char *password)
{
	char *hash = pool_alloc(ac->pool, PASSWORD_HASH_MAX);
	return crypto_password_hash(password, ac->cfg->password_iterations, hash) == 0 ? hash : NULL;
}

/* The name, e-mail address and role of a new account: 0, or 400. */
static int check_new_account(struct admin_context *ac, const char **email, const char **name,
			     const char *role, long long reseller_id)
{
	int refused;
	*email = admin_text(ac, "email", INPUT_EMAIL, 254, *email, true, &refused);
	if (*email == NULL)
		return refused;
	*name = admin_text(ac, "name", INPUT_LINE, 100, *name, true, &refused);
	if (*name == NULL)
		return refused;
	bool known = false;
	for (const char *const *r = all_roles; *r; r++)
		known |= role != NULL && strcmp(*r, role) == 0;
	if (!known)
		return admin_refuse(ac, 400, "The role '%s' must be agent, supervisor or admin (or "
				    "operator, for the Baton operator).", role ? role : "");
	if (is_house_role(role) && ac->role != ROLE_OPERATOR)
		return admin_refuse(ac, 403, "Only the Baton operator makes operator and reseller accounts.");
	if (strcmp(role, "reseller") == 0 && reseller_id == 0)
		return admin_refuse(ac, 400, "A reseller's account needs its reseller.");
	return 0;
}

static int insert_account(struct admin_context *ac, long long client_id, const char *email,
			  const char *name, const char *role, long long reseller_id, const char *hash)
{
	int rc = db_exec(ac->db, SQL_AGENT_INSERT, NULL, "issssn", client_id, email, name, role, hash,
			 strcmp(role, "reseller") == 0 ? reseller_id : 0LL);
	if (rc == DB_DUPLICATE)
		return admin_refuse(ac, 409, "Someone already has the e-mail address %s.", email);
	if (rc == DB_OK)
		ac->new_id = (long long)db_last_insert_id(ac->db);
	return rc;
}

int account_link_issue(struct admin_context *ac, const struct account *a, const char *kind)
{
	char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	crypto_sha256_hex(token, hash);
	bool invitation = strcmp(kind, "invitation") == 0;
	long long seconds = invitation ? (long long)ac->cfg->invitation_hours * 3600
				       : (long long)ac->cfg->reset_hours * 3600;
	int rc = db_exec(ac->db, SQL_ACCOUNT_TOKENS_VOID, NULL, "i", a->id);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_TOKEN_INSERT, NULL, "sisi", hash, a->id, kind, seconds);
	if (rc != DB_OK)
		return rc;
	ac->link = pool_printf(ac->pool, "%s/password?t=%s", ac->base_url ? ac->base_url : "", token);
	/* The page shows the link (and baton-admin prints it) to pass on, and
	 * it is mailed to the account's address, queued in this transaction so
	 * that it goes exactly when the link exists. */
	const char *address = pool_printf(ac->pool, "%s/password?t=%s",
					  ac->base_url && *ac->base_url ? ac->base_url
									: mail_public_url(ac->cfg, ac->pool), token);
	int hours = invitation ? ac->cfg->invitation_hours : ac->cfg->reset_hours;
	struct mail m = {
		.kind = invitation ? "invitation" : "password_reset", .client_id = a->client_id,
		.to = a->email, .to_name = a->name, .auto_submitted = "auto-generated",
		.subject = invitation ? "Your Baton account: set your password"
				      : "Baton: a link to set a new password",
		.text = pool_printf(ac->pool, "Hello %s,\n\n%s\n\n    %s\n\nThe link works once, for %d "
				    "hours. If you did not expect this, ignore this message.\n",
				    a->name ? a->name : "",
				    invitation ? "You have an account at Baton. Choose your password here:"
					       : "Someone who administers your Baton account made a link for you "
						 "to set a new password:", address, hours),
	};
	rc = mail_queue_add(ac->db, ac->cfg, ac->pool, &m, NULL, NULL);
	/* An address mail cannot go to still gets its link on the screen. */
	return rc == MAIL_BAD_MESSAGE ? DB_OK : rc;
}

static int invite_in_transaction(struct admin_context *ac, long long client_id, const char *email,
				 const char *name, const char *role, long long reseller_id)
{
	int rc = insert_account(ac, client_id, email, name, role, reseller_id, "");
	if (rc != DB_OK)
		return rc;
	struct account a = { .id = ac->new_id, .client_id = client_id, .email = email, .name = name,
			     .role = role, .reseller_id = reseller_id };
	rc = account_link_issue(ac, &a, "invitation");
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, reseller_id, "account.invite",
				 pool_printf(ac->pool, "account %s", email), "invited %s as %s", name, role);
	return rc;
}

int account_invite(struct admin_context *ac, long long client_id, const char *email,
		   const char *name, const char *role, long long reseller_id, bool in_transaction)
{
	int status = check_new_account(ac, &email, &name, role, reseller_id);
	if (status == 0 && !in_transaction)
		status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	if (in_transaction)
		return invite_in_transaction(ac, client_id, email, name, role, reseller_id);
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = invite_in_transaction(ac, client_id, email, name, role, reseller_id);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "%s is invited. Send them this link to set their password "
			  "(it works once, for %d hours; it is also mailed to them): %s", name,
			  ac->cfg->invitation_hours, ac->link);
}

int account_add(struct admin_context *ac, long long client_id, const char *email, const char *name,
		const char *role, long long reseller_id, const char *password)
{
	int status = check_new_account(ac, &email, &name, role, reseller_id);
	if (status == 0)
		status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status == 0)
		status = account_password_acceptable(ac, password, NULL);
	if (status != 0)
		return status;
	const char *hash = password_hash(ac, password);
	if (hash == NULL)
		return DB_ERROR;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = insert_account(ac, client_id, email, name, role, reseller_id, hash);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, reseller_id, "account.add",
				 pool_printf(ac->pool, "account %s", email), "added %s as %s", name, role);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "%s (%s) can sign in as %s.", name, role, email);
}

/* Ends every session of the account (but keep_session_id) and, when it
 * was signed in, signs it out for the desk, the reports and routing. */
static int sign_out(struct admin_context *ac, const struct account *a, long long keep_session_id)
{
	int rc = db_exec(ac->db, SQL_ACCOUNT_SESSIONS_END, NULL, "ii", a->id, keep_session_id);
	if (rc != DB_OK || keep_session_id != 0)
		return rc;
	unsigned long long changed = 0;
	rc = db_exec(ac->db, SQL_AGENT_SET_STATE, &changed, "sis", "offline", a->id, "offline");
	if (rc == DB_OK && changed > 0)
		rc = db_exec(ac->db, SQL_AGENT_EVENT_INSERT, NULL, "iisss", a->id, a->client_id,
			     "signout", "offline", ac->from);
	if (rc == DB_OK && changed > 0)
		rc = admin_touch_queue(ac, a->client_id);
	return rc;
}

int account_link_check(struct admin_context *ac, const char *token, struct account *a,
		       const char **kind)
{
	static const char dead[] = "This link is not valid any more: it was used already, "
				   "replaced by a newer one, or it has expired. Ask your administrator "
				   "for a new one.";
	if (token == NULL || !crypto_is_token(token))
		return admin_refuse(ac, 404, dead);
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(token, hash);
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_ACCOUNT_TOKEN_FIND, &rows, "s", hash);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return admin_refuse(ac, 404, dead);
	/* The account's columns as by id, then the token's id and kind. */
	account_from_row(a, &rows);
	ac->new_id = db_cell_int(&rows, 0, A_CLIENT_SLUG + 1);
	*kind = db_cell(&rows, 0, A_CLIENT_SLUG + 2);
	return 0;
}

int account_link_use(struct admin_context *ac, const char *token, const char *password,
		     const char *again)
{
	struct account a;
	const char *kind;
	int status = account_link_check(ac, token, &a, &kind);
	if (status != 0)
		return status;
	long long token_id = ac->new_id;
	if ((status = account_password_acceptable(ac, password, again)) != 0)
		return status;
	const char *hash = password_hash(ac, password);
	if (hash == NULL)
		return DB_ERROR;
	/* The person acts on their own account. */
	ac->agent_id = a.id;
	ac->client_id = a.client_id;
	ac->reseller_id = a.reseller_id;
	ac->role = staff_role_named(a.role);
	ac->who = a.email;
	unsigned long long used = 0;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_TOKEN_USE, &used, "i", token_id);
	if (rc == DB_OK && used == 0)
		rc = admin_refuse(ac, 404, "This link was used a moment ago.");
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_PASSWORD, NULL, "si", hash, a.id);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_TOKENS_VOID, NULL, "i", a.id);
	if (rc == DB_OK)
		rc = sign_out(ac, &a, 0);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.password",
				 pool_printf(ac->pool, "account %s", a.email), "set a password through %s %s",
				 strcmp(kind, "reset") == 0 ? "a" : "an", strcmp(kind, "reset") == 0
				 ? "reset link" : "invitation");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	ac->new_id = a.id;
	return admin_done(ac, "Your password is set. Sign in with %s and your new password.", a.email);
}

int account_reset(struct admin_context *ac, long long agent_id)
{
	struct account a;
	int status = account_find(ac, agent_id, NULL, POWER_ADMINISTER, &a);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = account_link_issue(ac, &a, a.has_password ? "reset" : "invitation");
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.reset",
				 pool_printf(ac->pool, "account %s", a.email), "made a new %s link",
				 a.has_password ? "password reset" : "invitation");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Send %s this link to set a new password (it works once, for %d "
			  "hours; their current password keeps working until then; it is also mailed to "
			  "them): %s", a.name,
			  a.has_password ? ac->cfg->reset_hours : ac->cfg->invitation_hours, ac->link);
}

/* How many other active administrators the client has besides a. */
static int other_admins(struct admin_context *ac, const struct account *a, long long *count)
{
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_ACCOUNT_ADMINS_ACTIVE, &rows, "ii", a->client_id, a->id);
	if (rc == DB_OK)
		*count = db_cell_int(&rows, 0, 0);
	return rc;
}

/* An administrator may not take away the client's last administrator:
 * nobody would be left to manage the desk. */
static int keeps_an_admin(struct admin_context *ac, const struct account *a)
{
	if (strcmp(a->role, "admin") != 0 || a->disabled)
		return 0;
	long long others = 0;
	int rc = other_admins(ac, a, &others);
	if (rc != DB_OK)
		return rc;
	if (others == 0)
		return admin_refuse(ac, 409, "%s is this client's only active administrator: make "
				    "someone else an administrator first.", a->name);
	return 0;
}

int account_set_role(struct admin_context *ac, long long agent_id, const char *role)
{
	struct account a;
	int status = account_find(ac, agent_id, NULL, POWER_ADMINISTER, &a);
	if (status != 0)
		return status;
	bool allowed = false;
	for (const char *const *r = account_desk_roles; *r; r++)
		allowed |= role != NULL && strcmp(*r, role) == 0;
	/* The operator's house: operators may make more operators. */
	if (role != NULL && strcmp(role, "operator") == 0 && ac->role == ROLE_OPERATOR)
		allowed = true;
	if (!allowed)
		return admin_refuse(ac, 400, "The role must be agent, supervisor or admin.");
	if (is_house_role(a.role) && strcmp(a.role, "operator") != 0)
		return admin_refuse(ac, 409, "A reseller's account keeps its role.");
	if (strcmp(a.role, role) == 0)
		return admin_done(ac, "%s is %s %s already.", a.name,
				  strcmp(role, "admin") == 0 || strcmp(role, "agent") == 0 ? "an" : "a", role);
	if (strcmp(role, "admin") != 0 && (status = keeps_an_admin(ac, &a)) != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_ROLE, NULL, "si", role, a.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, 0, "account.role", pool_printf(ac->pool, "account %s",
				 a.email), "role %s -> %s", a.role, role);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "%s is now %s %s.", a.name,
			  strcmp(role, "admin") == 0 || strcmp(role, "agent") == 0 || strcmp(role, "operator") == 0
			  ? "an" : "a", role);
}

int account_set_capacity(struct admin_context *ac, long long agent_id, const char *capacity)
{
	struct account a;
	long long n;
	int status = admin_int(ac, "capacity", capacity, 1, CAPACITY_MAX, &n);
	if (status == 0)
		status = account_find(ac, agent_id, NULL, POWER_ADMINISTER, &a);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_CAPACITY, NULL, "ii", n, a.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, 0, "account.capacity", pool_printf(ac->pool,
				 "account %s", a.email), "sessions at once %lld -> %lld", a.max_sessions, n);
	/* Room for more sessions may let routing offer a waiting visitor. */
	if (rc == DB_OK)
		rc = admin_touch_queue(ac, a.client_id);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "%s takes up to %lld session%s at once.", a.name, n, n == 1 ? "" : "s");
}

int account_set_active(struct admin_context *ac, long long agent_id, bool active)
{
	struct account a;
	int status = account_find(ac, agent_id, NULL, POWER_ADMINISTER, &a);
	if (status != 0)
		return status;
	if (!active && a.id == ac->agent_id)
		return admin_refuse(ac, 409, "You cannot deactivate your own account.");
	if (!active && (status = keeps_an_admin(ac, &a)) != 0)
		return status;
	if (a.disabled == !active)
		return admin_done(ac, "%s is %s already.", a.name, active ? "active" : "deactivated");
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_DISABLED, NULL, "ii", (long long)!active, a.id);
	if (rc == DB_OK && !active)
		rc = sign_out(ac, &a, 0);
	if (rc == DB_OK && !active)
		rc = db_exec(ac->db, SQL_ACCOUNT_TOKENS_VOID, NULL, "i", a.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, active ? "account.activate" : "account.deactivate",
				 pool_printf(ac->pool, "account %s", a.email), "%s", "");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, active ? "%s can sign in again." : "%s is deactivated and signed out.",
			  a.name);
}

int account_rename(struct admin_context *ac, long long agent_id, const char *name_in)
{
	struct account a;
	int refused;
	const char *name = admin_text(ac, "name", INPUT_LINE, 100, name_in, true, &refused);
	if (name == NULL)
		return refused;
	int status = account_find(ac, agent_id, NULL, POWER_STAFF, &a);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_NAME, NULL, "si", name, a.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.name", pool_printf(ac->pool,
				 "account %s", a.email), "name '%s' -> '%s'", a.name, name);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The name is now %s.", name);
}

int account_set_password_by_admin(struct admin_context *ac, const char *email_in,
				  const char *password)
{
	struct account a;
	int refused;
	const char *email = admin_text(ac, "email", INPUT_EMAIL, 254, email_in, true, &refused);
	if (email == NULL)
		return refused;
	int status = account_find(ac, 0, email, POWER_ADMINISTER, &a);
	if (status == 404)
		return admin_refuse(ac, 404, "There is no account with the e-mail address %s.", email);
	if (status == 0)
		status = account_password_acceptable(ac, password, NULL);
	if (status != 0)
		return status;
	const char *hash = password_hash(ac, password);
	if (hash == NULL)
		return DB_ERROR;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_PASSWORD, NULL, "si", hash, a.id);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_TOKENS_VOID, NULL, "i", a.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.password",
				 pool_printf(ac->pool, "account %s", a.email), "set a new password");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "password set for %s", a.email);
}

int account_change_password(struct admin_context *ac, const char *current, const char *password,
			    const char *again, long long keep_session_id)
{
	struct account a;
	int status = account_find(ac, ac->agent_id, NULL, POWER_STAFF, &a);
	if (status != 0)
		return status;
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_AGENT_FOR_SIGNIN, &rows, "s", a.email);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0 || current == NULL
	    || crypto_password_verify(current, db_cell(&rows, 0, 1)) != 1)
		return admin_refuse(ac, 403, "Your current password is not right.");
	if ((status = account_password_acceptable(ac, password, again)) != 0)
		return status;
	const char *hash = password_hash(ac, password);
	if (hash == NULL)
		return DB_ERROR;
	rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_PASSWORD, NULL, "si", hash, a.id);
	/* Other browsers signed in as this person are signed out. */
	if (rc == DB_OK)
		rc = sign_out(ac, &a, keep_session_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.password",
				 pool_printf(ac->pool, "account %s", a.email), "changed their own password");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Your password is changed; other browsers signed in as you are signed out.");
}

int account_set_own_avatar(struct admin_context *ac, const char *avatar)
{
	struct account a;
	int status = account_find(ac, ac->agent_id, NULL, POWER_STAFF, &a);
	if (status != 0)
		return status;
	if (avatar != NULL && *avatar == '\0')
		avatar = NULL;
	if (avatar != NULL && !admin_avatar_known(avatar))
		return admin_refuse(ac, 400, "There is no picture called '%s'.", avatar);
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_AVATAR, NULL, "si", avatar, a.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.avatar", pool_printf(ac->pool,
				 "account %s", a.email), "picture %s", avatar ? avatar : "(none)");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	if (avatar == NULL)
		return admin_done(ac, "You have no picture of your own now.");
	return admin_done(ac, "Your picture is the %s.", avatar);
}

int account_list(struct admin_context *ac, long long client_id, struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_ACCOUNT_LIST, out, "i", client_id);
}

const char *const account_preferences[] = { "sound_offer", "sound_line", "sound_supervisor",
	"desktop_offer", "desktop_line", "desktop_supervisor", NULL };

int account_set_preferences(struct admin_context *ac, const bool on[ACCOUNT_PREFERENCES])
{
	struct account a;
	int status = account_find(ac, ac->agent_id, NULL, POWER_STAFF, &a);
	if (status != 0)
		return status;
	char shown[ACCOUNT_PREFERENCES * 24] = "";
	for (int i = 0; i < ACCOUNT_PREFERENCES; i++)
		if (on[i]) {
			if (*shown)
				strcat(shown, ", ");
			strcat(shown, account_preferences[i]);
		}
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_ACCOUNT_SET_PREFERENCES, NULL, "iiiiiii", (long long)on[0],
			     (long long)on[1], (long long)on[2], (long long)on[3], (long long)on[4],
			     (long long)on[5], a.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.preferences",
				 pool_printf(ac->pool, "account %s", a.email), "on: %s", *shown ? shown : "none");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Your notification preferences are saved.");
}
