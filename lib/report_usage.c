/* report_usage.c - the usage report: per day, week or month and per site,
 * the sessions held (channels opened), their minutes (opening to closing;
 * one still open counts up to now) and the help-link hits. A session
 * belongs to the period and site where it started. */
#include <string.h>

#include "db.h"
#include "pool.h"
#include "report.h"

enum { DAY = 24 * 3600 };

struct usage {
	long long sessions, ms, hits;
};

static time_t monday_of(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return t - (time_t)((tm.tm_wday + 6) % 7) * DAY;
}

static long long month_number(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return (long long)tm.tm_year * 12 + tm.tm_mon;
}

/* Which period of the range a day (its UTC midnight) falls in. */
static long long period_of(const struct report_range *range, time_t day)
{
	switch (range->granularity) {
	case REPORT_WEEK:
		return (long long)(monday_of(day) - monday_of(range->from_t)) / (7 * DAY);
	case REPORT_MONTH:
		return month_number(day) - month_number(range->from_t);
	case REPORT_DAY:
		break;
	}
	return (long long)(day - range->from_t) / DAY;
}

static const char *period_label(struct pool *pool, const struct report_range *range, long long i)
{
	char label[11];
	struct tm tm;
	time_t t;
	switch (range->granularity) {
	case REPORT_WEEK:
		t = monday_of(range->from_t) + (time_t)i * 7 * DAY;
		gmtime_r(&t, &tm);
		strftime(label, sizeof label, "%Y-%m-%d", &tm);
		break;
	case REPORT_MONTH:
		t = range->from_t;
		gmtime_r(&t, &tm);
		tm.tm_mon += (int)i;
		tm.tm_mday = 1;
		t = timegm(&tm);
		gmtime_r(&t, &tm);
		strftime(label, sizeof label, "%Y-%m", &tm);
		break;
	default:
		t = range->from_t + (time_t)i * DAY;
		gmtime_r(&t, &tm);
		strftime(label, sizeof label, "%Y-%m-%d", &tm);
		break;
	}
	return pool_strdup(pool, label);
}

static long long row_period(const struct report_range *range, const struct db_rows *rows, size_t i)
{
	time_t day;
	if (!report_parse_date(db_cell(rows, i, 0), &day))
		return -1;
	return period_of(range, day);
}

/* The index of a site among the client's sites; `count` for none. */
static size_t site_index(const struct db_rows *sites, long long id)
{
	for (size_t i = 0; i < sites->rows; i++)
		if (db_cell_int(sites, i, 0) == id)
			return i;
	return sites->rows;
}

static void put_usage(struct report *rep, struct report_table *t, size_t row, size_t col,
		      const struct usage *u)
{
	report_put_number(rep, t, row, col, u->sessions);
	report_put_number(rep, t, row, col + 1, u->ms);
	report_put_number(rep, t, row, col + 2, u->hits);
}

/* Calls (issue 14): per period, the calls that connected in it and their
 * minutes (to their end; one still going on counts up to now). */
static int report_usage_calls(struct db *db, struct pool *pool, const struct report_range *range,
			      struct report *rep, const char *period_title)
{
	struct db_rows calls;
	int rc = db_query(db, pool, SQL_REPORT_USAGE_CALLS, &calls, "iss", range->client_id,
			  range->from_at, range->until_at);
	if (rc != DB_OK)
		return rc;
	struct report_column *cols = pool_alloc(pool, 3 * sizeof *cols);
	cols[0] = (struct report_column){ period_title, COL_TEXT };
	cols[1] = (struct report_column){ "Calls", COL_COUNT };
	cols[2] = (struct report_column){ "Call minutes", COL_MINUTES };
	struct report_table *t = report_table_add(rep, "calls", "Calls over time", cols, 3, "bar:1;line:2",
		"Voice and video calls that connected in each period, and their minutes (from "
		"connecting to hanging up; a call still going on counts up to now).");
	long long nperiods = period_of(range, range->until_t - DAY) + 1;
	size_t i = 0;
	for (long long p = 0; p < nperiods; p++) {
		long long count = 0, ms = 0;
		for (; i < calls.rows && row_period(range, &calls, i) <= p; i++) {
			count += db_cell_int(&calls, i, 1);
			ms += db_cell_int(&calls, i, 2);
		}
		size_t row = report_row(rep, t);
		report_put(rep, t, row, 0, period_label(pool, range, p));
		report_put_number(rep, t, row, 1, count);
		report_put_number(rep, t, row, 2, ms);
	}
	return DB_OK;
}

/* Events (issue 17): per period, the events that went live in it, their
 * attendees and seat-minutes (each attendee's started minutes present). */
