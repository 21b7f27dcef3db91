/* sql_admin.c - SQL texts for clients, sites and agents as baton-admin manages them.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_admin[SQL__MAX] = {
	[SQL_CLIENT_INSERT] = "INSERT INTO client (slug, name, created_at) VALUES (?, ?, NOW(3))",
	[SQL_CLIENT_BY_SLUG] = "SELECT id, name FROM client WHERE slug = ?",
	[SQL_CLIENT_LIST] =
		"SELECT c.slug, c.name, (SELECT COUNT(*) FROM site s WHERE s.client_id = c.id),"
		" (SELECT COUNT(*) FROM agent a WHERE a.client_id = c.id) FROM client c ORDER BY c.slug",
	[SQL_CLIENT_SET_SEAT_CAP] = "UPDATE client SET seat_cap = ? WHERE id = ?",
	[SQL_CLIENT_SET_ACCEPT_TIMEOUT] = "UPDATE client SET accept_timeout_seconds = ? WHERE id = ?",
	[SQL_CLIENT_SET_MAX_MISSED] = "UPDATE client SET max_missed_offers = ? WHERE id = ?",
	[SQL_CLIENT_SET_PARTICIPANT_CAP] = "UPDATE client SET channel_participant_cap = ? WHERE id = ?",
	[SQL_CLIENT_SET_WAIT_TARGET] = "UPDATE client SET wait_target_seconds = ? WHERE id = ?",
	[SQL_SITE_INSERT] =
		"INSERT INTO site (client_id, name, site_key, created_at) VALUES (?, ?, ?, NOW(3))",
	[SQL_SITE_BY_CLIENT] =
		"SELECT s.id, s.name, s.site_key, (SELECT GROUP_CONCAT(d.domain ORDER BY d.domain)"
		" FROM site_domain d WHERE d.site_id = s.id), s.help_address FROM site s"
		" WHERE s.client_id = ? ORDER BY s.id",
	[SQL_SITE_DOMAIN_INSERT] = "INSERT INTO site_domain (site_id, domain) VALUES (?, ?)",
	[SQL_AGENT_INSERT] =
		"INSERT INTO agent (client_id, email, display_name, role, password_hash, state,"
		" state_since, created_at) VALUES (?, ?, ?, ?, ?, 'offline', NOW(3), NOW(3))",
	[SQL_AGENT_SET_PASSWORD] = "UPDATE agent SET password_hash = ? WHERE email = ?",
	[SQL_AGENT_LIST] =
		"SELECT a.email, a.display_name, a.role, a.state, a.last_signin_at, a.last_signin_ip"
		" FROM agent a WHERE a.client_id = ? ORDER BY a.email",
	[SQL_AGENT_BY_EMAIL_ANY_CLIENT] = "SELECT id, client_id FROM agent WHERE email = ?",
};
