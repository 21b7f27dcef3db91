/* phone_line.h - a client's telephony settings (help number, caller ID,
 * default country, countries call-backs may go to, time zone, calling
 * hours, retry rule, ring time, announcement interval, message length,
 * greeting, phone rate): read with their defaults, and changed one
 * setting at a time by the one function baton-admin and the admin pages
 * both call. */
#ifndef BATON_PHONE_LINE_H
#define BATON_PHONE_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "calling_hours.h"
#include "phone_number.h"

struct db;
struct pool;

struct phone_line {
	long long client_id;
	const char *client_name;
	const char *help_number;   /* NULL: no inbound calls */
	const char *caller_id;     /* what call-backs show (help_number when NULL) */
	const char *country;
	const char *dial_countries;
	const char *time_zone;
	long long retry_tries, retry_minutes, ring_seconds, announce_seconds, message_seconds;
	const char *greeting;
	long long rate_cents;
	struct hours_span hours[CALLING_HOURS_MAX];
	size_t hour_count;
};

/* Loads the client's line (defaults when it has none); *found false when
 * the client does not exist. Strings live in pool. Returns a db_status. */
int phone_line_load(struct db *db, struct pool *pool, long long client_id, struct phone_line *out,
		    bool *found);
/* The client whose help number this is; 0 when none. */
int phone_line_client_of_number(struct db *db, struct pool *pool, const char *e164,
				long long *client_id);

/* Sets one setting from its text: help_number, caller_id, country,
 * dial_countries, time_zone, calling_hours, retry_tries, retry_minutes,
 * ring_seconds, announce_seconds, message_seconds, greeting, rate_cents
 * ("none" clears the optional ones). Returns a db_status, or
 * PHONE_LINE_INVALID with *error a sentence for the person who typed it. */
enum { PHONE_LINE_INVALID = -30 };
int phone_line_set(struct db *db, struct pool *pool, long long client_id, const char *setting,
		   const char *value, const char **error);
/* The same inside the caller's transaction (an admin action writes its
 * audit row in it), for the line phone_line_load gave. */
int phone_line_set_in_transaction(struct db *db, struct pool *pool, const struct phone_line *line,
				  const char *setting, const char *value, const char **error);
/* The names phone_line_set takes, NULL-terminated (for help texts). */
extern const char *const phone_line_settings[];

/* Normalises a number typed for this client: its country, and the
 * countries call-backs may go to. 0, or -1 with *error for the visitor. */
int phone_line_number(const struct phone_line *line, const char *typed,
		      char out[PHONE_E164_MAX + 1], const char **error);

#endif
