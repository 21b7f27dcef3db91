/* admin_billing.c - rates, resellers and shares (see admin_billing.h). */
#include "admin_billing.h"

#include <string.h>

#include "account.h"
#include "admin_clients.h"
#include "db.h"
#include "pool.h"
#include "terms.h"

/* Writes the client's terms as t, in force from now. */
static int new_terms(struct admin_context *ac, long long client_id, const struct client_terms *t)
{
	return db_exec(ac->db, SQL_TERMS_INSERT, NULL, "isiisniisi", client_id,
		       billing_unit_name(t->billing.unit), t->billing.rate_cents, t->billing.minimum_cents,
		       t->currency, t->reseller_id, t->billing.call_rate_cents, t->billing.phone_rate_cents,
		       billing_event_unit_key(t->billing.event_unit), t->billing.event_rate_cents);
}

int admin_client_set_rate(struct admin_context *ac, const char *client_slug, const char *unit_text,
			  const char *rate_text, const char *minimum_text, const char *currency)
{
	long long client_id;
	int status = admin_client_find(ac, client_slug, POWER_OPERATOR, &client_id);
	if (status != 0)
		return status;
	enum billing_unit unit;
	long long rate, minimum = 0;
	if (unit_text == NULL || billing_unit_parse(unit_text, &unit) != 0)
		return admin_refuse(ac, 400, "The rate is per 'minute' or per 'session', not '%s'.",
				    unit_text ? unit_text : "");
	if (billing_parse_cents(rate_text, BILLING_MAX_CENTS, &rate) != 0)
		return admin_refuse(ac, 400, "The rate is a whole number of cents from 0 to %d, not '%s'.",
				    BILLING_MAX_CENTS, rate_text ? rate_text : "");
	if (minimum_text != NULL && *minimum_text != '\0'
	    && billing_parse_cents(minimum_text, BILLING_MAX_CENTS, &minimum) != 0)
		return admin_refuse(ac, 400, "The monthly minimum is a whole number of cents from 0 to "
				    "%d, not '%s'.", BILLING_MAX_CENTS, minimum_text);
	if (currency != NULL && *currency == '\0')
		currency = NULL;
	if (currency != NULL && !billing_currency_valid(currency))
		return admin_refuse(ac, 400, "The currency is three capital letters (EUR, USD, GBP...), "
				    "not '%s'.", currency);
	struct client_terms t = { 0 }; /* read below even when the lookup failed */
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = terms_of_client(ac->db, ac->pool, client_id, NULL, &t);
	char old_rate[32], old_minimum[32], rate_shown[32], minimum_shown[32];
	billing_format_cents(t.billing.rate_cents, old_rate);
	billing_format_cents(t.billing.minimum_cents, old_minimum);
	billing_format_cents(rate, rate_shown);
	billing_format_cents(minimum, minimum_shown);
	const char *old_unit = billing_unit_name(t.billing.unit), *old_currency = t.currency;
	t.billing.unit = unit;
	t.billing.rate_cents = rate;
	t.billing.minimum_cents = minimum;
	if (currency != NULL)
		t.currency = currency;
	if (rc == DB_OK)
		rc = new_terms(ac, client_id, &t);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, t.reseller_id, "client.rate",
				 pool_printf(ac->pool, "client %s", client_slug),
				 "%s %s per %s, minimum %s -> %s %s per %s, minimum %s", old_rate,
				 old_currency, old_unit, old_minimum, rate_shown, t.currency,
				 billing_unit_name(unit), minimum_shown);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "rate of %s set to %s per %s, monthly minimum %s%s%s", client_slug,
			  rate_shown, billing_unit_name(unit), minimum_shown,
			  currency ? ", currency " : "", currency ? currency : "");
}

int admin_client_set_call_rate(struct admin_context *ac, const char *client_slug, const char *rate_text)
{
	long long client_id, rate;
	int status = admin_client_find(ac, client_slug, POWER_OPERATOR, &client_id);
	if (status != 0)
		return status;
	if (billing_parse_cents(rate_text, BILLING_MAX_CENTS, &rate) != 0)
		return admin_refuse(ac, 400, "The call rate is a whole number of cents from 0 to %d, not '%s'.",
				    BILLING_MAX_CENTS, rate_text ? rate_text : "");
	struct client_terms t = { 0 };
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = terms_of_client(ac->db, ac->pool, client_id, NULL, &t);
	char before[32], shown[32];
	billing_format_cents(t.billing.call_rate_cents, before);
	billing_format_cents(rate, shown);
	t.billing.call_rate_cents = rate;
	if (rc == DB_OK)
		rc = new_terms(ac, client_id, &t);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, t.reseller_id, "client.call_rate",
				 pool_printf(ac->pool, "client %s", client_slug), "%s -> %s per started minute of a call",
				 before, shown);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "call rate of %s set to %s per started minute of a call", client_slug, shown);
}

