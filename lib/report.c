/* report.c - report ranges, tables of cells, and their page and CSV forms. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "pool.h"
#include "render.h"

enum { DAY_SECONDS = 24 * 3600, DEFAULT_DAYS = 30 };

bool report_parse_date(const char *s, time_t *midnight)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0') - 1900;
	tm.tm_mon = (s[5] - '0') * 10 + (s[6] - '0') - 1;
	tm.tm_mday = (s[8] - '0') * 10 + (s[9] - '0');
	if (tm.tm_year < 70 || tm.tm_year > 1100)
		return false;
	int year = tm.tm_year, month = tm.tm_mon, day = tm.tm_mday;
	time_t t = timegm(&tm);
	/* timegm normalises 2024-02-30 to March: such a day does not exist. */
	if (t == (time_t)-1 || tm.tm_year != year || tm.tm_mon != month || tm.tm_mday != day)
		return false;
	*midnight = t;
	return true;
}

static void format_day(char out[11], time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

const char *report_range_dates(struct report_range *range, const char *from, const char *to,
			       time_t now)
{
	time_t from_t, to_t;
	if (to != NULL) {
		if (!report_parse_date(to, &to_t))
			return "The field 'to' must be a date as YYYY-MM-DD.";
	} else {
		to_t = now - now % DAY_SECONDS;
	}
	if (from != NULL) {
		if (!report_parse_date(from, &from_t))
			return "The field 'from' must be a date as YYYY-MM-DD.";
	} else {
		from_t = to_t - (DEFAULT_DAYS - 1) * (time_t)DAY_SECONDS;
	}
	if (from_t > to_t)
		return "The start date ('from') is after the end date ('to').";
	if ((to_t - from_t) / DAY_SECONDS + 1 > REPORT_MAX_DAYS)
		return "A report covers at most 731 days; choose a shorter range.";
	range->from_t = from_t;
	range->until_t = to_t + DAY_SECONDS;
	format_day(range->from, from_t);
	format_day(range->to, to_t);
	format_day(range->until_day, range->until_t);
	snprintf(range->from_at, sizeof range->from_at, "%s 00:00:00", range->from);
	snprintf(range->until_at, sizeof range->until_at, "%s 00:00:00", range->until_day);
	return NULL;
}

struct report_table *report_table_add(struct report *rep, const char *id, const char *title,
				      const struct report_column *columns, size_t cols,
				      const char *charts, const char *note)
{
	if (rep->table_count >= REPORT_MAX_TABLES)
		return NULL;
	struct report_table *t = &rep->tables[rep->table_count++];
	memset(t, 0, sizeof *t);
	t->id = id;
	t->title = title;
	t->columns = columns;
	t->cols = cols;
	t->charts = charts;
	t->note = note;
	return t;
}

size_t report_row(struct report *rep, struct report_table *t)
{
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		const char **value = pool_zalloc(rep->pool, cap * t->cols * sizeof *value);
		const char **shown = pool_zalloc(rep->pool, cap * t->cols * sizeof *shown);
		if (t->rows > 0) {
			memcpy(value, t->value, t->rows * t->cols * sizeof *value);
			memcpy(shown, t->shown, t->rows * t->cols * sizeof *shown);
		}
		t->value = value;
		t->shown = shown;
		t->cap = cap;
	}
	return t->rows++;
}

void report_put(struct report *rep, struct report_table *t, size_t row, size_t col,
		const char *value)
{
	(void)rep;
	if (row < t->rows && col < t->cols)
		t->value[row * t->cols + col] = value;
}

long long report_ms_to_seconds(long long ms)
{
	return ms >= 0 ? (ms + 500) / 1000 : -((-ms + 500) / 1000);
}

const char *report_duration(struct pool *pool, long long seconds)
{
	const char *sign = seconds < 0 ? "-" : "";
	if (seconds < 0)
		seconds = -seconds;
	if (seconds >= 3600)
		return pool_printf(pool, "%s%lld:%02lld:%02lld", sign, seconds / 3600,
				   seconds / 60 % 60, seconds % 60);
	return pool_printf(pool, "%s%lld:%02lld", sign, seconds / 60, seconds % 60);
}

