/* collaborators - the ids and passwords of people a client lets into its
 * rooms without a staff account (when invited people join "with a
 * collaborator id and password", the desk settings' room_join), for its
 * administrators: the list, a new one (with a password typed, or made and
 * shown once), a new password, deactivating one (they can no longer join)
 * and reactivating them. Every form calls lib/admin_rooms.c, as
 * baton-admin's collaborator commands do.
 * Template: templates/collaborators.cs. Tests: t/admin-settings.t,
 * t/browser-collaborators.t. */
#include "admin_page.h"
#include "admin_rooms.h"
#include "db.h"
#include "render.h"

static const struct input collaborators_inputs[] = {
	{ "login", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "name", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "password", INPUT_PASSWORD, false, 1000, 0, 0, NULL },
};

static int add(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_collaborator_add(ac, client_id, admin_field(r, "login"), admin_field(r, "name"),
				      admin_field(r, "password"));
}

static int new_password(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_collaborator_password(ac, client_id, admin_field(r, "login"), admin_field(r, "password"));
}

static int deactivate(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_collaborator_set_active(ac, client_id, admin_field(r, "login"), false);
}

static int activate(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_collaborator_set_active(ac, client_id, admin_field(r, "login"), true);
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "login", "name", "state", NULL };
	struct db_rows people, settings;
	int rc = admin_collaborator_list(ac, client_id, &people);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "collaborators", &people, columns);
	if ((rc = db_query(ac->db, ac->pool, SQL_SETTINGS_CLIENT, &settings, "i", client_id)) != DB_OK)
		return rc;
	if (settings.rows > 0)
		view_set(v, "room_join", db_cell(&settings, 0, 1));
	return 0;
}

static const struct admin_form collaborators_forms[] = {
	{ "add", add }, { "password", new_password }, { "deactivate", deactivate },
	{ "activate", activate },
};

static const struct admin_page collaborators_page = {
	"collaborators", POWER_ADMINISTER, false, collaborators_inputs, COUNT_OF(collaborators_inputs),
	collaborators_forms, COUNT_OF(collaborators_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&collaborators_page, argc, argv);
}