int admin_terms_set_phone_rate(struct admin_context *ac, long long client_id, long long rate_cents)
{
	struct client_terms t;
	int rc = terms_of_client(ac->db, ac->pool, client_id, NULL, &t);
	if (rc != DB_OK || t.billing.phone_rate_cents == rate_cents)
		return rc;
	t.billing.phone_rate_cents = rate_cents;
	return new_terms(ac, client_id, &t);
}

int admin_terms_set_event_rate(struct admin_context *ac, long long client_id,
				enum billing_event_unit unit, long long rate_cents)
{
	struct client_terms t;
	int rc = terms_of_client(ac->db, ac->pool, client_id, NULL, &t);
	if (rc != DB_OK || (t.billing.event_unit == unit && t.billing.event_rate_cents == rate_cents))
		return rc;
	t.billing.event_unit = unit;
	t.billing.event_rate_cents = rate_cents;
	return new_terms(ac, client_id, &t);
}

int admin_reseller_find(struct admin_context *ac, const char *slug, long long *id, const char **name)
{
	struct db_rows rows;
	if (slug == NULL || *slug == '\0')
		return admin_refuse(ac, 400, "Name the reseller.");
	int rc = db_query(ac->db, ac->pool, SQL_RESELLER_BY_SLUG, &rows, "s", slug);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0 || db_cell_int(&rows, 0, 3) != 0)
		return admin_refuse(ac, 404, "There is no reseller '%s'.", slug);
	*id = db_cell_int(&rows, 0, 0);
	if (name)
		*name = db_cell(&rows, 0, 2);
	return 0;
}

int admin_client_set_reseller(struct admin_context *ac, const char *client_slug,
			      const char *reseller_slug)
{
	long long client_id, reseller_id = 0;
	int status = admin_client_find(ac, client_slug, POWER_OPERATOR, &client_id);
	if (status != 0)
		return status;
	bool none = reseller_slug == NULL || *reseller_slug == '\0' || strcmp(reseller_slug, "none") == 0;
	if (!none && (status = admin_reseller_find(ac, reseller_slug, &reseller_id, NULL)) != 0)
		return status;
	struct client_terms t = { 0 };
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = terms_of_client(ac->db, ac->pool, client_id, NULL, &t);
	long long before = t.reseller_id;
	t.reseller_id = reseller_id;
	if (rc == DB_OK)
		rc = new_terms(ac, client_id, &t);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, reseller_id ? reseller_id : before, "client.reseller",
				 pool_printf(ac->pool, "client %s", client_slug), "reseller %s",
				 none ? "none" : reseller_slug);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	if (none)
		return admin_done(ac, "client %s has no reseller now", client_slug);
	return admin_done(ac, "client %s now belongs to reseller %s", client_slug, reseller_slug);
}

int admin_terms_history(struct admin_context *ac, const char *client_slug, struct db_rows *out)
{
	long long client_id;
	int status = admin_client_find(ac, client_slug, POWER_ACCOUNT, &client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_TERMS_HISTORY, out, "i", client_id);
}

int admin_reseller_create(struct admin_context *ac, const char *slug, const char *name_in,
			  const char *share_text)
{
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status == 0)
		status = admin_slug(ac, "slug", slug);
	if (status != 0)
		return status;
	int refused;
	const char *name = admin_text(ac, "name", INPUT_LINE, 200, name_in, true, &refused);
	if (name == NULL)
		return refused;
	if (strcmp(slug, "none") == 0)
		return admin_refuse(ac, 400, "'none' is not a reseller's slug (it means: no reseller).");
	long long share;
	if (billing_parse_percent(share_text, &share) != 0)
		return admin_refuse(ac, 400, "The share is a percentage from 0 to 100 with at most two "
				    "decimals (e.g. 12.5), not '%s'.", share_text ? share_text : "");
	int rc = admin_begin(ac);
	if (rc == DB_OK) {
		rc = db_exec(ac->db, SQL_RESELLER_INSERT, NULL, "ss", slug, name);
		if (rc == DB_DUPLICATE)
			rc = admin_refuse(ac, 409, "A reseller with the slug '%s' exists already.", slug);
	}
	long long reseller_id = rc == DB_OK ? (long long)db_last_insert_id(ac->db) : 0;
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SHARE_INSERT, NULL, "ii", reseller_id, share);
	char shown[32];
	billing_format_percent(share, shown);
	if (rc == DB_OK)
		rc = admin_audit(ac, 0, reseller_id, "reseller.create", pool_printf(ac->pool,
				 "reseller %s", slug), "named '%s', share %s %%", name, shown);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	ac->new_id = reseller_id;
	return admin_done(ac, "reseller %s created with a share of %s %%", slug, shown);
}

