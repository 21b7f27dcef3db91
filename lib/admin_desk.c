/* admin_desk.c - desk settings, opening hours and avatar rules (see
 * admin_desk.h). */
#include "admin_desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "pool.h"

enum setting_kind { S_INT, S_BOOL, S_TEXT, S_ZONE, S_FIELDS };

static const struct setting {
	const char *name;
	const char *label;
	enum setting_kind kind;
	long long min, max;   /* S_INT; for S_TEXT max is the length */
	enum sql_id update;
} settings[] = {
	{ "seat_cap", "sessions at once for the whole desk", S_INT, 1, 100000, SQL_CLIENT_SET_SEAT_CAP },
	{ "accept_timeout_seconds", "seconds to accept an offer", S_INT, 5, 600,
	  SQL_CLIENT_SET_ACCEPT_TIMEOUT },
	{ "max_missed_offers", "missed offers before an agent is set away", S_INT, 1, 100,
	  SQL_CLIENT_SET_MAX_MISSED },
	{ "channel_participant_cap", "people per session", S_INT, 2, 1000, SQL_CLIENT_SET_PARTICIPANT_CAP },
	{ "wait_target_seconds", "wait target in seconds", S_INT, 10, 86400, SQL_CLIENT_SET_WAIT_TARGET },
	{ "show_rooms", "the rooms button", S_BOOL, 0, 1, SQL_CLIENT_SET_SHOW_ROOMS },
	{ "tell_visitors_monitored", "the monitoring notice", S_BOOL, 0, 1, SQL_CLIENT_SET_MONITOR_NOTICE },
	{ "greeting", "the greeting", S_TEXT, 0, 500, SQL_CLIENT_SET_GREETING },
	{ "time_zone", "the time zone", S_ZONE, 0, 64, SQL_CLIENT_SET_TIME_ZONE },
	{ "panel_fields", "the visitor panel", S_FIELDS, 0, 200, SQL_CLIENT_SET_PANEL_FIELDS },
	{ "supervisors_listen", "supervisors listening to calls", S_BOOL, 0, 1,
	  SQL_CLIENT_SET_SUPERVISORS_LISTEN },
	/* 0: never; else minutes of estimated wait past which newcomers see
	 * the overflow page (lib/overflow.h). */
	{ "overflow_after_minutes", "minutes of estimated wait before the overflow page, 0 for never",
	  S_INT, 0, 1440, SQL_CLIENT_SET_OVERFLOW_AFTER },
};
enum { SETTING_COUNT = sizeof settings / sizeof settings[0] };

const char *const desk_setting_names[] = {
	"seat_cap", "accept_timeout_seconds", "max_missed_offers", "channel_participant_cap",
	"wait_target_seconds", "show_rooms", "tell_visitors_monitored", "greeting", "time_zone",
	"panel_fields", "supervisors_listen", "overflow_after_minutes", NULL,
};

const char *const desk_panel_fields[] = {
	"email", "question", "page", "trail", "sessions", "priority", "site", "language", "notes", NULL,
};

static int find_setting(const char *name)
{
	for (int i = 0; i < SETTING_COUNT; i++)
		if (name != NULL && strcmp(settings[i].name, name) == 0)
			return i;
	return -1;
}

/* The value as stored ("1", "Europe/Paris", "email,notes"), or NULL with
 * the refusal in *status. */
static const char *checked_value(struct admin_context *ac, const struct setting *s,
				 const char *value, int *status)
{
	long long n;
	*status = 0;
	switch (s->kind) {
	case S_INT:
	case S_BOOL:
		if (value == NULL || admin_int(ac, s->name, value, s->min, s->max, &n) != 0) {
			*status = admin_refuse(ac, 400, "%s (%s) must be a whole number from %lld to %lld.",
					       s->name, s->label, s->min, s->max);
			return NULL;
		}
		return pool_printf(ac->pool, "%lld", n);
	case S_TEXT: {
		if (value == NULL || *value == '\0')
			return "";
		return admin_text(ac, s->name, INPUT_TEXT, (size_t)s->max, value, false, status);
	}
	case S_ZONE: {
		const char *zone = admin_text(ac, s->name, INPUT_LINE, 64, value, true, status);
		if (zone == NULL)
			return NULL;
		if (strcmp(zone, "UTC") == 0)
			return zone;
		/* The database converts the times, so it says which zones exist. */
		struct db_rows rows;
		int rc = db_query(ac->db, ac->pool, SQL_TIME_ZONE_KNOWN, &rows, "s", zone);
		if (rc != DB_OK) {
			*status = rc;
			return NULL;
		}
		if (db_cell(&rows, 0, 0) == NULL) {
			*status = admin_refuse(ac, 400, "'%s' is not a time zone the database knows: give a "
					       "name such as Europe/Paris or America/New_York (or UTC).",
					       zone);
			return NULL;
		}
		return zone;
	}
	case S_FIELDS: {
		const char *text = value ? value : "";
		char *out = pool_zalloc(ac->pool, strlen(text) + 1);
		for (const char *p = text; *p;) {
			size_t len = strcspn(p, ", ");
			bool known = false;
			for (int f = 0; desk_panel_fields[f] != NULL && len > 0; f++)
				known |= strlen(desk_panel_fields[f]) == len && strncmp(desk_panel_fields[f], p, len) == 0;
			if (len > 0 && !known) {
				*status = admin_refuse(ac, 400, "'%.*s' is not something the visitor panel "
						       "shows.", (int)len, p);
				return NULL;
			}
			if (len > 0) {
				if (*out)
					strcat(out, ",");
				strncat(out, p, len);
			}
			p += len;
			p += strspn(p, ", ");
		}
		return out;
	}
	}
	return NULL;
}

