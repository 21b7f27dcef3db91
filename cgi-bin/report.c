/* report - a client's reports for its supervisors and admins (the Baton
 * operator chooses any client with ?client=SLUG): usage, queue, agents and
 * attendance, each for a range of days, as a page with a table per figure
 * set (htdocs/js/charts.js draws the charts from the tables) or as CSV with
 * &format=csv (&table=ID for one table). The reports themselves are in
 * lib/report_*.c. Template: templates/report.cs. Tests: t/report.t,
 * t/browser-report.t. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "report.h"
#include "response.h"
#include "staff.h"

struct report_kind {
	const char *name;
	const char *title;
	int (*build)(struct db *, struct pool *, const struct report_range *, struct report *);
};

static const struct report_kind report_kinds[] = {
	{ "usage", "Usage", report_usage },
	{ "queue", "Queue", report_queue },
	{ "agents", "Agents", report_agents },
	{ "attendance", "Attendance", report_attendance },
	{ "calls", "Calls", report_calls },
};

static const char *const kind_names[] = { "usage", "queue", "agents", "attendance", "calls", NULL };
static const char *const granularities[] = { "day", "week", "month", NULL };
static const char *const formats[] = { "html", "csv", NULL };

enum { DEFAULT_MIN_PEOPLE = 3 };

enum { IN_CLIENT, IN_KIND, IN_FROM, IN_TO, IN_GRANULARITY, IN_AGENT, IN_PEOPLE, IN_FORMAT, IN_TABLE,
       IN__MAX };
static const struct input report_inputs[IN__MAX] = {
	[IN_CLIENT] = { "client", INPUT_LINE, false, 64, 0, 0, NULL },
	[IN_KIND] = { "kind", INPUT_CHOICE, false, 0, 0, 0, kind_names },
	[IN_FROM] = { "from", INPUT_LINE, false, 10, 0, 0, NULL },
	[IN_TO] = { "to", INPUT_LINE, false, 10, 0, 0, NULL },
	[IN_GRANULARITY] = { "granularity", INPUT_CHOICE, false, 0, 0, 0, granularities },
	[IN_AGENT] = { "agent", INPUT_INT, false, 0, 1, 999999999999LL, NULL },
	[IN_PEOPLE] = { "people", INPUT_INT, false, 0, 2, 1000, NULL },
	[IN_FORMAT] = { "format", INPUT_CHOICE, false, 0, 0, 0, formats },
	[IN_TABLE] = { "table", INPUT_LINE, false, 32, 0, 0, NULL },
};

static const struct report_kind *find_kind(const char *name)
{
	for (size_t i = 0; i < COUNT_OF(report_kinds); i++)
		if (strcmp(report_kinds[i].name, name) == 0)
			return &report_kinds[i];
	return &report_kinds[0];
}

/* Appends &name=value, the value percent-encoded. */
static void query_add(struct buf *q, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_printf(q, "%s%s=", q->len ? "&" : "", name);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		    || *p == '-' || *p == '.' || *p == '_')
			buf_putc(q, (char)*p);
		else
			buf_printf(q, "%%%02X", *p);
	}
}

/* A file name of safe characters only. */
static const char *csv_file_name(struct pool *pool, const char *kind, const char *slug,
				 const struct report_range *range)
{
	char *name = pool_printf(pool, "baton-%s-%s-%s-%s.csv", kind, slug, range->from, range->to);
	for (char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		      || *p == '-' || *p == '.' || *p == '_'))
			*p = '_';
	return name;
}

static int send_csv(struct request *r, const struct report *rep, const char *slug,
		    const struct report_range *range)
{
	const char *only = r->in[IN_TABLE];
	struct buf csv;
	buf_init(&csv);
	if (!report_to_csv(rep, only, &csv)) {
		buf_free(&csv);
		return resp_error(r, 404, "This report has no table '%s'.", only);
	}
	buf_free(&r->resp.body);
	r->resp.body = csv;
	r->resp.status = 200;
	r->resp.content_type = "text/csv; charset=utf-8";
	const char *file = csv_file_name(r->pool, only ? pool_printf(r->pool, "%s-%s", rep->kind, only)
						      : rep->kind, slug, range);
	resp_header(r, "Content-Disposition", pool_printf(r->pool, "attachment; filename=\"%s\"", file));
	return 200;
}

