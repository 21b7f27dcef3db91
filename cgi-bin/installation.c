/* installation - the health of the installation, for the Baton operator:
 * Baton's version, the database (reachable, its version and clock, time
 * zones loaded), the schema migrations applied and any still to apply,
 * the queues (waiting, offered, open sessions, staff signed in, mail not
 * yet sent; the busiest clients), and every program, which
 * htdocs/js/installation.js asks in turn whether it answers through the web
 * server; and a form to try the translation engine (lib/admin_lang.c, as
 * baton-admin translate). Template: templates/installation.cs.
 * Tests: t/installation.t, t/admin-settings.t. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_page.h"
#include "admin_translate.h"
#include "db.h"
#include "pool.h"
#include "render.h"

#ifndef BATON_VERSION
#define BATON_VERSION "unknown"
#endif
#ifndef BATON_SCHEMA_DIR
#define BATON_SCHEMA_DIR "/usr/share/baton/schema"
#endif
/* The programs of this build, comma-separated (from the Makefile). */
#ifndef BATON_PROGRAM_NAMES
#define BATON_PROGRAM_NAMES ""
#endif

static bool applied(const struct db_rows *done, long version)
{
	for (size_t i = 0; i < done->rows; i++)
		if (db_cell_int(done, i, 0) == version)
			return true;
	return false;
}

/* schema/NNN-name.sql files not applied yet, as pending.N. */
static void pending_migrations(struct request *r, struct view *v, const struct db_rows *done)
{
	const char *dir = getenv("BATON_SCHEMA_DIR");
	DIR *d = opendir(dir && *dir ? dir : BATON_SCHEMA_DIR);
	if (d == NULL) {
		view_set_int(v, "schema_unreadable", 1);
		return;
	}
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 9 || strcmp(e->d_name + len - 4, ".sql") != 0 || e->d_name[3] != '-')
			continue;
		long version = strtol(e->d_name, NULL, 10);
		if (version > 0 && !applied(done, version))
			view_set(v, pool_printf(r->pool, "pending.%d", n++), e->d_name);
	}
	closedir(d);
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status != 0)
		return status;
	struct db_rows database, done, counts, queues;
	int rc = db_query(ac->db, ac->pool, SQL_INSTALL_DATABASE, &database, "");
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_MIGRATION_APPLIED, &done, "");
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_INSTALL_COUNTS, &counts, "");
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_INSTALL_QUEUES, &queues, "");
	if (rc != DB_OK)
		return rc;
	view_set(v, "version", BATON_VERSION);
	static const char *const database_columns[] = { "version", "now", "host", "zones", NULL };
	static const char *const migration_columns[] = { "version", "name", NULL };
	static const char *const count_columns[] = { "waiting", "offered", "open", "staff", "clients",
		"unsent_mail", NULL };
	static const char *const queue_columns[] = { "slug", "name", "waiting", "offered", "open",
		"available", "longest", NULL };
	for (size_t c = 0; database_columns[c] != NULL; c++)
		view_set(v, pool_printf(r->pool, "database.%s", database_columns[c]), db_cell(&database, 0, c));
	for (size_t c = 0; count_columns[c] != NULL; c++)
		view_set(v, pool_printf(r->pool, "counts.%s", count_columns[c]), db_cell(&counts, 0, c));
	admin_view_rows(v, "migrations", &done, migration_columns);
	admin_view_rows(v, "queues", &queues, queue_columns);
	pending_migrations(r, v, &done);
	/* The programs, one per element: the page's script asks each. Not the
	 * first-run setup: once an operator exists it answers 404 for good. */
	const char *names = BATON_PROGRAM_NAMES;
	for (int n = 0; *names;) {
		size_t len = strcspn(names, ",");
		if (!(len == 5 && strncmp(names, "setup", 5) == 0))
			view_set(v, pool_printf(r->pool, "programs.%d", n++),
				 pool_strndup(r->pool, names, len));
		names += len + (names[len] == ',');
	}
	return 0;
}

static const struct input installation_inputs[] = {
	{ "from", INPUT_LINE, false, 12, 0, 0, NULL },
	{ "to", INPUT_LINE, false, 12, 0, 0, NULL },
	{ "text", INPUT_TEXT, false, 2000, 0, 0, NULL },
};

/* The translation engine tried, as `baton-admin translate` does (issue 18). */
static int translate(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *translation, *via;
	return admin_translate_try(ac, admin_field(r, "from"), admin_field(r, "to"), admin_field(r, "text"),
				   &translation, &via);
}

static const struct admin_form installation_forms[] = {
	{ "translate", translate },
};

static const struct admin_page installation_page = {
	"installation", POWER_OPERATOR, true, installation_inputs, COUNT_OF(installation_inputs),
	installation_forms, COUNT_OF(installation_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&installation_page, argc, argv);
}