void report_put_number(struct report *rep, struct report_table *t, size_t row, size_t col,
		       long long number)
{
	if (row >= t->rows || col >= t->cols)
		return;
	size_t at = row * t->cols + col;
	switch (t->columns[col].kind) {
	case COL_SECONDS: {
		long long seconds = report_ms_to_seconds(number);
		t->value[at] = pool_printf(rep->pool, "%lld", seconds);
		t->shown[at] = report_duration(rep->pool, seconds);
		break;
	}
	case COL_MINUTES: {
		/* Tenths of a minute, rounded half up, in whole numbers. */
		long long tenths = number >= 0 ? (number + 3000) / 6000 : 0;
		t->value[at] = pool_printf(rep->pool, "%lld.%lld", tenths / 10, tenths % 10);
		break;
	}
	case COL_COUNT:
	case COL_TEXT:
		t->value[at] = pool_printf(rep->pool, "%lld", number);
		break;
	}
}

static void set_key(struct view *v, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_key(struct view *v, const char *value, const char *fmt, ...)
{
	char key[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(key, sizeof key, fmt, ap);
	va_end(ap);
	view_set(v, key, value);
}

void report_to_view(const struct report *rep, struct view *v)
{
	for (size_t n = 0; n < rep->table_count; n++) {
		const struct report_table *t = &rep->tables[n];
		set_key(v, t->id, "tables.%zu.id", n);
		set_key(v, t->title, "tables.%zu.title", n);
		set_key(v, t->note, "tables.%zu.note", n);
		set_key(v, t->charts, "tables.%zu.charts", n);
		set_key(v, t->truncated ? "1" : NULL, "tables.%zu.truncated", n);
		set_key(v, t->rows == 0 ? "1" : NULL, "tables.%zu.empty", n);
		for (size_t c = 0; c < t->cols; c++) {
			enum report_column_kind kind = t->columns[c].kind;
			set_key(v, t->columns[c].title, "tables.%zu.cols.%zu.title", n, c);
			set_key(v, kind != COL_TEXT ? "1" : NULL, "tables.%zu.cols.%zu.num", n, c);
			set_key(v, kind == COL_SECONDS ? "seconds" : kind == COL_MINUTES ? "minutes" : NULL,
				"tables.%zu.cols.%zu.unit", n, c);
		}
		for (size_t r = 0; r < t->rows; r++)
			for (size_t c = 0; c < t->cols; c++) {
				const char *value = t->value[r * t->cols + c];
				const char *shown = t->shown[r * t->cols + c];
				set_key(v, shown ? shown : value ? value : "", "tables.%zu.rows.%zu.%zu.s", n, r, c);
				if (t->columns[c].kind != COL_TEXT)
					set_key(v, value ? value : "0", "tables.%zu.rows.%zu.%zu.v", n, r, c);
			}
	}
}

static void table_csv(const struct report *rep, const struct report_table *t, struct buf *out)
{
	const char **head = pool_alloc(rep->pool, (t->cols ? t->cols : 1) * sizeof *head);
	for (size_t c = 0; c < t->cols; c++)
		head[c] = t->columns[c].kind == COL_SECONDS
				  ? pool_printf(rep->pool, "%s (seconds)", t->columns[c].title)
				  : t->columns[c].title;
	csv_row(out, head, t->cols);
	for (size_t r = 0; r < t->rows; r++)
		csv_row(out, t->value + r * t->cols, t->cols);
}

bool report_to_csv(const struct report *rep, const char *only, struct buf *out)
{
	buf_puts(out, CSV_UTF8_BOM);
	for (size_t n = 0; n < rep->table_count; n++) {
		const struct report_table *t = &rep->tables[n];
		if (only != NULL) {
			if (strcmp(only, t->id) != 0)
				continue;
			table_csv(rep, t, out);
			return true;
		}
		if (n > 0)
			buf_puts(out, "\r\n");
		csv_row(out, &t->title, 1);
		table_csv(rep, t, out);
	}
	return only == NULL;
}
