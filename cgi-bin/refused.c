/* refused - help links Baton refused: an unknown site key, a page on a
 * domain the site has not registered, no page at all, a suspended client.
 * The Baton operator sees every refusal (or one client's, ?client=SLUG),
 * a client's administrators their own client's, so that a missing domain
 * is found and added. Template: templates/refused.cs. Tests: t/refused.t. */
#include "admin_logs.h"
#include "admin_page.h"
#include "db.h"
#include "render.h"

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "at", "client", "site", "key", "referer", "reason",
		"address", NULL };
	struct db_rows rows;
	int rc = admin_refused_list(ac, client_id, &rows);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "refusals", &rows, columns);
	return 0;
}

static const struct admin_page refused_page = {
	"refused", POWER_ADMINISTER, true, NULL, 0, NULL, 0, show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&refused_page, argc, argv);
}
