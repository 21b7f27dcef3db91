/* statement - monthly usage statements, as printable HTML or CSV
 * (&format=csv):
 *   /statement?month=YYYY-MM[&client=SLUG]   a client's statement: a line per
 *       session, a line per call and per phone call (the call centre's
 *       talk time at the phone rate), the rates, the minimum, the total.
 *       For the client's
 *       supervisors and admins, who run the desk and answer for what it
 *       costs, and the Baton operator (who names the client); agents are
 *       refused.
 *   /statement?month=YYYY-MM&reseller=SLUG   a reseller's statement: each of
 *       its clients with the month's total and the reseller's share. For the
 *       Baton operator only.
 * The month defaults to the last one that is over. A statement is computed
 * from the month's channels (start, close, the agents who joined) and the
 * client's terms alone, with the rules of lib/billing.c, so re-running a
 * month that is over gives the same bytes. Templates: templates/statement.cs,
 * templates/statement_reseller.cs. Tests: t/statement.t, t/unit/billing.c. */
#include <stdio.h>
#include <string.h>

#include "billing.h"
#include "csv.h"
#include "db.h"
#include "event_billing.h"
#include "log.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "staff.h"
#include "terms.h"
#include "admin.h"
#include "admin_clients.h"

static const char *const formats[] = { "html", "csv", NULL };

enum { IN_MONTH, IN_CLIENT, IN_RESELLER, IN_FORMAT, IN__MAX };
static const struct input statement_inputs[IN__MAX] = {
	[IN_MONTH] = { "month", INPUT_LINE, false, 7, 0, 0, NULL },
	[IN_CLIENT] = { "client", INPUT_LINE, false, 64, 0, 0, NULL },
	[IN_RESELLER] = { "reseller", INPUT_LINE, false, 64, 0, 0, NULL },
	[IN_FORMAT] = { "format", INPUT_CHOICE, false, 0, 0, 0, formats },
};

/* Columns of SQL_BILLING_CLIENT and SQL_BILLING_RESELLER_CLIENTS. */
enum { C_ID, C_SLUG, C_NAME, C_CREATED_MS };
/* Columns of SQL_BILLING_SESSIONS. */
enum { S_STARTED, S_CHANNEL, S_AGENTS, S_CREATED_MS, S_CLOSED_MS, S_CHANNEL_ID };
/* Columns of SQL_BILLING_CALLS. */
enum { K_CHANNEL_ID, K_CONNECTED, K_CHANNEL, K_CONNECTED_MS, K_ENDED_MS };
/* Columns of SQL_BILLING_PHONE_CALLS. */
enum { P_STARTED, P_NUMBER, P_DIRECTION, P_CONNECTED_MS, P_ENDED_MS };

struct statement_line {
	const char *started, *channel, *agents;
	long long minutes, quantity, amount_cents;
};

/* A call of one of the month's sessions (issue 14). */
struct call_line {
	const char *connected, *channel;
	long long minutes, amount_cents;
};

/* A phone call of the call centre (issue 15): its talk time. */
struct phone_line {
	const char *started, *number, *direction;
	long long minutes, amount_cents;
};

struct statement {
	long long client_id;
	const char *slug, *name, *currency;
	struct billing_terms terms;
	bool minimum_applies;     /* the client existed before the month's end */
	long long reseller_id;    /* the month's reseller (0: none) */
	struct statement_line *lines;
	size_t line_count;
	struct call_line *calls;
	size_t call_count;
	struct event_line *events;  /* issue 17 */
	size_t event_count;
	struct phone_line *phones;
	size_t phone_count;
	struct billing_totals totals;
};

/* Bills the calls of the month's sessions (connected ones), each from its
 * connecting to its end or the cut-off. */
