/* admin_phone.c - telephony settings and desk phones as admin actions. */
#include "admin_phone.h"

#include <string.h>
#include <strings.h>

#include "account.h"
#include "admin_billing.h"
#include "agent_phone.h"
#include "billing.h"
#include "buf.h"
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

/* What the operator alone sets: the numbers and where calls may go are its
 * trunk's (a client choosing its own caller ID could pose as anyone; calls
 * abroad cost the operator), the rate is billing. */
static const char *const operator_settings[] = { "help_number", "caller_id", "dial_countries",
	"rate_cents", NULL };

bool admin_phone_operator_setting(const char *setting)
{
	for (size_t i = 0; operator_settings[i] != NULL; i++)
		if (strcmp(setting, operator_settings[i]) == 0)
			return true;
	return false;
}

const char *admin_phone_setting_text(struct pool *pool, const struct phone_line *line,
				     const char *setting)
{
	if (strcmp(setting, "help_number") == 0)
		return line->help_number ? line->help_number : "";
	if (strcmp(setting, "caller_id") == 0)
		return line->caller_id ? line->caller_id : "";
	if (strcmp(setting, "country") == 0)
		return line->country;
	if (strcmp(setting, "dial_countries") == 0)
		return line->dial_countries ? line->dial_countries : "";
	if (strcmp(setting, "time_zone") == 0)
		return line->time_zone;
	if (strcmp(setting, "greeting") == 0)
		return line->greeting ? line->greeting : "";
	if (strcmp(setting, "calling_hours") == 0) {
		struct buf hours;
		buf_init(&hours);
		calling_hours_format(line->hours, line->hour_count, &hours);
		const char *text = pool_strdup(pool, hours.data ? hours.data : "");
		buf_free(&hours);
		return text;
	}
	const struct { const char *name; long long value; } ints[] = {
		{ "retry_tries", line->retry_tries }, { "retry_minutes", line->retry_minutes },
		{ "ring_seconds", line->ring_seconds }, { "announce_seconds", line->announce_seconds },
		{ "message_seconds", line->message_seconds }, { "rate_cents", line->rate_cents },
	};
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
		if (strcmp(setting, ints[i].name) == 0)
			return pool_printf(pool, "%lld", ints[i].value);
	return NULL;
}

/* Calling hours as phone_line_load gives them back ("mon-fri" for
 * "Monday-Friday"...), so that the same hours typed otherwise are no
 * change; hours that do not parse as they are (refused later). */
static const char *canonical_hours(struct pool *pool, const char *typed)
{
	struct hours_span spans[CALLING_HOURS_MAX];
	const char *error;
	int n = calling_hours_parse(typed, spans, CALLING_HOURS_MAX, &error);
	if (n < 0)
		return typed;
	struct buf text;
	buf_init(&text);
	calling_hours_format(spans, (size_t)n, &text);
	const char *out = pool_strdup(pool, text.data ? text.data : typed);
	buf_free(&text);
	return out;
}

/* The country first: the numbers given with it are read in it. */
static int order_of(const char *setting)
{
	return strcmp(setting, "country") == 0 ? 0 : 1;
}

