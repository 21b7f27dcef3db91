/* phone_line.c - a client's telephony settings: defaults, checks, storage. */
#include "phone_line.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "db.h"
#include "pool.h"

const char *const phone_line_settings[] = {
	"help_number", "caller_id", "country", "dial_countries", "time_zone", "calling_hours",
	"retry_tries", "retry_minutes", "ring_seconds", "announce_seconds", "message_seconds",
	"greeting", "rate_cents", NULL,
};

int phone_line_load(struct db *db, struct pool *pool, long long client_id, struct phone_line *out,
		    bool *found)
{
	memset(out, 0, sizeof *out);
	*found = false;
	struct db_rows line, hours;
	int rc = db_query(db, pool, SQL_PHONE_LINE_GET, &line, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CALLING_HOURS_GET, &hours, "i", client_id);
	if (rc != DB_OK || line.rows == 0)
		return rc;
	*found = true;
	out->client_id = client_id;
	out->client_name = db_cell(&line, 0, 0);
	out->help_number = db_cell(&line, 0, 1);
	out->caller_id = db_cell(&line, 0, 2);
	out->country = db_cell(&line, 0, 3);
	out->dial_countries = db_cell(&line, 0, 4);
	out->time_zone = db_cell(&line, 0, 5);
	out->retry_tries = db_cell_int(&line, 0, 6);
	out->retry_minutes = db_cell_int(&line, 0, 7);
	out->ring_seconds = db_cell_int(&line, 0, 8);
	out->announce_seconds = db_cell_int(&line, 0, 9);
	out->message_seconds = db_cell_int(&line, 0, 10);
	out->greeting = db_cell(&line, 0, 11);
	out->rate_cents = db_cell_int(&line, 0, 12);
	for (size_t i = 0; i < hours.rows && i < CALLING_HOURS_MAX; i++) {
		out->hours[i].weekday = (int)db_cell_int(&hours, i, 0);
		out->hours[i].opens = (int)db_cell_int(&hours, i, 1);
		out->hours[i].closes = (int)db_cell_int(&hours, i, 2);
		out->hour_count++;
	}
	return DB_OK;
}

int phone_line_client_of_number(struct db *db, struct pool *pool, const char *e164,
				long long *client_id)
{
	struct db_rows rows;
	*client_id = 0;
	int rc = db_query(db, pool, SQL_PHONE_LINE_BY_NUMBER, &rows, "s", e164);
	if (rc == DB_OK && rows.rows > 0)
		*client_id = db_cell_int(&rows, 0, 0);
	return rc;
}

int phone_line_number(const struct phone_line *line, const char *typed,
		      char out[PHONE_E164_MAX + 1], const char **error)
{
	if (phone_normalise(typed, line->country, out, error) != 0)
		return -1;
	const char *allowed = line->dial_countries ? line->dial_countries : line->country;
	if (!phone_in_countries(out, allowed)) {
		*error = "We can only call numbers in the countries we serve; please give a local "
			 "number.";
		return -1;
	}
	return 0;
}

static bool is_none(const char *value)
{
	return value == NULL || *value == '\0' || strcasecmp(value, "none") == 0;
}

/* A whole number within [min, max]; -1 when it is not one. */
static long long bounded(const char *value, long long min, long long max)
{
	char *end;
	long long v = strtoll(value, &end, 10);
	return end != value && *end == '\0' && v >= min && v <= max ? v : -1;
}

static int set_number(struct db *db, long long client_id, enum sql_id id, const char *value,
		      const char *country, const char **error)
{
	if (is_none(value))
		return db_exec(db, id, NULL, "si", (const char *)NULL, client_id);
	char e164[PHONE_E164_MAX + 1];
	if (phone_normalise(value, country, e164, error) != 0)
		return PHONE_LINE_INVALID;
	return db_exec(db, id, NULL, "si", e164, client_id);
}

static int set_countries(struct db *db, struct pool *pool, long long client_id, const char *value,
			 const char **error)
{
	if (is_none(value))
		return db_exec(db, SQL_PHONE_LINE_SET_DIAL_COUNTRIES, NULL, "si", (const char *)NULL,
			       client_id);
	struct buf list;
	buf_init(&list);
	const char *p = value;
	int rc = DB_OK;
	while (*p && rc == DB_OK) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t n = strcspn(p, ", ");
		if (n == 0)
			break;
		char iso[3] = { 0 };
		if (n == 2) {
			iso[0] = (char)(p[0] & ~0x20);
			iso[1] = (char)(p[1] & ~0x20);
		}
		if (n != 2 || phone_country_code(iso) == NULL || list.len > 190) {
			*error = "Give countries as two-letter codes separated by commas, like "
				 "\"GB,IE\".";
			rc = PHONE_LINE_INVALID;
		} else {
			buf_printf(&list, "%s%s", list.len ? "," : "", iso);
		}
		p += n;
	}
	if (rc == DB_OK && list.len == 0) {
		*error = "Give at least one country, or none.";
		rc = PHONE_LINE_INVALID;
	}
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PHONE_LINE_SET_DIAL_COUNTRIES, NULL, "si",
			     pool_strdup(pool, list.data), client_id);
	buf_free(&list);
	return rc;
}

