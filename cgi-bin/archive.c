/* archive - finding a client's past sessions: by dates, agent, visitor,
 * site and words said. Each session links to its staff transcript
 * (/session) and replay (/replay). For the client's supervisors and admins;
 * the Baton operator chooses the client with ?client=SLUG. Every query is
 * filtered by the client. Template: templates/archive.cs. Tests: t/archive.t. */
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "staff.h"

#define ID_MAX 1000000000000000LL

enum { IN_FROM, IN_TO, IN_AGENT, IN_VISITOR, IN_SITE, IN_Q, IN_CLIENT, IN_PAGE, IN__MAX };
static const struct input archive_inputs[IN__MAX] = {
	[IN_FROM] = { "from", INPUT_LINE, false, 10, 0, 0, NULL },
	[IN_TO] = { "to", INPUT_LINE, false, 10, 0, 0, NULL },
	[IN_AGENT] = { "agent", INPUT_INT, false, 0, 1, ID_MAX, NULL },
	[IN_VISITOR] = { "visitor", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_SITE] = { "site", INPUT_INT, false, 0, 1, ID_MAX, NULL },
	[IN_Q] = { "q", INPUT_LINE, false, 200, 0, 0, NULL },
	[IN_CLIENT] = { "client", INPUT_LINE, false, 64, 0, 0, NULL },
	[IN_PAGE] = { "page", INPUT_INT, false, 0, 1, 10000, NULL },
};

static const char *const result_cols[] = { "id", "started", "name", "agents", "visitor", "site",
	"seconds", "lines", "state", "request", NULL };

/* What the search form shows: the choices and what was asked. */
static int form_to_view(struct request *r, long long client_id, const struct archive_filter *f,
			struct view *v)
{
	static const char *const agent_cols[] = { "id", "name", NULL };
	static const char *const site_cols[] = { "id", "name", NULL };
	struct db_rows agents, sites, client;
	int rc = db_query(r->db, r->pool, SQL_ARCHIVE_AGENTS, &agents, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_SITE_BY_CLIENT, &sites, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_CLIENT_SETTINGS, &client, "i", client_id);
	if (rc != DB_OK)
		return rc;
	if (client.rows > 0)
		view_set(v, "client_name", db_cell(&client, 0, 5));
	view_set_rows(v, "agents", &agents, agent_cols);
	view_set_rows(v, "sites", &sites, site_cols);
	view_set(v, "f.from", f->from);
	view_set(v, "f.to", f->to);
	view_set_int(v, "f.agent", f->agent_id);
	view_set(v, "f.visitor", f->visitor);
	view_set_int(v, "f.site", f->site_id);
	view_set(v, "f.q", f->words);
	view_set(v, "client_slug", r->in[IN_CLIENT]);
	view_set_int(v, "is_operator", staff_role(r->session) == ROLE_OPERATOR);
	return DB_OK;
}

static int results_to_view(struct request *r, long long client_id, const struct archive_filter *f,
			   const char *fulltext, struct view *v)
{
	struct db_rows found;
	int rc = archive_search(r->db, r->pool, client_id, f, fulltext, &found);
	if (rc != DB_OK)
		return rc;
	bool more = found.rows > ARCHIVE_PAGE_SIZE;
	if (more)
		found.rows = ARCHIVE_PAGE_SIZE;
	view_set_rows(v, "sessions", &found, result_cols);
	view_set_int(v, "found", (long long)found.rows);
	view_set_int(v, "page", f->page);
	struct buf q;
	if (more) {
		buf_init(&q);
		archive_query_string(&q, f, r->in[IN_CLIENT], f->page + 1);
		view_set(v, "next_query", q.data);
		buf_free(&q);
	}
	if (f->page > 1) {
		buf_init(&q);
		archive_query_string(&q, f, r->in[IN_CLIENT], f->page - 1);
		view_set(v, "prev_query", q.data);
		buf_free(&q);
	}
	return DB_OK;
}

/* Which of the inputs is wrong, for a 400 that keeps the form. */
static const char *filter_problem(struct pool *pool, const struct archive_filter *f,
				  const char **fulltext)
{
	*fulltext = NULL;
	if (f->from != NULL && !archive_valid_date(f->from))
		return "The date 'from' must be a day written YYYY-MM-DD.";
	if (f->to != NULL && !archive_valid_date(f->to))
		return "The date 'to' must be a day written YYYY-MM-DD.";
	if (f->from != NULL && f->to != NULL && strcmp(f->from, f->to) > 0)
		return "The date 'from' comes after the date 'to'.";
	if (f->words != NULL && (*fulltext = archive_fulltext_query(pool, f->words)) == NULL)
		return "Those words are too short or too common to search for: use words of three "
		       "letters or more.";
	return NULL;
}

static int archive_page(struct request *r)
{
	long long client_id;
	int status = staff_client_for_request(r, r->in[IN_CLIENT], ROLE_SUPERVISOR, &client_id);
	if (status != 0)
		return status;
	struct archive_filter f = {
		.from = r->in[IN_FROM], .to = r->in[IN_TO], .agent_id = r->in_int[IN_AGENT],
		.visitor = r->in[IN_VISITOR], .site_id = r->in_int[IN_SITE], .words = r->in[IN_Q],
		.page = r->in_int[IN_PAGE] > 0 ? r->in_int[IN_PAGE] : 1,
	};
	const char *fulltext = NULL;
	const char *problem = filter_problem(r->pool, &f, &fulltext);
	struct view *v = view_new(r);
	int rc = form_to_view(r, client_id, &f, v);
	if (rc == DB_OK && problem == NULL)
		rc = results_to_view(r, client_id, &f, fulltext, v);
	if (rc != DB_OK) {
		view_free(v);
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	}
	view_set(v, "problem", problem);
	rc = view_render(r, v, problem ? 400 : 200, "archive");
	view_free(v);
	return rc;
}

static const struct action archive_actions[] = {
	{ METHOD_GET, archive_inputs, IN__MAX, GUARD_SESSION, archive_page },
};

static const struct program archive_program = {
	"archive", false, archive_actions, COUNT_OF(archive_actions)
};

int main(int argc, char **argv)
{
	return program_main(&archive_program, argc, argv);
}
