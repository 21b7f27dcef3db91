/* agents - the client's people, for its administrators: invite someone
 * (they get a link to set their password), change a role, the number of
 * sessions an agent takes at once (routing respects it), a new password
 * link, turning off two-factor sign-in for someone who lost their phone,
 * a desk phone (a SIP account its calls ring instead of the browser),
 * deactivate and reactivate, the language each reads and writes, who gets
 * the weekly digest. Every form calls lib/account.c, lib/admin_phone.c,
 * lib/admin_lang.c or lib/admin_mail.c, as baton-admin does.
 * Template: templates/agents.cs. Tests: t/agents.t, t/admin-settings.t, t/browser-admin.t. */
#include <string.h>

#include "account.h"
#include "admin_lang.h"
#include "admin_mail.h"
#include "admin_phone.h"
#include "admin_page.h"
#include "db.h"
#include "pool.h"
#include "render.h"
#include "two_factor.h"

static const struct input agents_inputs[] = {
	{ "agent", INPUT_INT, false, 0, 1, (1LL << 62), NULL },
	{ "email", INPUT_LINE, false, 254, 0, 0, NULL },
	{ "name", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "role", INPUT_LINE, false, 20, 0, 0, NULL },
	{ "capacity", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "lang", INPUT_LINE, false, 12, 0, 0, NULL },
	{ "digest", INPUT_INT, false, 0, 0, 1, NULL },
};

static int invite(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_invite(ac, client_id, admin_field(r, "email"), admin_field(r, "name"),
			      admin_field(r, "role") ? admin_field(r, "role") : "agent", 0, false);
}

static int set_role(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_role(ac, admin_field_int(r, "agent"), admin_field(r, "role"));
}

static int set_capacity(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_capacity(ac, admin_field_int(r, "agent"), admin_field(r, "capacity"));
}

static int reset(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_reset(ac, admin_field_int(r, "agent"));
}

static int deactivate(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_active(ac, admin_field_int(r, "agent"), false);
}

static int activate(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_active(ac, admin_field_int(r, "agent"), true);
}

static int rename_agent(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_rename(ac, admin_field_int(r, "agent"), admin_field(r, "name"));
}

static int two_factor_off_for(struct request *r, struct admin_context *ac, long long client_id)
{
	return two_factor_reset(ac, admin_field_int(r, "agent"));
}

static int desk_phone(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *user;
	return admin_desk_phone(ac, admin_field_int(r, "agent"), true, &user);
}

static int desk_phone_off(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *user;
	return admin_desk_phone(ac, admin_field_int(r, "agent"), false, &user);
}

/* The language the person reads and writes (issue 18). */
static int set_lang(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_lang(ac, admin_field_int(r, "agent"), admin_field(r, "lang"));
}

/* Whether a supervisor or administrator gets the weekly digest (issue 13). */
static int set_digest(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_digest(ac, admin_field_int(r, "agent"), admin_field_int(r, "digest") != 0);
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "id", "email", "name", "role", "state", "capacity",
		"disabled", "has_password", "last_signin", "last_ip", "pending", "reseller", "open",
		"two_factor", "desk_phone", "lang", "digest", NULL };
	struct db_rows people;
	int rc = account_list(ac, client_id, &people);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "people", &people, columns);
	for (int i = 0; account_desk_roles[i] != NULL; i++)
		view_set(v, pool_printf(r->pool, "roles.%d", i), account_desk_roles[i]);
	view_set_int(v, "capacity_max", CAPACITY_MAX);
	return 0;
}

static const struct admin_form agents_forms[] = {
	{ "invite", invite }, { "role", set_role }, { "capacity", set_capacity }, { "reset", reset },
	{ "deactivate", deactivate }, { "activate", activate }, { "rename", rename_agent },
	{ "two-factor-off", two_factor_off_for }, { "desk-phone", desk_phone },
	{ "desk-phone-off", desk_phone_off }, { "lang", set_lang }, { "digest", set_digest },
};

static const struct admin_page agents_page = {
	"agents", POWER_ADMINISTER, false, agents_inputs, COUNT_OF(agents_inputs), agents_forms,
	COUNT_OF(agents_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&agents_page, argc, argv);
}
