/* two_factor.c - two-factor sign-in (see two_factor.h). */
#include "two_factor.h"

#include <string.h>

#include "account.h"
#include "agent.h"
#include "alert.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "response.h"
#include "session.h"
#include "signin_guard.h"
#include "staff.h"
#include "totp.h"

/* The database's clock, in seconds: the one every host agrees on. */
static int now_seconds(struct db *db, struct pool *pool, long long *now)
{
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_BILLING_NOW_MS, &rows, "");
	if (rc == DB_OK)
		*now = db_cell_int(&rows, 0, 0) / 1000;
	return rc;
}

/* Columns of SQL_TOTP_STATE. */
enum { T_SECRET, T_ENABLED, T_LAST_STEP };

static int own_state(struct admin_context *ac, struct account *a, struct db_rows *state)
{
	int status = account_find(ac, ac->agent_id, NULL, POWER_STAFF, a);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_TOTP_STATE, state, "i", a->id);
}

int two_factor_start(struct admin_context *ac)
{
	struct account a;
	struct db_rows state;
	int status = own_state(ac, &a, &state);
	if (status != 0)
		return status;
	if (db_cell_int(&state, 0, T_ENABLED))
		return admin_refuse(ac, 409, "Two-factor sign-in is on already.");
	unsigned char secret[TOTP_SECRET_BYTES];
	char base32[TOTP_BASE32_MAX];
	if (crypto_random(secret, sizeof secret) != 0)
		return DB_ERROR;
	totp_base32_encode(secret, sizeof secret, base32, sizeof base32);
	int rc = db_exec(ac->db, SQL_TOTP_SET_SECRET, NULL, "si", base32, a.id);
	if (rc != DB_OK)
		return rc;
	return admin_done(ac, "Add the key below to your authenticator app, then type the code it "
			  "shows to turn two-factor sign-in on.");
}

int two_factor_pending(struct admin_context *ac, const char **secret, const char **uri)
{
	struct account a;
	struct db_rows state;
	*secret = *uri = NULL;
	int status = own_state(ac, &a, &state);
	if (status != 0 || db_cell(&state, 0, T_SECRET) == NULL || db_cell_int(&state, 0, T_ENABLED))
		return status;
	*secret = db_cell(&state, 0, T_SECRET);
	/* otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=... (Key Uri Format);
	 * the e-mail address %-escaped where it could break the address. */
	struct buf label;
	buf_init(&label);
	for (const char *p = a.email; *p; p++) {
		if (*p == '@' || *p == '+' || *p == ' ' || *p == '&' || *p == '?' || *p == '#' || *p == '%')
			buf_printf(&label, "%%%02X", (unsigned char)*p);
		else
			buf_putc(&label, *p);
	}
	*uri = pool_printf(ac->pool, "otpauth://totp/Baton:%s?secret=%s&issuer=Baton&digits=6&period=%d",
			   label.data, *secret, TOTP_STEP_SECONDS);
	buf_free(&label);
	return 0;
}

/* "ABCDE-FGHIJ" from the random bytes; the hash of "ABCDEFGHIJ" is kept. */
static void recovery_code(const unsigned char bytes[7], char out[12])
{
	char b32[16];
	totp_base32_encode(bytes, 7, b32, sizeof b32);
	memcpy(out, b32, 5);
	out[5] = '-';
	memcpy(out + 6, b32 + 5, 5);
	out[11] = '\0';
}

/* A recovery code as typed ("abcde fghij"), upper case without separators;
 * NULL unless it has the shape of one. */
static char *normal_recovery(struct pool *pool, const char *typed)
{
	char *out = pool_zalloc(pool, 16);
	size_t n = 0;
	for (const char *p = typed; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (n == 10)
			return NULL;
		char c = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')))
			return NULL;
		out[n++] = c;
	}
	return n == 10 ? out : NULL;
}