static int bill_calls(struct request *r, struct pool *pool, const struct billing_month *m,
		      long long cutoff_ms, bool want_lines, struct statement *s)
{
	struct db_rows rows;
	int rc = db_query(r->db, pool, SQL_BILLING_CALLS, &rows, "iss", s->client_id, m->start, m->end);
	if (rc != DB_OK)
		return rc;
	if (want_lines)
		s->calls = pool_zalloc(pool, (rows.rows + 1) * sizeof *s->calls);
	for (size_t k = 0; k < rows.rows; k++) {
		long long ended = db_cell(&rows, k, K_ENDED_MS) ? db_cell_int(&rows, k, K_ENDED_MS) : -1;
		long long minutes = billing_session_minutes(db_cell_int(&rows, k, K_CONNECTED_MS), ended,
							    cutoff_ms);
		long long amount;
		if (billing_add_call(&s->terms, &s->totals, minutes, &amount) != 0) {
			log_error("statement of client %lld for %s: the calls overflow", s->client_id, m->label);
			return DB_ERROR;
		}
		if (!want_lines)
			continue;
		struct call_line *line = &s->calls[s->call_count++];
		line->connected = db_cell(&rows, k, K_CONNECTED);
		line->channel = db_cell(&rows, k, K_CHANNEL);
		line->minutes = minutes;
		line->amount_cents = amount;
	}
	return DB_OK;
}

/* Bills the client's phone calls of month m (talk time, at the phone rate
 * of the month's terms). */
static int bill_phone_calls(struct request *r, struct pool *pool, const struct billing_month *m,
			    long long cutoff_ms, bool want_lines, struct statement *s)
{
	struct db_rows rows;
	int rc = db_query(r->db, pool, SQL_BILLING_PHONE_CALLS, &rows, "iss", s->client_id, m->start,
			  m->end);
	if (rc != DB_OK)
		return rc;
	if (want_lines)
		s->phones = pool_zalloc(pool, (rows.rows + 1) * sizeof *s->phones);
	for (size_t k = 0; k < rows.rows; k++) {
		long long ended = db_cell(&rows, k, P_ENDED_MS) ? db_cell_int(&rows, k, P_ENDED_MS) : -1;
		long long minutes = billing_session_minutes(db_cell_int(&rows, k, P_CONNECTED_MS), ended,
							    cutoff_ms);
		long long amount;
		if (billing_add_phone_call(&s->terms, &s->totals, minutes, &amount) != 0) {
			log_error("statement of client %lld for %s: the phone calls overflow", s->client_id,
				  m->label);
			return DB_ERROR;
		}
		if (!want_lines)
			continue;
		struct phone_line *line = &s->phones[s->phone_count++];
		line->started = db_cell(&rows, k, P_STARTED);
		line->number = db_cell(&rows, k, P_NUMBER) ? db_cell(&rows, k, P_NUMBER) : "";
		line->direction = strcmp(db_cell(&rows, k, P_DIRECTION), "outbound") == 0 ? "call-back"
											   : "call in";
		line->minutes = minutes;
		line->amount_cents = amount;
	}
	return DB_OK;
}

/* Fills s from row i of a client query, then bills the client's sessions of
 * month m up to cutoff_ms. Lines are kept (in pool) when want_lines. */