int admin_desk_load(struct admin_context *ac, long long client_id, struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_STAFF, client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_CLIENT_DESK, out, "i", client_id);
}

int admin_desk_update(struct admin_context *ac, long long client_id, const char *const *names,
		      const char *const *values, int count)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	const char **stored = pool_zalloc(ac->pool, (size_t)(count + 1) * sizeof *stored);
	int *which = pool_zalloc(ac->pool, (size_t)(count + 1) * sizeof *which);
	for (int i = 0; i < count; i++) {
		if ((which[i] = find_setting(names[i])) < 0)
			return admin_refuse(ac, 400, "unknown client setting '%s' (see baton-admin help)",
					    names[i] ? names[i] : "");
		if ((stored[i] = checked_value(ac, &settings[which[i]], values[i], &status)) == NULL)
			return status;
	}
	struct db_rows now;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_CLIENT_DESK_LOCK, &now, "i", client_id);
	int changed = 0;
	for (int i = 0; rc == DB_OK && i < count; i++) {
		const struct setting *s = &settings[which[i]];
		const char *before = db_cell(&now, 0, (size_t)which[i]);
		if (before == NULL)
			before = "";
		if (strcmp(before, stored[i]) == 0)
			continue;
		if (s->kind == S_INT || s->kind == S_BOOL)
			rc = db_exec(ac->db, s->update, NULL, "ii", strtoll(stored[i], NULL, 10), client_id);
		else
			rc = db_exec(ac->db, s->update, NULL, "si", *stored[i] || s->kind != S_TEXT
				     ? stored[i] : NULL, client_id);
		if (rc == DB_OK)
			rc = admin_audit(ac, client_id, 0, "desk.setting", pool_printf(ac->pool, "setting %s",
					 s->name), "'%s' -> '%s'", before, stored[i]);
		changed++;
	}
	/* Caps and timeouts change what routing may do at once. */
	if (rc == DB_OK && changed > 0)
		rc = admin_touch_queue(ac, client_id);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	if (count == 1)
		return admin_done(ac, "%s set to %s", names[0], stored[0]);
	if (changed == 0)
		return admin_done(ac, "Nothing was changed.");
	return admin_done(ac, "The desk settings are saved (%d changed).", changed);
}

