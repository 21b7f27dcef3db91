/* setup.c - the first-run setup's tokens and the one transaction that
 * makes the first operator (see setup.h). The operator, the client and its
 * site are made by the same actions baton-admin runs (lib/admin_clients.c,
 * lib/admin_sites.c, lib/account.c), inside this transaction. */
#include "setup.h"

#include <stdio.h>
#include <string.h>

#include "account.h"
#include "admin_clients.h"
#include "admin_sites.h"
#include "db.h"
#include "mail_queue.h"
#include "pool.h"

int setup_token_issue(struct db *db, char token[TOKEN_HEX_LEN + 1])
{
	char hash[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	crypto_sha256_hex(token, hash);
	int rc, attempt = 0;
	do {
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = db_exec(db, SQL_SETUP_TOKEN_CLEAR_UNUSED, NULL, "");
		if (rc == DB_OK)
			rc = db_exec(db, SQL_SETUP_TOKEN_INSERT, NULL, "si", hash,
				     (long long)SETUP_TOKEN_SECONDS);
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	return rc;
}

int setup_done(struct db *db, struct pool *pool, bool *done)
{
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_SETUP_OPERATOR_COUNT, &rows, "");
	if (rc == DB_OK)
		*done = db_cell_int(&rows, 0, 0) > 0;
	return rc;
}

int setup_fresh(struct db *db, struct pool *pool, bool *fresh)
{
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_SETUP_ANY_ACCOUNT, &rows, "");
	if (rc == DB_OK)
		*fresh = db_cell_int(&rows, 0, 0) == 0;
	return rc;
}

/* The token's state, read with statement id (FIND, or LOCK inside the
 * setup's transaction); *token_id is its row. */
static int token_state(struct db *db, struct pool *pool, enum sql_id id, const char *token,
		       enum setup_state *state, long long *token_id)
{
	if (token == NULL || *token == '\0') {
		*state = SETUP_NO_TOKEN;
		return DB_OK;
	}
	if (!crypto_is_token(token)) {
		*state = SETUP_BAD_TOKEN;
		return DB_OK;
	}
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(token, hash);
	struct db_rows rows;
	int rc = db_query(db, pool, id, &rows, "s", hash);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		*state = SETUP_BAD_TOKEN;
	else if (db_cell_int(&rows, 0, 1) != 1)
		*state = SETUP_EXPIRED_TOKEN;
	else {
		*state = SETUP_OPEN;
		*token_id = db_cell_int(&rows, 0, 0);
	}
	return DB_OK;
}

int setup_check(struct db *db, struct pool *pool, const char *token, enum setup_state *state)
{
	bool done = false;
	int rc = setup_done(db, pool, &done);
	if (rc != DB_OK)
		return rc;
	if (done) {
		*state = SETUP_DONE;
		return DB_OK;
	}
	long long token_id = 0;
	return token_state(db, pool, SQL_SETUP_TOKEN_FIND, token, state, &token_id);
}

/* Queued in the setup's transaction: sent once it commits, and its arrival
 * shows the operator that Baton's mail settings work. */
static int welcome_mail(struct admin_context *ac, const struct setup_form *f, long long org_id,
			const struct setup_result *result)
{
	const char *base = result->base;
	const char *link = result->has_site
		? pool_printf(ac->pool, "\nThe help link of %s (paste it into any page of %s):\n"
					"%s/help?site=%s\n", f->client_name, f->site_domain, base,
			      result->site_key)
		: "";
	struct mail m = {
		.kind = "setup", .client_id = org_id, .to = f->email, .to_name = f->name,
		.subject = "Baton is set up",
		.text = pool_printf(ac->pool, "Hello %s,\n\nBaton at %s is set up, and you are its "
					      "operator. Sign in at %s/signin with this e-mail address.\n%s\n"
					      "This message arriving also shows that Baton's mail settings "
					      "work.\n", f->name, base, base, link),
		.auto_submitted = "auto-generated",
	};
	int rc = mail_queue_add(ac->db, ac->cfg, ac->pool, &m, NULL, NULL);
	if (rc == MAIL_BAD_MESSAGE)
		return admin_refuse(ac, 400, "Baton cannot write mail to that e-mail address.");
	return rc;
}