int admin_reseller_set_share(struct admin_context *ac, const char *slug, const char *share_text)
{
	long long reseller_id, share, before = 0; /* shown even when the lookup failed */
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status == 0)
		status = admin_reseller_find(ac, slug, &reseller_id, NULL);
	if (status != 0)
		return status;
	if (billing_parse_percent(share_text, &share) != 0)
		return admin_refuse(ac, 400, "The share is a percentage from 0 to 100 with at most two "
				    "decimals (e.g. 12.5), not '%s'.", share_text ? share_text : "");
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = terms_reseller_share(ac->db, ac->pool, reseller_id, NULL, &before);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SHARE_INSERT, NULL, "ii", reseller_id, share);
	char old_shown[32], shown[32];
	billing_format_percent(before, old_shown);
	billing_format_percent(share, shown);
	if (rc == DB_OK)
		rc = admin_audit(ac, 0, reseller_id, "reseller.share", pool_printf(ac->pool,
				 "reseller %s", slug), "share %s %% -> %s %%", old_shown, shown);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The share of %s is %s %% from this month on.", slug, shown);
}

int admin_reseller_invite(struct admin_context *ac, const char *slug, const char *email,
			  const char *name)
{
	long long reseller_id, house;
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status == 0)
		status = admin_reseller_find(ac, slug, &reseller_id, NULL);
	if (status == 0)
		status = admin_house_client(ac, true, &house);
	if (status != 0)
		return status;
	return account_invite(ac, house, email, name, "reseller", reseller_id, false);
}

int admin_reseller_list(struct admin_context *ac, struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_RESELLER_LIST, out, "");
}

int admin_reseller_suspend(struct admin_context *ac, const char *slug, bool suspend)
{
	long long reseller_id;
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status == 0)
		status = admin_reseller_find(ac, slug, &reseller_id, NULL);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_RESELLER_SUSPEND, NULL, "ii", (long long)suspend, reseller_id);
	if (rc == DB_OK && suspend)
		rc = db_exec(ac->db, SQL_RESELLER_SIGN_OUT, NULL, "i", reseller_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, 0, reseller_id, suspend ? "reseller.suspend" : "reseller.resume",
				 pool_printf(ac->pool, "reseller %s", slug), "%s", "");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, suspend ? "Reseller %s is suspended: its accounts are signed out and "
			  "cannot sign in; its clients are not touched." : "Reseller %s is active again.",
			  slug);
}

int admin_reseller_remove(struct admin_context *ac, const char *slug, const char *confirmation)
{
	long long reseller_id;
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status == 0)
		status = admin_reseller_find(ac, slug, &reseller_id, NULL);
	if (status != 0)
		return status;
	if (confirmation == NULL || strcmp(confirmation, slug) != 0)
		return admin_refuse(ac, 400, "To remove reseller %s, type its slug (%s) to confirm.", slug, slug);
	struct db_rows clients;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_RESELLER_CURRENT_CLIENTS, &clients, "i", reseller_id);
	/* Its clients stay, with no reseller from this month on. */
	for (size_t i = 0; rc == DB_OK && i < clients.rows; i++) {
		struct client_terms t;
		rc = terms_of_client(ac->db, ac->pool, db_cell_int(&clients, i, 0), NULL, &t);
		t.reseller_id = 0;
		if (rc == DB_OK)
			rc = new_terms(ac, db_cell_int(&clients, i, 0), &t);
	}
	static const enum sql_id accounts[] = { SQL_RESELLER_DELETE_SESSIONS, SQL_RESELLER_DELETE_SIGNINS,
		SQL_RESELLER_DELETE_EVENTS, SQL_RESELLER_DELETE_ACCOUNTS, SQL_RESELLER_REMOVE };
	for (size_t i = 0; rc == DB_OK && i < sizeof accounts / sizeof accounts[0]; i++)
		rc = db_exec(ac->db, accounts[i], NULL, "i", reseller_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, 0, reseller_id, "reseller.remove", pool_printf(ac->pool, "reseller %s",
				 slug), "its accounts deleted; %zu client%s without a reseller from now on",
				 clients.rows, clients.rows == 1 ? "" : "s");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Reseller %s is removed with its accounts; its clients have no reseller "
			  "from this month on, and past months' statements still name it.", slug);
}