static int statement_load(struct request *r, struct pool *pool, const struct db_rows *client,
			  size_t i, const struct billing_month *m, long long cutoff_ms,
			  bool want_lines, struct statement *s)
{
	memset(s, 0, sizeof *s);
	s->client_id = db_cell_int(client, i, C_ID);
	s->slug = db_cell(client, i, C_SLUG);
	s->name = db_cell(client, i, C_NAME);
	s->minimum_applies = db_cell_int(client, i, C_CREATED_MS) < m->end_ms;
	billing_totals_init(&s->totals);
	/* The terms in force when the month ended (lib/terms.h). */
	struct client_terms terms;
	int rc = terms_of_client(r->db, pool, s->client_id, m->end, &terms);
	if (rc != DB_OK)
		return rc;
	s->terms = terms.billing;
	s->currency = terms.currency;
	s->reseller_id = terms.reseller_id;

	struct db_rows rows;
	rc = db_query(r->db, pool, SQL_BILLING_SESSIONS, &rows, "iss", s->client_id, m->start, m->end);
	if (rc != DB_OK)
		return rc;
	if (want_lines)
		s->lines = pool_zalloc(pool, (rows.rows + 1) * sizeof *s->lines);
	for (size_t k = 0; k < rows.rows; k++) {
		long long closed = db_cell(&rows, k, S_CLOSED_MS) ? db_cell_int(&rows, k, S_CLOSED_MS) : -1;
		long long minutes = billing_session_minutes(db_cell_int(&rows, k, S_CREATED_MS), closed,
							    cutoff_ms);
		long long quantity, amount;
		if (billing_add_session(&s->terms, &s->totals, minutes, &quantity, &amount) != 0) {
			log_error("statement of client %lld for %s: the amounts overflow", s->client_id,
				  m->label);
			return DB_ERROR;
		}
		if (!want_lines)
			continue;
		struct statement_line *line = &s->lines[s->line_count++];
		line->started = db_cell(&rows, k, S_STARTED);
		line->channel = db_cell(&rows, k, S_CHANNEL);
		line->agents = db_cell(&rows, k, S_AGENTS) ? db_cell(&rows, k, S_AGENTS) : "";
		line->minutes = minutes;
		line->quantity = quantity;
		line->amount_cents = amount;
	}
	if ((rc = bill_calls(r, pool, m, cutoff_ms, want_lines, s)) != DB_OK
	    || (rc = bill_phone_calls(r, pool, m, cutoff_ms, want_lines, s)) != DB_OK)
		return rc;
	/* Events (issue 17): lib/event_billing.h. */
	if ((rc = event_billing_month(r->db, pool, s->client_id, m, cutoff_ms, &s->terms, &s->totals,
					 want_lines, &s->events, &s->event_count)) != DB_OK)
		return rc;
	if (billing_finish(&s->terms, &s->totals, s->minimum_applies) != 0) {
		log_error("statement of client %lld for %s: the total overflows", s->client_id, m->label);
		return DB_ERROR;
	}
	return DB_OK;
}

static const char *money(struct pool *pool, long long cents)
{
	char text[32];
	billing_format_cents(cents, text);
	return pool_strdup(pool, text);
}

/* ---- CSV (lib/csv.c: RFC 4180, formulas guarded) ------------------------ */

static const char *num(struct pool *pool, long long n)
{
	return pool_printf(pool, "%lld", n);
}

static int send_csv(struct request *r, struct buf *csv, const char *filename)
{
	buf_free(&r->resp.body);
	r->resp.body = *csv;
	r->resp.status = 200;
	r->resp.content_type = "text/csv; charset=utf-8";
	resp_header(r, "Content-Disposition",
		    pool_printf(r->pool, "attachment; filename=\"%s\"", filename));
	return 200;
}

