/* operators - the Baton operator's own accounts, for the operator: who
 * else runs the installation, and inviting a colleague (a link to set
 * their password, as `baton-admin operator invite` makes). Resetting,
 * two-factor and deactivating go through the Agents page of the operator's
 * own client, linked from here. The form calls lib/admin_clients.c's
 * admin_operator_add, as baton-admin does.
 * Template: templates/operators.cs. Tests: t/operators.t. */
#include "account.h"
#include "admin_clients.h"
#include "admin_page.h"
#include "db.h"
#include "render.h"

static const struct input operators_inputs[] = {
	{ "email", INPUT_LINE, false, 254, 0, 0, NULL },
	{ "name", INPUT_LINE, false, 100, 0, 0, NULL },
};

static int invite(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_operator_add(ac, admin_field(r, "email"), admin_field(r, "name"), NULL);
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "id", "email", "name", "role", "state", "capacity",
		"disabled", "has_password", "last_signin", "last_ip", "pending", NULL };
	long long house;
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status != 0)
		return status;
	status = admin_house_client(ac, false, &house);
	if (status == 404) {  /* none yet: the first invitation makes it */
		ac->message = NULL;
		return 0;
	}
	struct db_rows people;
	if (status == 0)
		status = account_list(ac, house, &people);
	if (status != 0)
		return status;
	admin_view_rows(v, "people", &people, columns);
	struct db_rows slug;
	if ((status = db_query(ac->db, ac->pool, SQL_CLIENT_DESK_NAME, &slug, "i", house)) != DB_OK)
		return status;
	if (slug.rows > 0)
		view_set(v, "house", db_cell(&slug, 0, 0));
	return 0;
}

static const struct admin_form operators_forms[] = {
	{ "invite", invite },
};

static const struct admin_page operators_page = {
	"operators", POWER_OPERATOR, true, operators_inputs, COUNT_OF(operators_inputs), operators_forms,
	COUNT_OF(operators_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&operators_page, argc, argv);
}