/* Who acts in the setup: the operator-to-be, whom the token vouches for,
 * inside the setup's transaction; the audit log names the setup. */
static void setup_actor(struct admin_context *ac, struct db *db, struct pool *pool,
			const struct config *cfg, const struct setup_form *f)
{
	memset(ac, 0, sizeof *ac);
	ac->db = db;
	ac->pool = pool;
	ac->cfg = cfg;
	ac->role = ROLE_OPERATOR;
	ac->who = pool_printf(pool, "first-run setup (%s)", f->email);
	ac->from = f->from ? f->from : "unknown";
	ac->base_url = f->base;
	ac->caller_transaction = true;
}

/* The organisation (the installation's own client) with the operator in
 * it, and the first client with its site if asked for: 0, or a refusal or
 * db_status from the actions. */
static int make_accounts(struct admin_context *ac, const struct setup_form *f, long long *org_id,
			 struct setup_result *result)
{
	const char *public_url = NULL;
	int status = account_password_acceptable(ac, f->password, f->password2);
	if (status == 0)
		status = setup_conf_lines(ac, &f->settings, &public_url, &result->conf_lines);
	/* The address the operator gives is the one links should use, even
	 * before baton.conf says so. */
	if (status == 0 && public_url != NULL) {
		result->base = public_url;
		ac->base_url = public_url;
	}
	if (status == 0)
		status = admin_house_client_named(ac, f->org_slug, f->org_name, org_id);
	if (status == 0)
		status = admin_operator_add(ac, f->email, f->name, f->password);
	if (status != 0)
		return status;
	result->operator_id = ac->new_id;
	if (f->client_slug == NULL)
		return 0;
	status = admin_client_create(ac, f->client_slug, f->client_name, NULL, NULL, NULL);
	if (status == 0)
		status = admin_site_add(ac, ac->new_id, pool_printf(ac->pool, "%s website", f->client_name),
					&f->site_domain, 1);
	if (status == 0) {
		result->has_site = true;
		snprintf(result->site_key, sizeof result->site_key, "%s", ac->link);
	}
	return status;
}

/* One attempt of setup_create()'s transaction, ending in COMMIT or with the
 * transaction still open for the caller to roll back. */
static int create_once(struct db *db, struct pool *pool, const struct config *cfg,
		       const char *token, const struct setup_form *f, enum setup_state *state,
		       struct setup_result *result, const char **why)
{
	long long token_id = 0, org_id = 0;
	bool done = false;
	int rc = db_begin(db);
	/* The token's row is locked first: two setups with the same token
	 * queue here, and the second finds it spent. */
	if (rc == DB_OK)
		rc = token_state(db, pool, SQL_SETUP_TOKEN_LOCK, token, state, &token_id);
	if (rc == DB_OK)
		rc = setup_done(db, pool, &done);
	if (rc != DB_OK)
		return rc;
	/* Once an operator exists the answer is that, whatever the token. */
	if (done)
		*state = SETUP_DONE;
	if (*state != SETUP_OPEN)
		return DB_OK;
	struct admin_context ac;
	setup_actor(&ac, db, pool, cfg, f);
	rc = make_accounts(&ac, f, &org_id, result);
	if (rc == DB_OK)
		rc = welcome_mail(&ac, f, org_id, result);
	*why = ac.message;
	if (rc != DB_OK)
		return rc;
	unsigned long long spent = 0;
	rc = db_exec(db, SQL_SETUP_TOKEN_SPEND, &spent, "i", token_id);
	if (rc == DB_OK && spent != 1)
		rc = DB_RETRY; /* spent meanwhile: run again, to find it so */
	if (rc == DB_OK)
		rc = db_commit(db);
	return rc;
}

int setup_create(struct db *db, struct pool *pool, const struct config *cfg, const char *token,
		 const struct setup_form *form, enum setup_state *state,
		 struct setup_result *result, const char **why)
{
	int rc, attempt = 0;
	do {
		memset(result, 0, sizeof *result);
		result->base = form->base;
		result->conf_lines = "";
		*why = NULL;
		*state = SETUP_OPEN;
		rc = create_once(db, pool, cfg, token, form, state, result, why);
		if (rc != DB_OK || *state != SETUP_OPEN)
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	return rc;
}
