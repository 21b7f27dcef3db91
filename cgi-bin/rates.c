/* rates - what each client pays, for the Baton operator: the rate per
 * started minute or per session, the monthly minimum, the currency, the
 * rate per started minute of a call, the phone rate (the call centre's
 * talk time), what its events cost (per attendee or seat-minute) and the
 * reseller, with the history of each change. A change applies from the
 * month it is made: months that are over keep their statements
 * (lib/terms.h). Amounts are typed as money (0.05) and stored in cents.
 * Every form calls lib/admin_billing.c (the phone rate lib/admin_phone.c,
 * the event rate lib/admin_rooms.c),
 * as baton-admin does.
 * Template: templates/rates.cs. Tests: t/rates.t, t/admin-settings.t. */
#include <stdio.h>

#include "admin_billing.h"
#include "admin_clients.h"
#include "admin_page.h"
#include "admin_phone.h"
#include "admin_rooms.h"
#include "billing.h"
#include "db.h"
#include "pool.h"
#include "render.h"
#include "terms.h"

static const struct input rates_inputs[] = {
	{ "slug", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "unit", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "rate", INPUT_LINE, false, 20, 0, 0, NULL },
	{ "minimum", INPUT_LINE, false, 20, 0, 0, NULL },
	{ "currency", INPUT_LINE, false, 3, 0, 0, NULL },
	{ "reseller", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "call_rate", INPUT_LINE, false, 20, 0, 0, NULL },
	{ "phone_rate", INPUT_LINE, false, 20, 0, 0, NULL },
	{ "event_unit", INPUT_LINE, false, 12, 0, 0, NULL },
	{ "event_rate", INPUT_LINE, false, 20, 0, 0, NULL },
};

/* "0.05" to "5" (cents, as the action takes them), or NULL with a refusal. */
static const char *cents(struct admin_context *ac, const char *what, const char *money, int *status)
{
	long long value;
	*status = 0;
	if (money == NULL || *money == '\0')
		return NULL;
	if (billing_parse_money(money, BILLING_MAX_CENTS, &value) != 0) {
		*status = admin_refuse(ac, 400, "The %s is an amount such as 0.05 or 25 (at most two "
				       "decimals, up to 1000000), not '%s'.", what, money);
		return NULL;
	}
	return pool_printf(ac->pool, "%lld", value);
}

static int set_rate(struct request *r, struct admin_context *ac, long long client_id)
{
	int status;
	const char *rate = cents(ac, "rate", admin_field(r, "rate"), &status);
	if (status != 0)
		return status;
	if (rate == NULL)
		return admin_refuse(ac, 400, "Give the rate (0 for free).");
	const char *minimum = cents(ac, "monthly minimum", admin_field(r, "minimum"), &status);
	if (status != 0)
		return status;
	return admin_client_set_rate(ac, admin_field(r, "slug"), admin_field(r, "unit"), rate, minimum,
				     admin_field(r, "currency"));
}

static int set_call_rate(struct request *r, struct admin_context *ac, long long client_id)
{
	int status;
	const char *rate = cents(ac, "call rate", admin_field(r, "call_rate"), &status);
	if (status != 0)
		return status;
	if (rate == NULL)
		return admin_refuse(ac, 400, "Give the call rate (0: calls are counted, not billed).");
	return admin_client_set_call_rate(ac, admin_field(r, "slug"), rate);
}

static int set_phone_rate(struct request *r, struct admin_context *ac, long long client_id)
{
	int status;
	const char *rate = cents(ac, "phone rate", admin_field(r, "phone_rate"), &status);
	if (status != 0)
		return status;
	if (rate == NULL)
		return admin_refuse(ac, 400, "Give the phone rate (0: phone calls are counted, not billed).");
	long long id;
	if ((status = admin_client_find(ac, admin_field(r, "slug"), POWER_OPERATOR, &id)) != 0)
		return status;
	return admin_phone_set(ac, id, "rate_cents", rate);
}

/* What the client's events cost, per attendee or seat-minute (issue 17). */
static int set_event_rate(struct request *r, struct admin_context *ac, long long client_id)
{
	int status;
	const char *rate = cents(ac, "event rate", admin_field(r, "event_rate"), &status);
	if (status != 0)
		return status;
	if (rate == NULL)
		return admin_refuse(ac, 400, "Give the event rate (0: events are counted, not billed).");
	long long id;
	if ((status = admin_client_find(ac, admin_field(r, "slug"), POWER_OPERATOR, &id)) != 0)
		return status;
	return admin_event_rate(ac, id, admin_field(r, "event_unit"), rate);
}

static int set_reseller(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_client_set_reseller(ac, admin_field(r, "slug"), admin_field(r, "reseller"));
}

static const char *money(struct pool *pool, long long value)
{
	char text[32];
	billing_format_cents(value, text);
	return pool_strdup(pool, text);
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	struct db_rows clients, resellers;
	int rc = admin_client_list(ac, &clients);
	if (rc == 0)
		rc = admin_reseller_list(ac, &resellers);
	if (rc != 0)
		return rc;
	static const char *const reseller_columns[] = { "slug", "name", NULL };
	admin_view_rows(v, "resellers", &resellers, reseller_columns);
	for (size_t i = 0; i < clients.rows; i++) {
		const char *slug = db_cell(&clients, i, 1);
		struct client_terms t;
		struct db_rows history;
		if ((rc = terms_of_client(ac->db, ac->pool, db_cell_int(&clients, i, 0), NULL, &t)) != DB_OK)
			return rc;
		if ((rc = admin_terms_history(ac, slug, &history)) != 0)
			return rc;
		char key[64];
#define SET(field, value) (snprintf(key, sizeof key, "clients.%zu." field, i), view_set(v, key, (value)))
		SET("slug", slug);
		SET("name", db_cell(&clients, i, 2));
		SET("reseller", db_cell(&clients, i, 6));
		SET("unit", billing_unit_name(t.billing.unit));
		SET("rate", money(ac->pool, t.billing.rate_cents));
		SET("minimum", money(ac->pool, t.billing.minimum_cents));
		SET("currency", t.currency);
		SET("call_rate", money(ac->pool, t.billing.call_rate_cents));
		SET("phone_rate", money(ac->pool, t.billing.phone_rate_cents));
		SET("event_unit", billing_event_unit_key(t.billing.event_unit));
		SET("event_rate", money(ac->pool, t.billing.event_rate_cents));
		for (size_t h = 0; h < history.rows; h++) {
			static const char *const fields[] = { "at", "unit", "rate", "minimum", "currency",
				"reseller", "call_rate", "phone_rate", "event_unit", "event_rate" };
			for (size_t f = 0; f < COUNT_OF(fields); f++) {
				const char *value = db_cell(&history, h, f);
				bool cents = f == 2 || f == 3 || f == 6 || f == 7 || f == 9;
				if (cents)
					value = money(ac->pool, db_cell_int(&history, h, f));
				snprintf(key, sizeof key, "clients.%zu.history.%zu.%s", i, h, fields[f]);
				view_set(v, key, value);
			}
		}
#undef SET
	}
	return 0;
}

static const struct admin_form rates_forms[] = {
	{ "rate", set_rate }, { "call-rate", set_call_rate }, { "phone-rate", set_phone_rate },
	{ "reseller", set_reseller }, { "event-rate", set_event_rate },
};

static const struct admin_page rates_page = {
	"rates", POWER_OPERATOR, true, rates_inputs, COUNT_OF(rates_inputs), rates_forms,
	COUNT_OF(rates_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&rates_page, argc, argv);
}