static int set_hours(struct db *db, long long client_id, const char *value, const char **error)
{
	struct hours_span spans[CALLING_HOURS_MAX];
	int n = calling_hours_parse(value, spans, CALLING_HOURS_MAX, error);
	if (n < 0)
		return PHONE_LINE_INVALID;
	int rc = db_exec(db, SQL_CALLING_HOURS_CLEAR, NULL, "i", client_id);
	for (int i = 0; i < n && rc == DB_OK; i++)
		rc = db_exec(db, SQL_CALLING_HOURS_ADD, NULL, "iiii", client_id, (long long)spans[i].weekday,
			     (long long)spans[i].opens, (long long)spans[i].closes);
	if (rc == DB_DUPLICATE) {
		*error = "Two spans of one day open at the same time.";
		rc = PHONE_LINE_INVALID;
	}
	return rc;
}

static const struct {
	const char *name;
	enum sql_id id;
	long long min, max;
} int_settings[] = {
	{ "retry_tries", SQL_PHONE_LINE_SET_RETRY_TRIES, 1, 20 },
	{ "retry_minutes", SQL_PHONE_LINE_SET_RETRY_MINUTES, 1, 24 * 60 },
	{ "ring_seconds", SQL_PHONE_LINE_SET_RING_SECONDS, 5, 120 },
	{ "announce_seconds", SQL_PHONE_LINE_SET_ANNOUNCE_SECONDS, 5, 600 },
	{ "message_seconds", SQL_PHONE_LINE_SET_MESSAGE_SECONDS, 10, 600 },
	{ "rate_cents", SQL_PHONE_LINE_SET_RATE_CENTS, 0, 100000000 },
};

static int set_one(struct db *db, struct pool *pool, const struct phone_line *line,
		   const char *setting, const char *value, const char **error)
{
	long long cid = line->client_id;
	for (size_t i = 0; i < sizeof int_settings / sizeof int_settings[0]; i++) {
		if (strcmp(setting, int_settings[i].name) != 0)
			continue;
		long long v = bounded(value, int_settings[i].min, int_settings[i].max);
		if (v < 0) {
			*error = pool_printf(pool, "%s must be a whole number from %lld to %lld.", setting,
					     int_settings[i].min, int_settings[i].max);
			return PHONE_LINE_INVALID;
		}
		return db_exec(db, int_settings[i].id, NULL, "ii", v, cid);
	}
	if (strcmp(setting, "help_number") == 0) {
		int rc = set_number(db, cid, SQL_PHONE_LINE_SET_HELP_NUMBER, value, line->country, error);
		if (rc == DB_DUPLICATE) {
			*error = "That help number belongs to another client.";
			rc = PHONE_LINE_INVALID;
		}
		return rc;
	}
	if (strcmp(setting, "caller_id") == 0)
		return set_number(db, cid, SQL_PHONE_LINE_SET_CALLER_ID, value, line->country, error);
	if (strcmp(setting, "country") == 0) {
		char iso[3] = { 0 };
		if (value != NULL && strlen(value) == 2) {
			iso[0] = (char)(value[0] & ~0x20);
			iso[1] = (char)(value[1] & ~0x20);
		}
		if (phone_country_code(iso) == NULL) {
			*error = "Give the country as a two-letter code, like GB or DE.";
			return PHONE_LINE_INVALID;
		}
		return db_exec(db, SQL_PHONE_LINE_SET_COUNTRY, NULL, "si", pool_strdup(pool, iso), cid);
	}
	if (strcmp(setting, "dial_countries") == 0)
		return set_countries(db, pool, cid, value, error);
	if (strcmp(setting, "time_zone") == 0) {
		if (!calling_hours_zone_valid(value)) {
			*error = "Give a time zone of the tz database, like Europe/London.";
			return PHONE_LINE_INVALID;
		}
		return db_exec(db, SQL_PHONE_LINE_SET_TIME_ZONE, NULL, "si", value, cid);
	}
	if (strcmp(setting, "calling_hours") == 0)
		return set_hours(db, cid, value ? value : "", error);
	if (strcmp(setting, "greeting") == 0) {
		if (!is_none(value) && strlen(value) > 500) {
			*error = "A greeting has at most 500 characters.";
			return PHONE_LINE_INVALID;
		}
		return db_exec(db, SQL_PHONE_LINE_SET_GREETING, NULL, "si", is_none(value) ? NULL : value,
			       cid);
	}
	*error = "There is no such phone setting.";
	return PHONE_LINE_INVALID;
}

int phone_line_set_in_transaction(struct db *db, struct pool *pool, const struct phone_line *line,
				  const char *setting, const char *value, const char **error)
{
	*error = NULL;
	int rc = db_exec(db, SQL_PHONE_LINE_ENSURE, NULL, "i", line->client_id);
	if (rc == DB_OK)
		rc = set_one(db, pool, line, setting, value, error);
	return rc;
}

int phone_line_set(struct db *db, struct pool *pool, long long client_id, const char *setting,
		   const char *value, const char **error)
{
	struct phone_line line;
	bool found;
	*error = NULL;
	int rc = phone_line_load(db, pool, client_id, &line, &found);
	if (rc != DB_OK)
		return rc;
	if (!found) {
		*error = "There is no such client.";
		return PHONE_LINE_INVALID;
	}
	int attempt = 0;
	do {
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = phone_line_set_in_transaction(db, pool, &line, setting, value, error);
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	} while (db_retry(db, &rc, &attempt));
	return rc;
}
