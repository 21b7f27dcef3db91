/* resellers - the Baton operator's resellers: their share (a change applies
 * from the month it is made), their clients, the accounts they sign in
 * with, and forms to add a reseller, change a share, invite an account (a
 * link to set its password), suspend or resume a reseller, and remove one
 * (after typing its slug). Every form calls lib/admin_billing.c, as
 * baton-admin does. Template: templates/resellers.cs. Tests: t/resellers.t. */
#include "admin_billing.h"
#include "admin_page.h"
#include "db.h"
#include "render.h"

static const struct input resellers_inputs[] = {
	{ "slug", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "name", INPUT_LINE, false, 200, 0, 0, NULL },
	{ "share", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "email", INPUT_LINE, false, 254, 0, 0, NULL },
	{ "confirm", INPUT_LINE, false, 64, 0, 0, NULL },
};

static int create(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_reseller_create(ac, admin_field(r, "slug"), admin_field(r, "name"),
				     admin_field(r, "share"));
}

static int share(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_reseller_set_share(ac, admin_field(r, "slug"), admin_field(r, "share"));
}

static int invite(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_reseller_invite(ac, admin_field(r, "slug"), admin_field(r, "email"),
				     admin_field(r, "name"));
}

static int suspend(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_reseller_suspend(ac, admin_field(r, "slug"), true);
}

static int resume(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_reseller_suspend(ac, admin_field(r, "slug"), false);
}

static int remove_reseller(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_reseller_remove(ac, admin_field(r, "slug"), admin_field(r, "confirm"));
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "slug", "name", "share", "clients", "accounts", "suspended",
		NULL };
	struct db_rows resellers;
	int rc = admin_reseller_list(ac, &resellers);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "resellers", &resellers, columns);
	return 0;
}

static const struct admin_form resellers_forms[] = {
	{ "create", create }, { "share", share }, { "invite", invite }, { "suspend", suspend },
	{ "resume", resume }, { "remove", remove_reseller },
};

static const struct admin_page resellers_page = {
	"resellers", POWER_OPERATOR, true, resellers_inputs, COUNT_OF(resellers_inputs),
	resellers_forms, COUNT_OF(resellers_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&resellers_page, argc, argv);
}
