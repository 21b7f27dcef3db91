/* report.h - what the reports share: the range asked for (client, dates,
 * granularity, filters), and a report as titled tables of cells, shown as a
 * page (the table is the truth; htdocs/js/charts.js draws charts from it)
 * or written as CSV. Each report fills one (lib/report_usage.c,
 * report_queue.c, report_agents.c, report_attendance.c, report_calls.c). All
 * times are UTC. */
#ifndef BATON_REPORT_H
#define BATON_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

struct db;
struct pool;
struct view;

enum { REPORT_MAX_DAYS = 731, REPORT_MAX_TABLES = 7 };

enum report_granularity { REPORT_DAY, REPORT_WEEK, REPORT_MONTH };

/* What a report covers: a client's data from `from` to `to`, both dates
 * included. Every query of every report filters by client_id. */
struct report_range {
	long long client_id;
	char from[11], to[11];       /* YYYY-MM-DD, as asked */
	char from_at[20];            /* "YYYY-MM-DD 00:00:00" of from */
	char until_at[20];           /* the same for the day after to (excluded) */
	char until_day[11];          /* the day after to */
	time_t from_t, until_t;
	enum report_granularity granularity;
	long long agent_id;          /* 0: every agent */
	long long min_people;        /* attendance: sessions with at least this many */
};

/* Parses a date as YYYY-MM-DD (a real day) to its UTC midnight. */
bool report_parse_date(const char *s, time_t *midnight);
/* Sets the dates of range from the inputs (NULL: the default, the 30 days
 * ending today). Returns NULL, or a message for the client (400). */
const char *report_range_dates(struct report_range *range, const char *from, const char *to,
			       time_t now);

enum report_column_kind {
	COL_TEXT,     /* as it is */
	COL_COUNT,    /* a whole number */
	COL_SECONDS,  /* milliseconds in, whole seconds out; shown as h:mm:ss */
	COL_MINUTES,  /* milliseconds in, minutes with one decimal out */
};

struct report_column {
	const char *title;
	enum report_column_kind kind;
};

struct report_table {
	const char *id;        /* for ?table=ID and the page's element ids */
	const char *title;
	const char *note;      /* a sentence saying how the figures are counted */
	/* Charts drawn from the table: "bar:1,3;line:2" draws a bar chart of
	 * columns 1 and 3 and a line chart of column 2 against column 0. */
	const char *charts;
	const struct report_column *columns;
	size_t cols, rows, cap;
	const char **value;    /* rows * cols: for CSV and for charts */
	const char **shown;    /* rows * cols: for the page; NULL: as value */
	bool truncated;        /* the report stopped at its row limit */
};

struct report {
	struct pool *pool;
	const char *kind;
	struct report_table tables[REPORT_MAX_TABLES];
	size_t table_count;
};

struct report_table *report_table_add(struct report *rep, const char *id, const char *title,
				      const struct report_column *columns, size_t cols,
				      const char *charts, const char *note);
/* Appends an empty row; returns its index. */
size_t report_row(struct report *rep, struct report_table *t);
void report_put(struct report *rep, struct report_table *t, size_t row, size_t col,
		const char *value);
/* A number into a count, seconds or minutes column (milliseconds for the
 * latter two), formatted for that column. */
void report_put_number(struct report *rep, struct report_table *t, size_t row, size_t col,
		       long long number);

/* Whole seconds from milliseconds, rounded half up. */
long long report_ms_to_seconds(long long ms);
/* "1:02:03" or "2:03" for seconds. */
const char *report_duration(struct pool *pool, long long seconds);

/* The tables, as HDF: tables.N.{id,title,note,charts,truncated},
 * tables.N.cols.C.{title,num,unit}, tables.N.rows.R.C.{s,v}. */
void report_to_view(const struct report *rep, struct view *v);
/* Every table (a title line, the header, the rows, a blank line between),
 * or only the table named `only` (header and rows). False when `only`
 * names no table. */
bool report_to_csv(const struct report *rep, const char *only, struct buf *out);

/* The reports: each fills rep from the database for range. DB status. */
int report_usage(struct db *db, struct pool *pool, const struct report_range *range,
		 struct report *rep);
int report_queue(struct db *db, struct pool *pool, const struct report_range *range,
		 struct report *rep);
int report_agents(struct db *db, struct pool *pool, const struct report_range *range,
		  struct report *rep);
int report_attendance(struct db *db, struct pool *pool, const struct report_range *range,
		      struct report *rep);
/* One event's attendance (lib/report_event.c, issue 17). */
struct live_event;
int report_event_attendance(struct db *db, struct pool *pool, const struct live_event *ev,
			    struct report *rep);
int report_calls(struct db *db, struct pool *pool, const struct report_range *range,
		 struct report *rep);

#endif