static int client_csv(struct request *r, const struct statement *s, const struct billing_month *m)
{
	struct pool *p = r->pool;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, CSV_UTF8_BOM);
	const char *unit = billing_unit_name(s->terms.unit);
	const char *rate = money(p, s->terms.rate_cents);
	static const char *const head[] = { "kind", "started_utc", "description", "agents",
		"minutes", "quantity", "unit", "unit_price", "amount", "currency" };
	csv_row(&b, head, COUNT_OF(head));
	for (size_t i = 0; i < s->line_count; i++) {
		const struct statement_line *l = &s->lines[i];
		const char *row[] = { "session", l->started, l->channel, l->agents, num(p, l->minutes),
			num(p, l->quantity), unit, rate, money(p, l->amount_cents), s->currency };
		csv_row(&b, row, COUNT_OF(row));
	}
	const struct billing_totals *t = &s->totals;
	const char *sessions = pool_printf(p, "%lld session%s", t->sessions,
					   t->sessions == 1 ? "" : "s");
	const char *usage[] = { "usage", NULL, sessions, NULL, num(p, t->minutes),
		num(p, t->quantity), unit, rate, money(p, t->usage_cents), s->currency };
	csv_row(&b, usage, COUNT_OF(usage));
	const char *call_rate = money(p, s->terms.call_rate_cents);
	for (size_t i = 0; i < s->call_count; i++) {
		const struct call_line *l = &s->calls[i];
		const char *row[] = { "call", l->connected, l->channel, NULL, num(p, l->minutes),
			num(p, l->minutes), "call minute", call_rate, money(p, l->amount_cents), s->currency };
		csv_row(&b, row, COUNT_OF(row));
	}
	if (t->calls > 0) {
		const char *row[] = { "calls", NULL, pool_printf(p, "%lld call%s", t->calls, t->calls == 1 ? "" : "s"),
			NULL, num(p, t->call_minutes), num(p, t->call_minutes), "call minute", call_rate,
			money(p, t->call_cents), s->currency };
		csv_row(&b, row, COUNT_OF(row));
	}
	const char *event_rate = money(p, s->terms.event_rate_cents);
	const char *event_unit = billing_event_unit_name(s->terms.event_unit);
	for (size_t i = 0; i < s->event_count; i++) {
		const struct event_line *l = &s->events[i];
		const char *row[] = { "event", l->held, l->title, NULL, num(p, l->seat_minutes),
			num(p, l->quantity), event_unit, event_rate, money(p, l->amount_cents), s->currency };
		csv_row(&b, row, COUNT_OF(row));
	}
	if (t->events > 0) {
		const char *row[] = { "events", NULL, pool_printf(p, "%lld event%s, %lld attendees", t->events,
			t->events == 1 ? "" : "s", t->event_attendees), NULL, num(p, t->event_seat_minutes),
			num(p, s->terms.event_unit == BILLING_PER_SEAT_MINUTE ? t->event_seat_minutes : t->event_attendees),
			event_unit, event_rate, money(p, t->event_cents), s->currency };
		csv_row(&b, row, COUNT_OF(row));
	}
	const char *phone_rate = money(p, s->terms.phone_rate_cents);
	for (size_t i = 0; i < s->phone_count; i++) {
		const struct phone_line *l = &s->phones[i];
		const char *row[] = { "phone call", l->started, pool_printf(p, "%s %s", l->direction, l->number),
			NULL, num(p, l->minutes), num(p, l->minutes), "phone minute", phone_rate,
			money(p, l->amount_cents), s->currency };
		csv_row(&b, row, COUNT_OF(row));
	}
	if (t->phone_calls > 0) {
		const char *row[] = { "phone", NULL, pool_printf(p, "%lld phone call%s", t->phone_calls,
			t->phone_calls == 1 ? "" : "s"), NULL, num(p, t->phone_minutes), num(p, t->phone_minutes),
			"phone minute", phone_rate, money(p, t->phone_cents), s->currency };
		csv_row(&b, row, COUNT_OF(row));
	}
	if (t->minimum_lift_cents > 0) {
		const char *minimum[] = { "minimum", NULL,
			pool_printf(p, "monthly minimum %s", money(p, s->terms.minimum_cents)), NULL,
			NULL, NULL, NULL, NULL, money(p, t->minimum_lift_cents), s->currency };
		csv_row(&b, minimum, COUNT_OF(minimum));
	}
	const char *total[] = { "total", NULL, pool_printf(p, "%s %s", s->slug, m->label), NULL, NULL,
		NULL, NULL, NULL, money(p, t->total_cents), s->currency };
	csv_row(&b, total, COUNT_OF(total));
	return send_csv(r, &b, pool_printf(p, "statement-%s-%s.csv", s->slug, m->label));
}

/* ---- pages ------------------------------------------------------------- */

static void month_to_view(struct view *v, const struct billing_month *m, long long now_ms)
{
	struct billing_month prev, next;
	billing_month_previous(m, &prev);
	billing_month_of(m->end_ms, &next);
	view_set(v, "month.label", m->label);
	view_set(v, "month.previous", prev.label);
	if (next.start_ms <= now_ms)
		view_set(v, "month.next", next.label);
	view_set_int(v, "month.provisional", now_ms < m->end_ms);
}

