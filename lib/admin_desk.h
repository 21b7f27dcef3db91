/* admin_desk.h - a client's desk settings as its administrators set them:
 * seat and participant caps, offer timeout and the missed-offer rule, the
 * wait target, the greeting, the monitoring notice, the rooms button, the
 * time zone and opening hours, what the visitor panel shows, and avatar
 * rules by page. Actions as admin.h says (POWER_ADMINISTER). */
#ifndef BATON_ADMIN_DESK_H
#define BATON_ADMIN_DESK_H

#include <stdbool.h>

#include "admin.h"

struct db_rows;
struct db;
struct pool;

/* The settings by the names baton-admin and the Settings form use, NULL
 * terminated. */
extern const char *const desk_setting_names[];
/* What the visitor panel may show, NULL terminated (the SET in schema 122). */
extern const char *const desk_panel_fields[];

/* Changes the named settings (values as typed) in one transaction; a
 * setting whose value is unchanged is left alone. All are checked before
 * any is written. */
int admin_desk_update(struct admin_context *ac, long long client_id, const char *const *names,
		      const char *const *values, int count);
/* The settings now, in the order of desk_setting_names. */
int admin_desk_load(struct admin_context *ac, long long client_id, struct db_rows *out);

/* Opening hours, one text per day Monday..Sunday: ranges "09:00-12:30,
 * 13:30-17:00", empty for a closed day. always_open removes them all (the
 * desk is then always open). */
int admin_hours_set(struct admin_context *ac, long long client_id, const char *const days[7],
		    bool always_open);
/* One day's opening hours as typed ("09:00-12:30, 13:30-17:00"; empty: a
 * closed day) into minutes since midnight: 0 with *count ranges, or -1
 * with *bad_at, *bad_len the part that is not a time range. */
struct desk_range { int opens, closes; };
enum { DESK_RANGES_A_DAY = 6 };
int desk_hours_parse(const char *text, struct desk_range ranges[DESK_RANGES_A_DAY], int *count,
		     size_t *bad_at, size_t *bad_len);

/* The hours now: one row per range (weekday, opens HH:MM, closes HH:MM). */
int admin_hours_load(struct admin_context *ac, long long client_id, struct db_rows *out);
/* Whether the client's desk is within its opening hours now (always, with
 * none set). Returns a db_status. */
int desk_open_now(struct db *db, struct pool *pool, long long client_id, bool *open);

/* What visitors are told of the desk: the greeting (NULL for none) and
 * whether it is within its opening hours now. Returns a db_status. */
int desk_for_visitors(struct db *db, struct pool *pool, long long client_id, const char **greeting,
		      bool *open);

/* The avatar a visitor gets when the help link was on a page whose address
 * starts with url_prefix (the longest matching prefix wins). */
int admin_avatar_rule_add(struct admin_context *ac, long long client_id, const char *url_prefix,
			  const char *avatar);
int admin_avatar_rule_delete(struct admin_context *ac, long long rule_id);
int admin_avatar_rule_list(struct admin_context *ac, long long client_id, struct db_rows *out);

#endif