static void form_to_view(struct request *r, struct view *v, const struct report_kind *kind,
			 const struct report_range *range, const char *slug,
			 const struct db_rows *clients, const struct db_rows *agents)
{
	bool operator = staff_role(r->session) == ROLE_OPERATOR;
	view_set(v, "report.kind", kind->name);
	view_set(v, "report.title", kind->title);
	view_set(v, "report.from", range->from);
	view_set(v, "report.to", range->to);
	view_set(v, "report.granularity", granularities[range->granularity]);
	view_set_int(v, "report.people", range->min_people);
	if (range->agent_id)
		view_set_int(v, "report.agent", range->agent_id);
	view_set(v, "report.client_slug", slug);
	view_set(v, "report.operator", operator ? "1" : NULL);
	for (size_t i = 0; i < COUNT_OF(report_kinds); i++) {
		char key[64];
		snprintf(key, sizeof key, "kinds.%zu.name", i);
		view_set(v, key, report_kinds[i].name);
		snprintf(key, sizeof key, "kinds.%zu.title", i);
		view_set(v, key, report_kinds[i].title);
	}
	static const char *const client_cols[] = { "slug", "name", NULL };
	if (operator)
		view_set_rows(v, "clients", clients, client_cols);
	static const char *const agent_cols[] = { "id", "name", NULL };
	view_set_rows(v, "agents", agents, agent_cols);

	/* Links keep the client and dates; the CSV link the report's options too. */
	struct buf q;
	buf_init(&q);
	query_add(&q, "client", operator ? slug : NULL);
	query_add(&q, "from", range->from);
	query_add(&q, "to", range->to);
	view_set(v, "report.base_query", q.data ? q.data : "");
	query_add(&q, "kind", kind->name);
	if (kind->build == report_usage)
		query_add(&q, "granularity", granularities[range->granularity]);
	if (kind->build == report_agents && range->agent_id)
		query_add(&q, "agent", pool_printf(r->pool, "%lld", range->agent_id));
	if (kind->build == report_attendance)
		query_add(&q, "people", pool_printf(r->pool, "%lld", range->min_people));
	view_set(v, "report.query", q.data);
	buf_free(&q);
}

static int report_page(struct request *r)
{
	const struct report_kind *kind = find_kind(r->in[IN_KIND] ? r->in[IN_KIND] : "usage");
	struct report_range range;
	memset(&range, 0, sizeof range);
	const char *problem = report_range_dates(&range, r->in[IN_FROM], r->in[IN_TO], time(NULL));
	if (problem != NULL)
		return resp_error(r, 400, "%s", problem);
	const char *g = r->in[IN_GRANULARITY];
	range.granularity = g == NULL || strcmp(g, "day") == 0 ? REPORT_DAY
			    : strcmp(g, "week") == 0 ? REPORT_WEEK : REPORT_MONTH;
	range.agent_id = r->in[IN_AGENT] ? r->in_int[IN_AGENT] : 0;
	range.min_people = r->in[IN_PEOPLE] ? r->in_int[IN_PEOPLE] : DEFAULT_MIN_PEOPLE;
	const char *table = r->in[IN_TABLE];
	for (const char *p = table; p != NULL && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '-'))
			return resp_error(r, 400, "The field 'table' must name a table of the report.");

	int status = staff_client_for_request(r, r->in[IN_CLIENT], ROLE_SUPERVISOR, &range.client_id);
	if (status != 0)
		return status;

	struct db_rows client, clients = { 0 }, agents = { 0 };
	int rc = db_query(r->db, r->pool, SQL_REPORT_CLIENT, &client, "i", range.client_id);
	if (rc == DB_OK && staff_role(r->session) == ROLE_OPERATOR)
		rc = db_query(r->db, r->pool, SQL_CLIENT_LIST, &clients, "");
	if (rc == DB_OK && kind->build == report_agents)
		rc = db_query(r->db, r->pool, SQL_REPORT_AGENT_LIST, &agents, "i", range.client_id);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK || client.rows == 0)
		return -1;
	if (range.agent_id != 0) {
		bool known = false;
		for (size_t i = 0; i < agents.rows; i++)
			known = known || db_cell_int(&agents, i, 0) == range.agent_id;
		if (!known)
			return resp_error(r, 404, "There is no such agent at this client.");
	}

	struct report rep;
	memset(&rep, 0, sizeof rep);
	rep.pool = r->pool;
	rep.kind = kind->name;
	rc = kind->build(r->db, r->pool, &range, &rep);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	const char *slug = db_cell(&client, 0, 0);
	if (r->in[IN_FORMAT] != NULL && strcmp(r->in[IN_FORMAT], "csv") == 0)
		return send_csv(r, &rep, slug, &range);

	struct view *v = view_new(r);
	view_set(v, "report.client_name", db_cell(&client, 0, 1));
	form_to_view(r, v, kind, &range, slug, &clients, &agents);
	report_to_view(&rep, v);
	rc = view_render(r, v, 200, "report");
	view_free(v);
	return rc;
}

static const struct action report_actions[] = {
	{ METHOD_GET, report_inputs, IN__MAX, GUARD_SESSION, report_page },
};

static const struct program report_program = {
	"report", false, report_actions, COUNT_OF(report_actions)
};

int main(int argc, char **argv)
{
	return program_main(&report_program, argc, argv);
}