static int client_page(struct request *r, const struct statement *s, const struct billing_month *m,
		       long long now_ms)
{
	struct view *v = view_new(r);
	month_to_view(v, m, now_ms);
	view_set(v, "client.slug", s->slug);
	view_set(v, "client.name", s->name);
	/* Operators and resellers name the client in every link; admins see
	 * their own. */
	if (staff_role(r->session) == ROLE_OPERATOR || staff_role(r->session) == ROLE_RESELLER)
		view_set(v, "client.param", s->slug);
	view_set(v, "rate.unit", billing_unit_name(s->terms.unit));
	view_set(v, "rate.amount", money(r->pool, s->terms.rate_cents));
	view_set(v, "rate.minimum", money(r->pool, s->terms.minimum_cents));
	view_set_int(v, "rate.has_minimum", s->terms.minimum_cents > 0);
	view_set(v, "rate.currency", s->currency);
	for (size_t i = 0; i < s->line_count; i++) {
		const struct statement_line *l = &s->lines[i];
		char key[64];
#define LINE_SET(field, value) \
	(snprintf(key, sizeof key, "lines.%zu." field, i), view_set(v, key, (value)))
#define LINE_SET_INT(field, value) \
	(snprintf(key, sizeof key, "lines.%zu." field, i), view_set_int(v, key, (value)))
		LINE_SET("started", l->started);
		LINE_SET("channel", l->channel);
		LINE_SET("agents", l->agents);
		LINE_SET_INT("minutes", l->minutes);
		LINE_SET_INT("quantity", l->quantity);
		LINE_SET("amount", money(r->pool, l->amount_cents));
#undef LINE_SET
#undef LINE_SET_INT
	}
	for (size_t i = 0; i < s->call_count; i++) {
		const struct call_line *l = &s->calls[i];
		char key[64];
		snprintf(key, sizeof key, "calls.%zu.connected", i);
		view_set(v, key, l->connected);
		snprintf(key, sizeof key, "calls.%zu.channel", i);
		view_set(v, key, l->channel);
		snprintf(key, sizeof key, "calls.%zu.minutes", i);
		view_set_int(v, key, l->minutes);
		snprintf(key, sizeof key, "calls.%zu.amount", i);
		view_set(v, key, money(r->pool, l->amount_cents));
	}
	for (size_t i = 0; i < s->event_count; i++) {
		const struct event_line *l = &s->events[i];
		char key[64];
		snprintf(key, sizeof key, "events.%zu.held", i);
		view_set(v, key, l->held);
		snprintf(key, sizeof key, "events.%zu.title", i);
		view_set(v, key, l->title);
		snprintf(key, sizeof key, "events.%zu.attendees", i);
		view_set_int(v, key, l->attendees);
		snprintf(key, sizeof key, "events.%zu.seat_minutes", i);
		view_set_int(v, key, l->seat_minutes);
		snprintf(key, sizeof key, "events.%zu.amount", i);
		view_set(v, key, money(r->pool, l->amount_cents));
	}
	view_set(v, "rate.event", money(r->pool, s->terms.event_rate_cents));
	view_set(v, "rate.event_unit", billing_event_unit_name(s->terms.event_unit));
	view_set_int(v, "rate.has_event", s->terms.event_rate_cents > 0);
	view_set_int(v, "totals.events", s->totals.events);
	view_set_int(v, "totals.event_attendees", s->totals.event_attendees);
	view_set_int(v, "totals.event_seat_minutes", s->totals.event_seat_minutes);
	view_set_int(v, "totals.event_quantity", s->terms.event_unit == BILLING_PER_SEAT_MINUTE
			 ? s->totals.event_seat_minutes : s->totals.event_attendees);
	view_set(v, "totals.event_amount", money(r->pool, s->totals.event_cents));
	for (size_t i = 0; i < s->phone_count; i++) {
		const struct phone_line *l = &s->phones[i];
		view_set(v, pool_printf(r->pool, "phones.%zu.started", i), l->started);
		view_set(v, pool_printf(r->pool, "phones.%zu.number", i), l->number);
		view_set(v, pool_printf(r->pool, "phones.%zu.direction", i), l->direction);
		view_set_int(v, pool_printf(r->pool, "phones.%zu.minutes", i), l->minutes);
		view_set(v, pool_printf(r->pool, "phones.%zu.amount", i), money(r->pool, l->amount_cents));
	}
	view_set(v, "rate.phone", money(r->pool, s->terms.phone_rate_cents));
	view_set(v, "rate.call", money(r->pool, s->terms.call_rate_cents));
	view_set_int(v, "rate.has_call", s->terms.call_rate_cents > 0);
	const struct billing_totals *t = &s->totals;
	view_set_int(v, "totals.calls", t->calls);
	view_set_int(v, "totals.call_minutes", t->call_minutes);
	view_set(v, "totals.call_amount", money(r->pool, t->call_cents));
	view_set_int(v, "totals.phone_calls", t->phone_calls);
	view_set_int(v, "totals.phone_minutes", t->phone_minutes);
	view_set(v, "totals.phone", money(r->pool, t->phone_cents));
	view_set_int(v, "totals.sessions", t->sessions);
	view_set_int(v, "totals.minutes", t->minutes);
	view_set_int(v, "totals.quantity", t->quantity);
	view_set(v, "totals.usage", money(r->pool, t->usage_cents));
	view_set_int(v, "totals.has_lift", t->minimum_lift_cents > 0);
	view_set(v, "totals.lift", money(r->pool, t->minimum_lift_cents));
	view_set(v, "totals.total", money(r->pool, t->total_cents));
	int rc = view_render(r, v, 200, "statement");
	view_free(v);
	return rc;
}

