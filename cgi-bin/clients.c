/* clients - the installation's clients, for the Baton operator (all of
 * them) and resellers (their own): this month's use, and a form to create a
 * client with its first administrator, who gets a link to set their
 * password. The operator also suspends, resumes and deletes clients (with
 * all their data, after typing the slug). Every form calls
 * lib/admin_clients.c, as baton-admin does. Template: templates/clients.cs.
 * Tests: t/clients.t, t/browser-admin.t. */
#include "admin_billing.h"
#include "admin_clients.h"
#include "admin_page.h"
#include "db.h"
#include "render.h"

static const struct input clients_inputs[] = {
	{ "slug", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "name", INPUT_LINE, false, 200, 0, 0, NULL },
	{ "admin_email", INPUT_LINE, false, 254, 0, 0, NULL },
	{ "admin_name", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "reseller", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "confirm", INPUT_LINE, false, 64, 0, 0, NULL },
};

static int create(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_client_create(ac, admin_field(r, "slug"), admin_field(r, "name"),
				   admin_field(r, "admin_email"), admin_field(r, "admin_name"),
				   admin_field(r, "reseller"));
}

static int suspend(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_client_suspend(ac, admin_field(r, "slug"), true);
}

static int resume(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_client_suspend(ac, admin_field(r, "slug"), false);
}

static int delete_client(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_client_delete(ac, admin_field(r, "slug"), admin_field(r, "confirm"));
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "id", "slug", "name", "suspended", "house", "created",
		"reseller", "reseller_name", "agents", "sites", "sessions", "minutes", NULL };
	struct db_rows clients, resellers;
	int rc = admin_client_list(ac, &clients);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "clients", &clients, columns);
	if (ac->role == ROLE_OPERATOR) {
		static const char *const reseller_columns[] = { "slug", "name", NULL };
		if ((rc = admin_reseller_list(ac, &resellers)) != 0)
			return rc;
		admin_view_rows(v, "resellers", &resellers, reseller_columns);
	}
	return 0;
}

static const struct admin_form clients_forms[] = {
	{ "create", create }, { "suspend", suspend }, { "resume", resume }, { "delete", delete_client },
};

static const struct admin_page clients_page = {
	"clients", POWER_ACCOUNT, true, clients_inputs, COUNT_OF(clients_inputs), clients_forms,
	COUNT_OF(clients_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&clients_page, argc, argv);
}