int two_factor_confirm(struct admin_context *ac, const char *code)
{
	struct account a;
	struct db_rows state;
	long long now;
	int status = own_state(ac, &a, &state);
	if (status != 0)
		return status;
	if (db_cell_int(&state, 0, T_ENABLED))
		return admin_refuse(ac, 409, "Two-factor sign-in is on already.");
	if (db_cell(&state, 0, T_SECRET) == NULL)
		return admin_refuse(ac, 409, "Start by adding a key to your app.");
	int rc = now_seconds(ac->db, ac->pool, &now);
	if (rc != DB_OK)
		return rc;
	long long step = totp_check(db_cell(&state, 0, T_SECRET), code, now, 0);
	if (step < 0)
		return admin_refuse(ac, 400, "That is not the code your app shows now: type the six "
				    "digits it shows for Baton (check that your phone's clock is right).");
	struct buf codes;
	buf_init(&codes);
	unsigned long long enabled = 0;
	rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_TOTP_ENABLE, &enabled, "ii", step, a.id);
	if (rc == DB_OK && enabled == 0)
		rc = admin_refuse(ac, 409, "Two-factor sign-in changed meanwhile; reload the page.");
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_RECOVERY_CLEAR, NULL, "i", a.id);
	for (int i = 0; rc == DB_OK && i < RECOVERY_CODES; i++) {
		unsigned char bytes[7];
		char shown[12], hash[TOKEN_HEX_LEN + 1], plain[11];
		if (crypto_random(bytes, sizeof bytes) != 0) {
			rc = DB_ERROR;
			break;
		}
		recovery_code(bytes, shown);
		memcpy(plain, shown, 5);
		memcpy(plain + 5, shown + 6, 5);
		plain[10] = '\0';
		crypto_sha256_hex(plain, hash);
		rc = db_exec(ac->db, SQL_RECOVERY_INSERT, NULL, "is", a.id, hash);
		buf_printf(&codes, "%s%s", i ? " " : "", shown);
	}
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.two_factor",
				 pool_printf(ac->pool, "account %s", a.email), "turned on");
	if ((rc = admin_finish(ac, rc)) != 0) {
		buf_free(&codes);
		return rc;
	}
	ac->link = pool_strdup(ac->pool, codes.data);
	ac->link_label = "Your recovery codes: each signs you in once without your phone. Keep them "
			 "somewhere safe; they are shown only now.";
	buf_free(&codes);
	return admin_done(ac, "Two-factor sign-in is on: from now on Baton asks for a code from your "
			  "app after your password.");
}

static int turn_off(struct admin_context *ac, const struct account *a, const char *why)
{
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_TOTP_DISABLE, NULL, "i", a->id);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_RECOVERY_CLEAR, NULL, "i", a->id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a->client_id, a->reseller_id, "account.two_factor",
				 pool_printf(ac->pool, "account %s", a->email), "%s", why);
	return admin_finish(ac, rc);
}

int two_factor_off(struct admin_context *ac, const char *password)
{
	struct account a;
	struct db_rows rows;
	int status = account_find(ac, ac->agent_id, NULL, POWER_STAFF, &a);
	if (status != 0)
		return status;
	int rc = db_query(ac->db, ac->pool, SQL_AGENT_FOR_SIGNIN, &rows, "s", a.email);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0 || password == NULL || crypto_password_verify(password, db_cell(&rows, 0, 1)) != 1)
		return admin_refuse(ac, 403, "Your password is not right.");
	if ((rc = turn_off(ac, &a, "turned off")) != 0)
		return rc;
	return admin_done(ac, "Two-factor sign-in is off.");
}

int two_factor_reset(struct admin_context *ac, long long agent_id)
{
	struct account a;
	int status = account_find(ac, agent_id, NULL, POWER_ADMINISTER, &a);
	if (status != 0)
		return status;
	if (a.id == ac->agent_id)
		return admin_refuse(ac, 409, "Turn your own off in your profile.");
	int rc = turn_off(ac, &a, "turned off by an administrator");
	if (rc != 0)
		return rc;
	return admin_done(ac, "Two-factor sign-in is off for %s: they sign in with their password "
			  "and may turn it on again.", a.name);
}

/* ---- signing in ---------------------------------------------------------- */

int signin_complete(struct request *r, const struct signin_account *a, const char *state)
{
	/* A reseller's account has no desk: it neither takes visitors nor
	 * shows on the desk, and starts on its clients. */
	bool reseller = staff_role_named(a->role) == ROLE_RESELLER;
	int rc = session_start(r, a->id);
	if (rc == DB_OK)
		rc = signin_record(r, a->email, a->id, "ok");
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_AGENT_SIGNED_IN, NULL, "si", r->remote_addr, a->id);
	if (rc == DB_OK)
		rc = agent_record_event(r, a->id, a->client_id, "signin", reseller ? NULL : state);
	if (rc == DB_OK && !reseller)
		rc = agent_change_state(r, a->id, a->client_id, state);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	/* A sign-in from an address never used before is mailed to the agent. */
	alert_new_signin_address(r, a->id);
	resp_cookie(r, FORM_CSRF_COOKIE, "", 0, "Strict");
	resp_cookie(r, CHALLENGE_COOKIE, "", 0, "Strict");
	return resp_redirect(r, reseller ? "/clients" : "/console");
}

