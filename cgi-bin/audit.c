/* audit - the audit log: who changed what, when and from where, newest
 * first, 100 at a time. The Baton operator reads every entry (or one
 * client's, ?client=SLUG), a client's administrators their client's, a
 * reseller those about itself and its clients. Reading only: the entries
 * are written by the actions themselves (lib/admin.c, admin_audit).
 * Template: templates/audit.cs. Tests: t/audit.t. */
#include "admin_logs.h"
#include "admin_page.h"
#include "db.h"
#include "render.h"

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "id", "at", "actor", "role", "address", "client",
		"action", "object", "detail", NULL };
	struct db_rows rows;
	int rc = admin_audit_list(ac, client_id, admin_field_int(r, "before"), &rows);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "entries", &rows, columns);
	if (rows.rows == 100)
		view_set(v, "older", db_cell(&rows, rows.rows - 1, 0));
	return 0;
}

static const struct admin_page audit_page = {
	"audit", POWER_ACCOUNT, true, NULL, 0, NULL, 0, show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&audit_page, argc, argv);
}