static int db_status(struct request *r, int rc)
{
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	return -1;
}

/* A reseller names one of its clients; everyone else follows the staff
 * rule (their own client, or the operator any). */
static int statement_client(struct request *r, long long *client_id)
{
	if (staff_role(r->session) != ROLE_RESELLER)
		return staff_client_for_request(r, r->in[IN_CLIENT], ROLE_SUPERVISOR, client_id);
	struct admin_context ac;
	admin_context_for_request(&ac, r);
	int status = admin_client_find(&ac, r->in[IN_CLIENT], POWER_ACCOUNT, client_id);
	if (status == DB_DOWN)
		return resp_unavailable(r);
	if (status < 0)
		return -1;
	return status ? resp_error(r, status, "%s", ac.message) : 0;
}

static int client_statement(struct request *r, const struct billing_month *m, long long now_ms)
{
	long long client_id;
	int status = statement_client(r, &client_id);
	if (status != 0)
		return status;
	struct db_rows client;
	int rc = db_query(r->db, r->pool, SQL_BILLING_CLIENT, &client, "i", client_id);
	if (rc != DB_OK)
		return db_status(r, rc);
	if (client.rows == 0)
		return resp_error(r, 404, "There is no such client.");
	struct statement s;
	rc = statement_load(r, r->pool, &client, 0, m, billing_cutoff_ms(m, now_ms), true, &s);
	if (rc != DB_OK)
		return db_status(r, rc);
	const char *format = r->in[IN_FORMAT];
	if (format != NULL && strcmp(format, "csv") == 0)
		return client_csv(r, &s, m);
	return client_page(r, &s, m, now_ms);
}

/* Sums of a reseller's clients, one per currency. */
struct currency_sum {
	const char *currency;
	long long clients, sessions, total_cents, share_cents;
};