int signin_password_accepted(struct request *r, const struct signin_account *a, const char *state)
{
	if (!a->two_factor)
		return signin_complete(r, a, state);
	char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return -1;
	crypto_sha256_hex(token, hash);
	int rc = db_exec(r->db, SQL_CHALLENGE_SWEEP, NULL, "");
	if (rc == DB_OK)
		rc = db_exec(r->db, SQL_CHALLENGE_INSERT, NULL, "sisi", hash, a->id, state,
			     (long long)SIGNIN_CODE_SECONDS);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	resp_cookie(r, CHALLENGE_COOKIE, token, SIGNIN_CODE_SECONDS, "Strict");
	return resp_redirect(r, "/verify");
}

/* Columns of SQL_CHALLENGE_FIND. */
enum { C_ID, C_AGENT, C_STATE, C_ATTEMPTS, C_EMAIL, C_CLIENT, C_SECRET, C_LAST_STEP, C_ROLE,
       C_DISABLED, C_STOPPED };

const char signin_disabled_reason[] = "This agent account is disabled. Ask your administrator.";
const char signin_stopped_reason[] =
	"This desk is suspended. Ask your administrator or the Baton operator.";

/* Disabled or suspended since the password was accepted: said as the
 * password step says it, and the challenge ends. */
static int refuse_account(struct request *r, const struct db_rows *c, const char **error)
{
	bool disabled = db_cell_int(c, 0, C_DISABLED) != 0;
	signin_record(r, db_cell(c, 0, C_EMAIL), db_cell_int(c, 0, C_AGENT), "disabled");
	*error = disabled ? signin_disabled_reason : signin_stopped_reason;
	int rc = db_exec(r->db, SQL_CHALLENGE_DELETE, NULL, "i", db_cell_int(c, 0, C_ID));
	return rc == DB_OK ? 403 : rc;
}

int signin_code(struct request *r, const char *code, const char **error, bool *ended)
{
	const char *token = request_cookie(r, CHALLENGE_COOKIE);
	static const char gone[] = "Your sign-in has expired: sign in again with your password.";
	*error = gone;
	*ended = true;
	if (token == NULL || !crypto_is_token(token))
		return 404;
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(token, hash);
	struct db_rows c;
	int rc = db_query(r->db, r->pool, SQL_CHALLENGE_FIND, &c, "s", hash);
	if (rc != DB_OK)
		return rc;
	if (c.rows == 0)
		return 404;
	if (db_cell_int(&c, 0, C_DISABLED) != 0 || db_cell_int(&c, 0, C_STOPPED) != 0)
		return refuse_account(r, &c, error);
	long long challenge = db_cell_int(&c, 0, C_ID), agent_id = db_cell_int(&c, 0, C_AGENT), now;
	if ((rc = db_exec(r->db, SQL_CHALLENGE_ATTEMPT, NULL, "i", challenge)) != DB_OK
	    || (rc = now_seconds(r->db, r->pool, &now)) != DB_OK)
		return rc;
	bool right = false;
	long long step = totp_check(db_cell(&c, 0, C_SECRET), code, now, db_cell_int(&c, 0, C_LAST_STEP));
	if (step >= 0) {
		/* Only once per step, even from two browsers at the same moment. */
		unsigned long long used = 0;
		rc = db_exec(r->db, SQL_TOTP_USE_STEP, &used, "iii", step, agent_id, step);
		right = rc == DB_OK && used > 0;
	} else {
		const char *recovery = normal_recovery(r->pool, code);
		if (recovery != NULL) {
			char recovery_hash[TOKEN_HEX_LEN + 1];
			unsigned long long used = 0;
			crypto_sha256_hex(recovery, recovery_hash);
			rc = db_exec(r->db, SQL_RECOVERY_USE, &used, "is", agent_id, recovery_hash);
			right = rc == DB_OK && used > 0;
		}
	}
	if (rc != DB_OK)
		return rc;
	if (!right) {
		signin_record(r, db_cell(&c, 0, C_EMAIL), agent_id, "bad_code");
		if (db_cell_int(&c, 0, C_ATTEMPTS) + 1 >= SIGNIN_CODE_ATTEMPTS) {
			db_exec(r->db, SQL_CHALLENGE_DELETE, NULL, "i", challenge);
			*error = "That code was wrong five times: sign in again with your password.";
			return 404;
		}
		*error = "That code is not right (or was used already): type the code your app shows "
			 "now, or a recovery code.";
		*ended = false;
		return 403;
	}
	if ((rc = db_exec(r->db, SQL_CHALLENGE_DELETE, NULL, "i", challenge)) != DB_OK)
		return rc;
	struct signin_account a = { agent_id, db_cell_int(&c, 0, C_CLIENT), db_cell(&c, 0, C_EMAIL),
				    db_cell(&c, 0, C_ROLE), true };
	*error = NULL;
	return signin_complete(r, &a, db_cell(&c, 0, C_STATE));
}