int admin_phone_update(struct admin_context *ac, long long client_id, const char *const *names,
		       const char *const *values, int count)
{
	bool operator_needed = false;
	for (int i = 0; i < count; i++) {
		bool known = false;
		for (size_t k = 0; names[i] != NULL && phone_line_settings[k] != NULL; k++)
			known |= strcmp(names[i], phone_line_settings[k]) == 0;
		if (!known)
			return admin_refuse(ac, 400, "There is no phone setting '%s' (see baton-admin help).",
					    names[i] ? names[i] : "");
		if (values[i] != NULL && strlen(values[i]) > 500)
			return admin_refuse(ac, 400, "The %s has at most 500 characters.", names[i]);
	}
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	struct phone_line line;
	bool found;
	int rc = phone_line_load(ac->db, ac->pool, client_id, &line, &found);
	if (rc != DB_OK)
		return rc;
	if (!found)
		return admin_refuse(ac, 404, "There is no such client.");
	/* What changes, country first; unchanged values are no change (the
	 * page sends the whole form). */
	const char **name = pool_zalloc(ac->pool, (size_t)(count + 1) * sizeof *name);
	const char **value = pool_zalloc(ac->pool, (size_t)(count + 1) * sizeof *value);
	const char **before = pool_zalloc(ac->pool, (size_t)(count + 1) * sizeof *before);
	int changes = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < count; i++) {
			if (order_of(names[i]) != pass)
				continue;
			const char *v = values[i] ? values[i] : "";
			const char *now = admin_phone_setting_text(ac->pool, &line, names[i]);
			if (strcmp(names[i], "calling_hours") == 0)
				v = canonical_hours(ac->pool, v);
			bool none = *v == '\0' || strcasecmp(v, "none") == 0;
			if ((none && *now == '\0') || strcmp(v, now) == 0)
				continue;
			operator_needed |= admin_phone_operator_setting(names[i]);
			name[changes] = names[i];
			value[changes] = v;
			before[changes] = now;
			changes++;
		}
	if (changes == 0)
		return admin_done(ac, "Nothing was changed.");
	if (operator_needed && (status = admin_authorize(ac, POWER_OPERATOR, client_id)) != 0)
		return admin_refuse(ac, 403, "The help number, caller ID, countries called and phone rate "
				    "are set by the Baton operator.");
	long long rate_cents = -1;
	for (int i = 0; i < changes; i++)
		if (strcmp(name[i], "rate_cents") == 0
		    && billing_parse_cents(value[i], BILLING_MAX_CENTS, &rate_cents) != 0)
			return admin_refuse(ac, 400, "The phone rate is a whole number of cents from 0 to %d, "
					    "not '%s'.", BILLING_MAX_CENTS, value[i]);
	const char *error = NULL;
	int attempt = 0;
	do {
		struct phone_line work = line;
		rc = admin_begin(ac);
		for (int i = 0; rc == DB_OK && i < changes; i++) {
			rc = phone_line_set_in_transaction(ac->db, ac->pool, &work, name[i], value[i], &error);
			if (rc == DB_OK && strcmp(name[i], "country") == 0)
				work.country = pool_printf(ac->pool, "%c%c", value[i][0] & ~0x20, value[i][1] & ~0x20);
			if (rc == DB_OK)
				rc = admin_audit(ac, client_id, 0, "phone.setting", pool_printf(ac->pool,
						 "setting %s", name[i]), "'%s' -> '%s'", before[i], value[i]);
		}
		/* The rate joins the terms' history too: statements of months
		 * that are over keep theirs (lib/terms.h). */
		if (rc == DB_OK && rate_cents >= 0)
			rc = admin_terms_set_phone_rate(ac, client_id, rate_cents);
		rc = admin_finish(ac, rc);
	} while (db_retry(ac->db, &rc, &attempt));
	if (rc == PHONE_LINE_INVALID)
		return admin_refuse(ac, 400, "%s", error ? error : "That value is not valid.");
	if (rc != DB_OK)
		return rc;
	if (changes == 1)
		return admin_done(ac, "%s set to %s", name[0], *value[0] ? value[0] : "none");
	return admin_done(ac, "The telephony settings are saved (%d changed).", changes);
}

int admin_phone_set(struct admin_context *ac, long long client_id, const char *setting,
		    const char *value)
{
	return admin_phone_update(ac, client_id, &setting, &value, 1);
}

int admin_desk_phone(struct admin_context *ac, long long agent_id, bool on, const char **user_out)
{
	*user_out = NULL;
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
		rc = admin_begin(ac);
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
	*user_out = user;
	ac->link = pool_strdup(ac->pool, password);
	ac->link_label = pool_printf(ac->pool, "%s's desk phone: user %s, domain %s (Baton's SIP proxy); "
				     "its password, shown only this once:", a.name, user, ac->cfg->sip_domain);
	return admin_done(ac, "%s's calls ring the desk phone from now on.", a.name);
}