static int reseller_statement(struct request *r, const struct billing_month *m, long long now_ms)
{
	bool reseller_self = staff_role(r->session) == ROLE_RESELLER;
	if (staff_role(r->session) != ROLE_OPERATOR && !reseller_self)
		return resp_error(r, 403, "Reseller statements are for the Baton operator and the "
				  "reseller only.");
	struct db_rows reseller, clients;
	int rc = db_query(r->db, r->pool, SQL_RESELLER_BY_SLUG, &reseller, "s", r->in[IN_RESELLER]);
	if (rc != DB_OK)
		return db_status(r, rc);
	if (reseller.rows == 0 && !reseller_self)
		return resp_error(r, 404, "There is no such reseller.");
	if (reseller_self && (reseller.rows == 0 || db_cell_int(&reseller, 0, 0) != r->session->reseller_id))
		return resp_error(r, 403, "A reseller sees its own statements only.");
	const char *slug = db_cell(&reseller, 0, 1);
	long long reseller_id = db_cell_int(&reseller, 0, 0), share_bp;
	rc = terms_reseller_share(r->db, r->pool, reseller_id, m->end, &share_bp);
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_BILLING_RESELLER_CLIENTS, &clients, "i", reseller_id);
	if (rc != DB_OK)
		return db_status(r, rc);

	bool csv = r->in[IN_FORMAT] != NULL && strcmp(r->in[IN_FORMAT], "csv") == 0;
	struct buf b;
	buf_init(&b);
	struct view *v = csv ? NULL : view_new(r);
	if (csv) {
		static const char *const head[] = { "kind", "client", "name", "sessions", "total",
			"share", "currency" };
		buf_puts(&b, CSV_UTF8_BOM);
		csv_row(&b, head, COUNT_OF(head));
	}
	struct currency_sum *sums = pool_zalloc(r->pool, (clients.rows + 1) * sizeof *sums);
	size_t sum_count = 0, shown = 0;
	long long cutoff = billing_cutoff_ms(m, now_ms);
	for (size_t i = 0; i < clients.rows && rc == DB_OK; i++) {
		/* Each client's sessions are read into a pool of their own, freed at
		 * once: a reseller's month can be large. */
		struct pool *scratch = pool_new();
		struct statement s;
		rc = statement_load(r, scratch, &clients, i, m, cutoff, false, &s);
		/* The client was the reseller's in this month, or is not listed. */
		if (rc == DB_OK && s.reseller_id != reseller_id) {
			pool_free(scratch);
			continue;
		}
		long long share = rc == DB_OK ? billing_share_cents(s.totals.total_cents, share_bp) : -1;
		if (rc == DB_OK && share < 0) {
			log_error("reseller %s, %s: a share overflows", r->in[IN_RESELLER], m->label);
			rc = DB_ERROR;
		}
		if (rc == DB_OK) {
			size_t k = 0;
			while (k < sum_count && strcmp(sums[k].currency, s.currency) != 0)
				k++;
			if (k == sum_count)
				sums[sum_count++].currency = pool_strdup(r->pool, s.currency);
			shown++;
			sums[k].clients++;
			sums[k].sessions += s.totals.sessions;
			sums[k].total_cents += s.totals.total_cents;
			sums[k].share_cents += share;
		}
		if (rc == DB_OK && csv) {
			const char *row[] = { "client", s.slug, s.name, num(r->pool, s.totals.sessions),
				money(r->pool, s.totals.total_cents), money(r->pool, share), s.currency };
			csv_row(&b, row, COUNT_OF(row));
		} else if (rc == DB_OK) {
			char key[64];
			size_t n = shown - 1;
			snprintf(key, sizeof key, "clients.%zu.slug", n);
			view_set(v, key, s.slug);
			snprintf(key, sizeof key, "clients.%zu.name", n);
			view_set(v, key, s.name);
			snprintf(key, sizeof key, "clients.%zu.sessions", n);
			view_set_int(v, key, s.totals.sessions);
			snprintf(key, sizeof key, "clients.%zu.total", n);
			view_set(v, key, money(r->pool, s.totals.total_cents));
			snprintf(key, sizeof key, "clients.%zu.share", n);
			view_set(v, key, money(r->pool, share));
			snprintf(key, sizeof key, "clients.%zu.currency", n);
			view_set(v, key, s.currency);
		}
		pool_free(scratch);
	}
	if (rc != DB_OK) {
		buf_free(&b);
		view_free(v);
		return db_status(r, rc);
	}
	for (size_t k = 0; k < sum_count; k++) {
		const struct currency_sum *t = &sums[k];
		if (csv) {
			const char *clients_text = pool_printf(r->pool, "%lld client%s", t->clients,
							       t->clients == 1 ? "" : "s");
			const char *row[] = { "total", NULL, clients_text, num(r->pool, t->sessions), money(r->pool, t->total_cents),
				money(r->pool, t->share_cents), t->currency };
			csv_row(&b, row, COUNT_OF(row));
			continue;
		}
		char key[64];
		snprintf(key, sizeof key, "sums.%zu.clients", k);
		view_set_int(v, key, t->clients);
		snprintf(key, sizeof key, "sums.%zu.sessions", k);
		view_set_int(v, key, t->sessions);
		snprintf(key, sizeof key, "sums.%zu.total", k);
		view_set(v, key, money(r->pool, t->total_cents));
		snprintf(key, sizeof key, "sums.%zu.share", k);
		view_set(v, key, money(r->pool, t->share_cents));
		snprintf(key, sizeof key, "sums.%zu.currency", k);
		view_set(v, key, t->currency);
	}
	if (csv)
		return send_csv(r, &b, pool_printf(r->pool, "reseller-%s-%s.csv", slug, m->label));
	char share_text[32];
	billing_format_percent(share_bp, share_text);
	month_to_view(v, m, now_ms);
	view_set(v, "reseller.slug", slug);
	view_set(v, "reseller.name", db_cell(&reseller, 0, 2));
	view_set(v, "reseller.share", share_text);
	rc = view_render(r, v, 200, "statement_reseller");
	view_free(v);
	return rc;
}

