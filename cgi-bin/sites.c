/* sites - the client's sites, for its administrators: add a site with its
 * domains, rename it, add and remove domains, choose whether visitors type
 * a question first, make a signing secret for priorities in links, delete
 * a site (after typing its name), give it a help address (mail to it
 * becomes a help request); each site's help link and button ready to copy.
 * Every form calls lib/admin_sites.c (the help address lib/admin_mail.c),
 * as baton-admin does.
 * Template: templates/sites.cs. Tests: t/sites.t, t/admin-settings.t. */
#include <stdio.h>

#include "admin_mail.h"
#include "admin_page.h"
#include "admin_sites.h"
#include "db.h"
#include "render.h"
#include "site_snippets.h"

static const struct input sites_inputs[] = {
	{ "site", INPUT_INT, false, 0, 1, (1LL << 62), NULL },
	{ "name", INPUT_LINE, false, 200, 0, 0, NULL },
	{ "domains", INPUT_TEXT, false, 2000, 0, 0, NULL },
	{ "domain", INPUT_LINE, false, 253, 0, 0, NULL },
	{ "ask", INPUT_INT, false, 0, 0, 1, NULL },
	{ "confirm", INPUT_LINE, false, 200, 0, 0, NULL },
	{ "help_address", INPUT_LINE, false, 254, 0, 0, NULL },
};

enum { MAX_DOMAINS = 50 };

static int add(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *domains[MAX_DOMAINS];
	int count = admin_split_domains(ac, admin_field(r, "domains"), domains, MAX_DOMAINS);
	return admin_site_add(ac, client_id, admin_field(r, "name"), domains, count);
}

static int rename_site(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_site_rename(ac, admin_field_int(r, "site"), admin_field(r, "name"));
}

static int domain_add(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_site_domain_add(ac, admin_field_int(r, "site"), admin_field(r, "domain"));
}

static int domain_remove(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_site_domain_remove(ac, admin_field_int(r, "site"), admin_field(r, "domain"));
}

static int ask(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_site_set_ask_question(ac, admin_field_int(r, "site"), admin_field_int(r, "ask") != 0);
}

static int secret(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_site_new_secret(ac, admin_field_int(r, "site"), NULL);
}

static int delete_site(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_site_delete(ac, admin_field_int(r, "site"), admin_field(r, "confirm"));
}

/* Mail to the address becomes a help request of the site (issue 13). */
static int help_address(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_site_help_address(ac, admin_field_int(r, "site"), NULL, admin_field(r, "help_address"));
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	struct db_rows sites;
	int rc = db_query(ac->db, ac->pool, SQL_SITES_ADMIN, &sites, "i", client_id);
	if (rc != DB_OK)
		return rc;
	site_snippets_to_view(r, v, &sites);
	for (size_t i = 0; i < sites.rows; i++) {
		char key[64];
		snprintf(key, sizeof key, "sites.%zu.ask", i);
		view_set(v, key, db_cell(&sites, i, 4));
		snprintf(key, sizeof key, "sites.%zu.has_secret", i);
		view_set(v, key, db_cell(&sites, i, 5));
		snprintf(key, sizeof key, "sites.%zu.help_address", i);
		view_set(v, key, db_cell(&sites, i, 6));
	}
	return 0;
}

static const struct admin_form sites_forms[] = {
	{ "add", add }, { "rename", rename_site }, { "domain-add", domain_add },
	{ "domain-remove", domain_remove }, { "ask", ask }, { "secret", secret }, { "delete", delete_site },
	{ "help-address", help_address },
};

static const struct admin_page sites_page = {
	"sites", POWER_ADMINISTER, false, sites_inputs, COUNT_OF(sites_inputs), sites_forms,
	COUNT_OF(sites_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&sites_page, argc, argv);
}