/* "HH:MM" (00:00-24:00) to minutes: 0, or -1. */
static int parse_clock(const char *s, size_t len, int *minutes)
{
	if (len != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int desk_hours_parse(const char *text, struct desk_range ranges[DESK_RANGES_A_DAY], int *count,
		     size_t *bad_at, size_t *bad_len)
{
	*count = 0;
	*bad_at = *bad_len = 0;
	for (const char *p = text; *p;) {
		p += strspn(p, " ,;");
		size_t len = strcspn(p, " ,;");
		if (len == 0)
			break;
		const char *dash = memchr(p, '-', len);
		int opens, closes;
		if (dash == NULL || parse_clock(p, (size_t)(dash - p), &opens) != 0
		    || parse_clock(dash + 1, len - (size_t)(dash - p) - 1, &closes) != 0 || closes <= opens) {
			*bad_at = (size_t)(p - text);
			*bad_len = len;
			return -1;
		}
		if (*count == DESK_RANGES_A_DAY)
			return -1; /* bad_len 0: too many */
		ranges[*count].opens = opens;
		ranges[*count].closes = closes;
		(*count)++;
		p += len;
	}
	return 0;
}

static const char *const day_names[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday" };

int admin_hours_set(struct admin_context *ac, long long client_id, const char *const days[7],
		    bool always_open)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	struct { int day; struct desk_range range; } ranges[7 * DESK_RANGES_A_DAY];
	int count = 0;
	for (int d = 0; d < 7 && !always_open; d++) {
		const char *text = days[d] ? days[d] : "";
		int refused;
		if (*text && admin_text(ac, day_names[d], INPUT_LINE, 100, text, false, &refused) == NULL)
			return refused;
		struct desk_range day[DESK_RANGES_A_DAY];
		int n;
		size_t bad_at, bad_len;
		if (desk_hours_parse(text, day, &n, &bad_at, &bad_len) != 0) {
			if (bad_len == 0)
				return admin_refuse(ac, 400, "%s: at most %d ranges a day.", day_names[d],
						    DESK_RANGES_A_DAY);
			return admin_refuse(ac, 400, "%s: '%.*s' is not a time range: write 09:00-17:30 "
					    "(several ranges with commas, nothing for a closed day).",
					    day_names[d], (int)bad_len, text + bad_at);
		}
		for (int i = 0; i < n; i++) {
			ranges[count].day = d;
			ranges[count].range = day[i];
			count++;
		}
	}
	if (!always_open && count == 0)
		return admin_refuse(ac, 400, "Give the hours of at least one day, or choose \"always open\".");
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_HOURS_CLEAR, NULL, "i", client_id);
	for (int i = 0; rc == DB_OK && i < count; i++) {
		char opens[32], closes[32];
		const struct desk_range *range = &ranges[i].range;
		snprintf(opens, sizeof opens, "%02d:%02d:00", range->opens / 60, range->opens % 60);
		snprintf(closes, sizeof closes, "%02d:%02d:00", range->closes / 60, range->closes % 60);
		rc = db_exec(ac->db, SQL_HOURS_INSERT, NULL, "iiss", client_id, (long long)ranges[i].day,
			     opens, closes);
	}
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "desk.hours", "opening hours", "%s", always_open
				 ? "always open" : pool_printf(ac->pool, "%d range%s", count, count == 1 ? "" : "s"));
	if (rc == DB_OK)
		rc = admin_touch_queue(ac, client_id);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, always_open ? "The desk is open at all hours."
			  : "The opening hours are saved.");
}

int admin_hours_load(struct admin_context *ac, long long client_id, struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_STAFF, client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_HOURS_LIST, out, "i", client_id);
}

int desk_open_now(struct db *db, struct pool *pool, long long client_id, bool *open)
{
	struct db_rows rows;
	*open = true;
	int rc = db_query(db, pool, SQL_DESK_OPEN_NOW, &rows, "i", client_id);
	if (rc == DB_OK && rows.rows > 0)
		*open = db_cell_int(&rows, 0, 0) != 0;
	return rc;
}

int desk_for_visitors(struct db *db, struct pool *pool, long long client_id, const char **greeting,
		      bool *open)
{
	struct db_rows rows;
	*greeting = NULL;
	int rc = desk_open_now(db, pool, client_id, open);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_CLIENT_GREETING, &rows, "i", client_id);
	if (rc == DB_OK && rows.rows > 0)
		*greeting = db_cell(&rows, 0, 0);
	return rc;
}

int admin_avatar_rule_add(struct admin_context *ac, long long client_id, const char *prefix_in,
			  const char *avatar)
{
	int refused;
	const char *prefix = admin_text(ac, "url_prefix", INPUT_LINE, 500, prefix_in, true, &refused);
	if (prefix == NULL)
		return refused;
	if (strncmp(prefix, "https://", 8) != 0 && strncmp(prefix, "http://", 7) != 0)
		return admin_refuse(ac, 400, "'%s' is not the start of a web address (it must start "
				    "with http:// or https://).", prefix);
	if (!admin_avatar_known(avatar))
		return admin_refuse(ac, 400, "There is no picture called '%s'.", avatar ? avatar : "");
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_AVATAR_RULE_INSERT, NULL, "iss", client_id, prefix, avatar);
	long long id = rc == DB_OK ? (long long)db_last_insert_id(ac->db) : 0;
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "avatar.rule.add", pool_printf(ac->pool, "pages %s", prefix),
				 "visitors get the %s", avatar);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	ac->new_id = id;
	return admin_done(ac, "Visitors from pages starting with %s get the %s.", prefix, avatar);
}

int admin_avatar_rule_delete(struct admin_context *ac, long long rule_id)
{
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_AVATAR_RULE_BY_ID, &rows, "i", rule_id);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return admin_refuse(ac, 404, "There is no such avatar rule among yours.");
	long long client_id = db_cell_int(&rows, 0, 1);
	const char *prefix = db_cell(&rows, 0, 2);
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status == 404)
		return admin_refuse(ac, 404, "There is no such avatar rule among yours.");
	if (status != 0)
		return status;
	rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_AVATAR_RULE_DELETE, NULL, "i", rule_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "avatar.rule.delete", pool_printf(ac->pool, "pages %s",
				 prefix), "%s", db_cell(&rows, 0, 3));
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The rule for pages starting with %s is deleted.", prefix);
}

int admin_avatar_rule_list(struct admin_context *ac, long long client_id, struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_AVATAR_RULE_LIST, out, "i", client_id);
}
