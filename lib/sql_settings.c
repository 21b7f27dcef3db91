/* sql_settings.c - SQL texts for the settings that later issues added to
 * tools/baton-admin and that the administration pages now change too
 * (lib/admin_mail.c, lib/admin_rooms.c, lib/admin_canned.c's translations,
 * lib/account.c's language). Part of the statement catalogue: see sql.h
 * and sql.c. */
#include "sql.h"

const char *const sql_texts_settings[SQL__MAX] = {
	/* A client's settings of issues 13 and 17, as its pages show them. */
	[SQL_SETTINGS_CLIENT] =
		"SELECT COALESCE(alert_email, ''), room_join, show_who, event_rate_unit, event_rate_cents"
		" FROM client WHERE id = ?",
	/* The client's phrase for every agent of this title (baton-admin names
	 * phrases by title). */
	[SQL_SETTINGS_CANNED_BY_TITLE] =
		"SELECT id FROM canned_phrase WHERE client_id = ? AND title = ? AND agent_id IS NULL"
		" ORDER BY id LIMIT 1",
	[SQL_SETTINGS_TRANSLATION_SET] =
		"INSERT INTO canned_phrase_translation (phrase_id, lang, body) VALUES (?, ?, ?)"
		" ON DUPLICATE KEY UPDATE body = VALUES(body)",
	[SQL_SETTINGS_TRANSLATION_DELETE] =
		"DELETE FROM canned_phrase_translation WHERE phrase_id = ? AND lang = ?",
	[SQL_SETTINGS_TRANSLATION_LIST] =
		"SELECT t.phrase_id, t.lang, t.body FROM canned_phrase_translation t"
		" JOIN canned_phrase c ON c.id = t.phrase_id WHERE c.client_id = ?"
		" ORDER BY t.phrase_id, t.lang",
	[SQL_SETTINGS_AGENT_LANG] = "SELECT lang, digest_opt_out FROM agent WHERE id = ?",
	[SQL_SETTINGS_COLLABORATOR_EXISTS] =
		"SELECT display_name, disabled FROM collaborator WHERE client_id = ? AND login = ?",
	[SQL_SETTINGS_COLLABORATOR_SET_DISABLED] =
		"UPDATE collaborator SET disabled = ? WHERE client_id = ? AND login = ?",
};
