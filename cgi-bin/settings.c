/* settings - the client's desk, for its staff: each site's help link and
 * button ready to copy, the optional co-browsing site script, and the desk
 * settings; its administrators change them here (caps, offer timeout and
 * the missed-offer rule, wait target, greeting, monitoring notice, rooms
 * button, what the visitor panel shows, time zone and opening hours), how
 * invited people join rooms and the Who button, and the alert address.
 * Every form calls lib/admin_desk.c (rooms lib/admin_rooms.c, the alert
 * address lib/admin_mail.c), as baton-admin does.
 * Template: templates/settings.cs. Tests: t/settings.t, t/admin-settings.t. */
#include <stdio.h>
#include <string.h>

#include "admin_desk.h"
#include "admin_mail.h"
#include "admin_page.h"
#include "admin_rooms.h"
#include "db.h"
#include "pool.h"
#include "render.h"
#include "site_snippets.h"

static const struct input settings_inputs[] = {
	{ "seat_cap", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "accept_timeout_seconds", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "max_missed_offers", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "channel_participant_cap", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "wait_target_seconds", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "show_rooms", INPUT_LINE, false, 1, 0, 0, NULL },
	{ "tell_visitors_monitored", INPUT_LINE, false, 1, 0, 0, NULL },
	{ "supervisors_listen", INPUT_LINE, false, 1, 0, 0, NULL },
	{ "overflow_after_minutes", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "greeting", INPUT_TEXT, false, 500, 0, 0, NULL },
	{ "time_zone", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "panel", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_email", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_question", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_page", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_trail", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_sessions", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_priority", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_site", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_language", INPUT_INT, false, 0, 0, 1, NULL },
	{ "panel_notes", INPUT_INT, false, 0, 0, 1, NULL },
	{ "hours_0", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "hours_1", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "hours_2", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "hours_3", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "hours_4", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "hours_5", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "hours_6", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "always", INPUT_INT, false, 0, 0, 1, NULL },
	{ "room_join", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "show_who", INPUT_LINE, false, 1, 0, 0, NULL },
	{ "alert_email", INPUT_LINE, false, 254, 0, 0, NULL },
};

/* The settings the form sent (a script may send only some; the page's form
 * sends them all, marked by panel=1). */
static int desk(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *names[20], *values[20];
	int count = 0;
	for (int i = 0; desk_setting_names[i] != NULL; i++) {
		const char *name = desk_setting_names[i];
		const char *value = admin_field(r, name);
		if (strcmp(name, "panel_fields") == 0) {
			if (!admin_field_int(r, "panel"))
				continue;
			char *list = pool_zalloc(r->pool, 200);
			for (int f = 0; desk_panel_fields[f] != NULL; f++)
				if (admin_field_int(r, pool_printf(r->pool, "panel_%s", desk_panel_fields[f]))) {
					if (*list)
						strcat(list, ",");
					strcat(list, desk_panel_fields[f]);
				}
			value = list;
		} else if (value == NULL && strcmp(name, "greeting") == 0 && admin_field_int(r, "panel")) {
			value = ""; /* the whole form, its greeting emptied: that arrives as nothing */
		} else if (value == NULL) {
			continue;
		}
		names[count] = name;
		values[count] = value;
		count++;
	}
	if (count == 0)
		return admin_refuse(ac, 400, "The form sent no setting.");
	return admin_desk_update(ac, client_id, names, values, count);
}

static int hours(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *days[7];
	for (int d = 0; d < 7; d++)
		days[d] = admin_field(r, pool_printf(r->pool, "hours_%d", d));
	return admin_hours_set(ac, client_id, days, admin_field_int(r, "always") != 0);
}

/* How invited people join and the Who button (issue 17): both, or either. */
static int rooms(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_room_settings(ac, client_id, admin_field(r, "room_join"), admin_field(r, "show_who"));
}

/* Where alerts of help links on unregistered domains go (issue 13). */
static int alert(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_client_alert_email(ac, client_id, admin_field(r, "alert_email"));
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	struct db_rows sites, settings, ranges;
	int rc = db_query(ac->db, ac->pool, SQL_SITE_BY_CLIENT, &sites, "i", client_id);
	if (rc != DB_OK)
		return rc;
	if ((rc = admin_desk_load(ac, client_id, &settings)) != 0)
		return rc;
	if ((rc = admin_hours_load(ac, client_id, &ranges)) != 0)
		return rc;
	site_snippets_to_view(r, v, &sites);
	for (size_t i = 0; i < sites.rows; i++)  /* mail to it waits in the queue (issue 13) */
		view_set(v, pool_printf(r->pool, "sites.%zu.help_address", i), db_cell(&sites, i, 4));
	for (int i = 0; desk_setting_names[i] != NULL && settings.rows > 0; i++)
		view_set(v, pool_printf(r->pool, "desk.%s", desk_setting_names[i]),
			 db_cell(&settings, 0, (size_t)i));
	const char *fields = settings.rows > 0 ? db_cell(&settings, 0, 9) : "";
	for (int f = 0; desk_panel_fields[f] != NULL; f++) {
		const char *name = desk_panel_fields[f];
		const char *found = strstr(fields ? fields : "", name);
		size_t len = strlen(name);
		bool on = found != NULL && (found[len] == ',' || found[len] == '\0');
		view_set(v, pool_printf(r->pool, "panel.%d.name", f), name);
		view_set_int(v, pool_printf(r->pool, "panel.%d.on", f), on);
	}
	/* Each day's ranges as typed: "09:00-12:30, 13:30-17:00". */
	char *day_text[7] = { 0 };
	for (size_t i = 0; i < ranges.rows; i++) {
		int d = (int)db_cell_int(&ranges, i, 0);
		if (d < 0 || d > 6)
			continue;
		const char *range = pool_printf(r->pool, "%s-%s", db_cell(&ranges, i, 1), db_cell(&ranges, i, 2));
		day_text[d] = day_text[d] ? pool_printf(r->pool, "%s, %s", day_text[d], range)
					  : pool_strdup(r->pool, range);
	}
	static const char *const day_names[7] = { "Monday", "Tuesday", "Wednesday", "Thursday",
		"Friday", "Saturday", "Sunday" };
	for (int d = 0; d < 7; d++) {
		view_set(v, pool_printf(r->pool, "days.%d.name", d), day_names[d]);
		view_set(v, pool_printf(r->pool, "days.%d.hours", d), day_text[d]);
	}
	view_set_int(v, "hours_set", ranges.rows > 0);
	struct db_rows client;
	if ((rc = db_query(ac->db, ac->pool, SQL_SETTINGS_CLIENT, &client, "i", client_id)) != DB_OK)
		return rc;
	if (client.rows > 0) {
		view_set(v, "mail.alert_email", db_cell(&client, 0, 0));
		view_set(v, "rooms.join", db_cell(&client, 0, 1));
		view_set(v, "rooms.show_who", db_cell(&client, 0, 2));
	}
	view_set_int(v, "may_edit", admin_authorize(ac, POWER_ADMINISTER, client_id) == 0);
	ac->message = NULL;
	bool open;
	if ((rc = desk_open_now(ac->db, ac->pool, client_id, &open)) != DB_OK)
		return rc;
	view_set_int(v, "open_now", open);
	return 0;
}

static const struct admin_form settings_forms[] = {
	{ "desk", desk }, { "hours", hours }, { "rooms", rooms }, { "alert", alert },
};

static const struct admin_page settings_page = {
	"settings", POWER_STAFF, false, settings_inputs, COUNT_OF(settings_inputs), settings_forms,
	COUNT_OF(settings_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&settings_page, argc, argv);
}
