/* console - the agent's console: who is signed in and their state (changed
 * in the top bar, templates/header.cs); the visitors waiting and those
 * offered (to this agent or a colleague), with their priority, which
 * supervisors and administrators set here; the agent's sessions, scheduled
 * sessions and messages, each with its count; and a search over today's
 * sessions (?q=WORDS). Kept live by htdocs/js/console.js.
 * Template: templates/console.cs. Tests: t/console.t. */
#include <string.h>

#include "agent.h"
#include "db.h"
#include "desk.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "request.h"
#include "response.h"
#include "staff.h"

enum { IN_Q, IN__MAX };
static const struct input console_inputs[IN__MAX] = {
	[IN_Q] = { "q", INPUT_LINE, false, 100, 0, 0, NULL },
};

/* "%words%" for LIKE, with the words' own % _ and \ taken literally. */
static const char *like_pattern(struct pool *pool, const char *words)
{
	char *out = pool_alloc(pool, 2 * strlen(words) + 3);
	size_t o = 0;
	out[o++] = '%';
	for (const char *p = words; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			out[o++] = '\\';
		out[o++] = *p;
	}
	out[o++] = '%';
	out[o] = '\0';
	return out;
}

static int search_today(struct request *r, struct view *v)
{
	static const char *const columns[] = { "id", "name", "at", "visitor", "question", "agents", "open",
		NULL };
	const char *pattern = like_pattern(r->pool, r->in[IN_Q]);
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_CONSOLE_SEARCH_TODAY, &rows, "isssss", r->session->client_id,
			  pattern, pattern, pattern, pattern, pattern);
	if (rc == DB_OK) {
		view_set(v, "search.q", r->in[IN_Q]);
		view_set_rows(v, "results", &rows, columns);
	}
	return rc;
}

static int console_page(struct request *r)
{
	/* A reseller's account has no desk of its own to work. */
	if (staff_role(r->session) == ROLE_RESELLER)
		return resp_redirect(r, "/clients");
	struct desk d;
	int rc = desk_load(r->db, r->pool, r->session->client_id, r->session->agent_id, &d);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	struct view *v = view_new(r);
	desk_to_view(&d, v);
	long long waiting = 0, offered = 0;
	for (size_t i = 0; i < d.queue.rows; i++) {
		if (strcmp(db_cell(&d.queue, i, 1), "waiting") == 0)
			waiting++;
		else
			offered++;
	}
	view_set_int(v, "desk.waiting", waiting);
	view_set_int(v, "desk.offered", offered);
	view_set_int(v, "may_prioritize", staff_role(r->session) >= ROLE_SUPERVISOR);
	view_set(v, "me.state_label", agent_state_label(r->session->state));
	view_set_int(v, "me.state_minutes", r->session->state_seconds / 60);
	if (r->in[IN_Q] != NULL && (rc = search_today(r, v)) != DB_OK) {
		view_free(v);
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	}
	rc = view_render(r, v, 200, "console");
	view_free(v);
	return rc;
}

static const struct action console_actions[] = {
	{ METHOD_GET, console_inputs, IN__MAX, GUARD_SESSION, console_page },
};

static const struct program console_program = {
	"console", false, console_actions, COUNT_OF(console_actions)
};

int main(int argc, char **argv)
{
	return program_main(&console_program, argc, argv);
}