static int statement(struct request *r)
{
	const char *client = r->in[IN_CLIENT], *reseller = r->in[IN_RESELLER];
	struct billing_month m;
	if (r->in[IN_MONTH] != NULL && billing_month_parse(r->in[IN_MONTH], &m) != 0)
		return resp_error(r, 400, "The month must be a year and a month as YYYY-MM, "
				  "for example 2026-03.");
	if (client != NULL && reseller != NULL)
		return resp_error(r, 400, "Ask for a client's statement or a reseller's, not both.");
	bool reseller_self = staff_role(r->session) == ROLE_RESELLER;
	if (staff_role(r->session) < ROLE_SUPERVISOR && !reseller_self)
		return resp_error(r, 403, "Statements are for supervisors and administrators of this "
				  "client only.");

	struct db_rows now;
	int rc = db_query(r->db, r->pool, SQL_BILLING_NOW_MS, &now, "");
	if (rc != DB_OK)
		return db_status(r, rc);
	long long now_ms = db_cell_int(&now, 0, 0);
	if (r->in[IN_MONTH] == NULL) {
		struct billing_month current;
		billing_month_of(now_ms, &current);
		billing_month_previous(&current, &m);
	} else if (m.start_ms > now_ms) {
		return resp_error(r, 400, "The month %s has not begun yet: statements are for past "
				  "months and the current one.", m.label);
	}
	/* A reseller's own statement, unless it names one of its clients. */
	if (reseller_self && client == NULL && reseller == NULL) {
		struct db_rows own;
		rc = db_query(r->db, r->pool, SQL_RESELLER_BY_ID, &own, "i", r->session->reseller_id);
		if (rc != DB_OK)
			return db_status(r, rc);
		if (own.rows == 0)
			return resp_error(r, 403, "This reseller account has no reseller.");
		r->in[IN_RESELLER] = db_cell(&own, 0, 0);
		reseller = r->in[IN_RESELLER];
	}
	return reseller != NULL ? reseller_statement(r, &m, now_ms) : client_statement(r, &m, now_ms);
}

static const struct action statement_actions[] = {
	{ METHOD_GET, statement_inputs, IN__MAX, GUARD_SESSION, statement },
};

static const struct program statement_program = {
	"statement", false, statement_actions, COUNT_OF(statement_actions)
};

int main(int argc, char **argv)
{
	return program_main(&statement_program, argc, argv);
}