static int report_usage_events(struct db *db, struct pool *pool, const struct report_range *range,
			       struct report *rep, const char *period_title)
{
	struct db_rows events;
	int rc = db_query(db, pool, SQL_REPORT_USAGE_EVENTS, &events, "ississ", range->client_id,
			  range->from_at, range->until_at, range->client_id, range->from_at, range->until_at);
	if (rc != DB_OK)
		return rc;
	struct report_column *cols = pool_alloc(pool, 4 * sizeof *cols);
	cols[0] = (struct report_column){ period_title, COL_TEXT };
	cols[1] = (struct report_column){ "Events", COL_COUNT };
	cols[2] = (struct report_column){ "Attendees", COL_COUNT };
	cols[3] = (struct report_column){ "Seat-minutes", COL_COUNT };
	struct report_table *t = report_table_add(rep, "events", "Events over time", cols, 4, "bar:2;line:3",
		"Events that went live in each period, the attendees who came and their seat-minutes "
		"(each attendee's started minutes present; an event still going on counts up to now).");
	long long nperiods = period_of(range, range->until_t - DAY) + 1;
	size_t i = 0;
	for (long long p = 0; p < nperiods; p++) {
		long long count = 0, people = 0, minutes = 0;
		for (; i < events.rows && row_period(range, &events, i) <= p; i++) {
			count += db_cell_int(&events, i, 1);
			people += db_cell_int(&events, i, 2);
			minutes += db_cell_int(&events, i, 3);
		}
		size_t row = report_row(rep, t);
		report_put(rep, t, row, 0, period_label(pool, range, p));
		report_put_number(rep, t, row, 1, count);
		report_put_number(rep, t, row, 2, people);
		report_put_number(rep, t, row, 3, minutes);
	}
	return DB_OK;
}

int report_usage(struct db *db, struct pool *pool, const struct report_range *range,
		 struct report *rep)
{
	struct db_rows sites, sessions, hits;
	int rc = db_query(db, pool, SQL_SITE_BY_CLIENT, &sites, "i", range->client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_USAGE_SESSIONS, &sessions, "iss", range->client_id,
			      range->from_at, range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_USAGE_HITS, &hits, "iss", range->client_id,
			      range->from, range->until_day);
	if (rc != DB_OK)
		return rc;

	const char *period_title = range->granularity == REPORT_WEEK ? "Week (from Monday)"
				   : range->granularity == REPORT_MONTH ? "Month" : "Day";
	struct report_column *by_period = pool_alloc(pool, 4 * sizeof *by_period);
	by_period[0] = (struct report_column){ period_title, COL_TEXT };
	by_period[1] = (struct report_column){ "Sessions", COL_COUNT };
	by_period[2] = (struct report_column){ "Minutes", COL_MINUTES };
	by_period[3] = (struct report_column){ "Help-link hits", COL_COUNT };
	struct report_column *by_site = pool_alloc(pool, 4 * sizeof *by_site);
	memcpy(by_site, by_period, 4 * sizeof *by_site);
	by_site[0] = (struct report_column){ "Site", COL_TEXT };
	struct report_column *detail = pool_alloc(pool, 5 * sizeof *detail);
	detail[0] = by_period[0];
	detail[1] = by_site[0];
	memcpy(detail + 2, by_period + 1, 3 * sizeof *detail);

	struct report_table *periods = report_table_add(rep, "periods", "Usage over time", by_period, 4,
		"bar:1,3;line:2", "Sessions started in each period, their minutes (from opening to "
		"closing; a session still open counts up to now) and the clicks on help links.");
	struct report_table *site_totals = report_table_add(rep, "sites", "Usage per site", by_site, 4,
		"bar:1,3", "The whole range, per site of the client.");
	struct report_table *site_periods = report_table_add(rep, "site-periods",
		"Usage per site and period", detail, 5, NULL,
		"Only periods in which a site had sessions or hits.");

	size_t nsites = sites.rows;
	struct usage *per_site = pool_zalloc(pool, (nsites + 1) * sizeof *per_site);
	struct usage *site_total = pool_zalloc(pool, (nsites + 1) * sizeof *site_total);
	long long nperiods = period_of(range, range->until_t - DAY) + 1;
	size_t is = 0, ih = 0;
	for (long long p = 0; p < nperiods; p++) {
		memset(per_site, 0, (nsites + 1) * sizeof *per_site);
		for (; is < sessions.rows && row_period(range, &sessions, is) <= p; is++) {
			struct usage *u = &per_site[site_index(&sites, db_cell_int(&sessions, is, 1))];
			u->sessions += db_cell_int(&sessions, is, 2);
			u->ms += db_cell_int(&sessions, is, 3);
		}
		for (; ih < hits.rows && row_period(range, &hits, ih) <= p; ih++)
			per_site[site_index(&sites, db_cell_int(&hits, ih, 1))].hits += db_cell_int(&hits, ih, 2);
		const char *label = period_label(pool, range, p);
		struct usage total = { 0, 0, 0 };
		for (size_t s = 0; s <= nsites; s++) {
			const struct usage *u = &per_site[s];
			total.sessions += u->sessions;
			total.ms += u->ms;
			total.hits += u->hits;
			site_total[s].sessions += u->sessions;
			site_total[s].ms += u->ms;
			site_total[s].hits += u->hits;
			if (u->sessions == 0 && u->hits == 0)
				continue;
			size_t row = report_row(rep, site_periods);
			report_put(rep, site_periods, row, 0, label);
			report_put(rep, site_periods, row, 1, s < nsites ? db_cell(&sites, s, 1) : "(no site)");
			put_usage(rep, site_periods, row, 2, u);
		}
		size_t row = report_row(rep, periods);
		report_put(rep, periods, row, 0, label);
		put_usage(rep, periods, row, 1, &total);
	}
	for (size_t s = 0; s <= nsites; s++) {
		if (s == nsites && site_total[s].sessions == 0 && site_total[s].hits == 0)
			break;
		size_t row = report_row(rep, site_totals);
		report_put(rep, site_totals, row, 0, s < nsites ? db_cell(&sites, s, 1) : "(no site)");
		put_usage(rep, site_totals, row, 1, &site_total[s]);
	}
	rc = report_usage_calls(db, pool, range, rep, period_title);
	return rc == DB_OK ? report_usage_events(db, pool, range, rep, period_title) : rc;
}
