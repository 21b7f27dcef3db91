/* telephony - the client's call centre settings, for its administrators:
 * calling hours and their time zone, the default country of numbers typed,
 * call-back retries, ring and announcement times, the longest voice message
 * and the greeting callers hear; the help number, caller ID, countries
 * called and phone rate are shown, and the operator sets them here too.
 * Desk phones are on the Agents page. Every form calls lib/admin_phone.c,
 * as `baton-admin phone set` does. Template: templates/telephony.cs.
 * Tests: t/telephony.t, t/browser-admin.t. */
#include <string.h>

#include "admin_page.h"
#include "admin_phone.h"
#include "pool.h"
#include "render.h"

static const struct input telephony_inputs[] = {
	{ "help_number", INPUT_LINE, false, 40, 0, 0, NULL },
	{ "caller_id", INPUT_LINE, false, 40, 0, 0, NULL },
	{ "country", INPUT_LINE, false, 2, 0, 0, NULL },
	{ "dial_countries", INPUT_LINE, false, 200, 0, 0, NULL },
	{ "time_zone", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "calling_hours", INPUT_LINE, false, 500, 0, 0, NULL },
	{ "retry_tries", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "retry_minutes", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "ring_seconds", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "announce_seconds", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "message_seconds", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "greeting", INPUT_TEXT, false, 500, 0, 0, NULL },
	{ "rate_cents", INPUT_LINE, false, 12, 0, 0, NULL },
	{ "whole", INPUT_INT, false, 0, 0, 1, NULL },
};

/* The settings sent. In the page's whole form (whole=1) a field left empty
 * arrives as nothing and means "none"; the operator's settings are in it
 * only for the operator. */
static int line(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *names[16], *values[16];
	int count = 0;
	for (size_t i = 0; phone_line_settings[i] != NULL && count < 16; i++) {
		const char *name = phone_line_settings[i];
		bool whole = admin_field_int(r, "whole") != 0;
		if (whole && admin_phone_operator_setting(name) && ac->role != ROLE_OPERATOR)
			continue;
		const char *value = admin_field(r, name);
		if (value == NULL && !whole)
			continue;
		names[count] = name;
		values[count] = value ? value : "";
		count++;
	}
	if (count == 0)
		return admin_refuse(ac, 400, "The form sent no setting.");
	return admin_phone_update(ac, client_id, names, values, count);
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	struct phone_line pl;
	int status = admin_phone_load(ac, client_id, &pl);
	if (status != 0)
		return status;
	for (size_t i = 0; phone_line_settings[i] != NULL; i++) {
		const char *name = phone_line_settings[i];
		view_set(v, pool_printf(r->pool, "phone.%s", name), admin_phone_setting_text(r->pool, &pl, name));
	}
	view_set_int(v, "operator", ac->role == ROLE_OPERATOR);
	return 0;
}

static const struct admin_form telephony_forms[] = {
	{ "line", line },
};

static const struct admin_page telephony_page = {
	"telephony", POWER_ADMINISTER, false, telephony_inputs, COUNT_OF(telephony_inputs),
	telephony_forms, COUNT_OF(telephony_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&telephony_page, argc, argv);
}
