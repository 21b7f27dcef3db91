/* sql.c - the statement catalogue: the text of every statement Baton runs,
 * found by its id. The texts live in one file per area (lib/sql_AREA.c),
 * all fixed strings with placeholders; t/lint.t fails the build if SQL
 * appears anywhere else, and t/unit/sql.c checks every id has exactly one
 * text. Times are UTC (each connection sets time_zone = '+00:00') and come
 * from the database, so every app host agrees on "now". */
#include "sql.h"

#include <stddef.h>

/* A new area adds its table here and to sql.h's list. */
static const char *const *const sql_areas[] = {
	sql_texts_core,    sql_texts_admin,     sql_texts_staff,   sql_texts_help,
	sql_texts_routing, sql_texts_channel,   sql_texts_supervise, sql_texts_billing,
	sql_texts_archive, sql_texts_report,    sql_texts_demo,    sql_texts_mail,
	sql_texts_call,    sql_texts_board,     sql_texts_sample,  sql_texts_phone,
	sql_texts_room,    sql_texts_event,     sql_texts_visitor, sql_texts_lang,
	sql_texts_capacity, sql_texts_guard,   sql_texts_setup,   sql_texts_settings,
	sql_texts_profile,
};

const char *sql_text(enum sql_id id)
{
	if (id < 0 || id >= SQL__MAX)
		return NULL;
	for (size_t i = 0; i < sizeof sql_areas / sizeof sql_areas[0]; i++)
		if (sql_areas[i][id])
			return sql_areas[i][id];
	return NULL;
}

int sql_text_count(enum sql_id id)
{
	int count = 0;
	if (id < 0 || id >= SQL__MAX)
		return 0;
	for (size_t i = 0; i < sizeof sql_areas / sizeof sql_areas[0]; i++)
		count += sql_areas[i][id] != NULL;
	return count;
}
