/* sql.c - the text of every statement, in one place, all with placeholders.
 * t/lint.t fails the build if SQL appears anywhere else. Times are UTC
 * (each connection sets time_zone = '+00:00') and come from the database, so
 * every app host agrees on "now". */
#include "sql.h"

#include <stddef.h>

static const char *const sql_texts[SQL__MAX] = {
	[SQL_PING] = "SELECT 1",

	[SQL_MIGRATION_TABLE] =
		"CREATE TABLE IF NOT EXISTS schema_migration ("
		" version INT UNSIGNED NOT NULL PRIMARY KEY,"
		" name VARCHAR(200) NOT NULL,"
		" applied_at DATETIME(3) NOT NULL"
		") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
	[SQL_MIGRATION_APPLIED] = "SELECT version, name FROM schema_migration ORDER BY version",
	[SQL_MIGRATION_RECORD] =
		"INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, NOW(3))",
	/* Two app hosts upgrading at once must not both apply a migration. */
	[SQL_MIGRATION_LOCK] = "SELECT GET_LOCK('baton_migrate', 60)",
	[SQL_MIGRATION_UNLOCK] = "SELECT RELEASE_LOCK('baton_migrate')",

	[SQL_CLIENT_INSERT] = "INSERT INTO client (slug, name, created_at) VALUES (?, ?, NOW(3))",
	[SQL_CLIENT_BY_SLUG] = "SELECT id, name FROM client WHERE slug = ?",
	[SQL_CLIENT_LIST] =
		"SELECT c.slug, c.name, (SELECT COUNT(*) FROM site s WHERE s.client_id = c.id),"
		" (SELECT COUNT(*) FROM agent a WHERE a.client_id = c.id) FROM client c ORDER BY c.slug",
	[SQL_SITE_INSERT] =
		"INSERT INTO site (client_id, name, site_key, created_at) VALUES (?, ?, ?, NOW(3))",
	[SQL_SITE_BY_CLIENT] =
		"SELECT s.id, s.name, s.site_key, (SELECT GROUP_CONCAT(d.domain ORDER BY d.domain)"
		" FROM site_domain d WHERE d.site_id = s.id) FROM site s WHERE s.client_id = ? ORDER BY s.id",
	[SQL_SITE_DOMAIN_INSERT] = "INSERT INTO site_domain (site_id, domain) VALUES (?, ?)",
	[SQL_AGENT_INSERT] =
		"INSERT INTO agent (client_id, email, display_name, role, password_hash, state,"
		" state_since, created_at) VALUES (?, ?, ?, ?, ?, 'offline', NOW(3), NOW(3))",
	[SQL_AGENT_SET_PASSWORD] = "UPDATE agent SET password_hash = ? WHERE email = ?",
	[SQL_AGENT_LIST] =
		"SELECT a.email, a.display_name, a.role, a.state, a.last_signin_at, a.last_signin_ip"
		" FROM agent a WHERE a.client_id = ? ORDER BY a.email",
	[SQL_AGENT_BY_EMAIL_ANY_CLIENT] = "SELECT id, client_id FROM agent WHERE email = ?",

	[SQL_AGENT_FOR_SIGNIN] =
		"SELECT a.id, a.password_hash, a.disabled, a.client_id FROM agent a WHERE a.email = ?",
	[SQL_SIGNIN_RECORD] =
		"INSERT INTO signin_attempt (email, agent_id, ip, user_agent, outcome, at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3))",
	/* Failures since the account's last success within the last day, and
	 * seconds since the newest of them. */
	[SQL_SIGNIN_FAILURES_BY_EMAIL] =
		"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(f.at), NOW(3)), 0)"
		" FROM signin_attempt f WHERE f.email = ? AND f.outcome IN ('bad_password', 'unknown')"
		" AND f.at > NOW(3) - INTERVAL 1 DAY"
		" AND f.at > COALESCE((SELECT MAX(s.at) FROM signin_attempt s"
		"  WHERE s.email = f.email AND s.outcome = 'ok'), '1970-01-01')",
	[SQL_SIGNIN_FAILURES_BY_IP] =
		"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), NOW(3)), 0)"
		" FROM signin_attempt WHERE ip = ? AND outcome IN ('bad_password', 'unknown')"
		" AND at > NOW(3) - INTERVAL 1 HOUR",
	[SQL_AGENT_SIGNED_IN] =
		"UPDATE agent SET last_signin_at = NOW(3), last_signin_ip = ? WHERE id = ?",

	[SQL_SESSION_INSERT] =
		"INSERT INTO staff_session (token_hash, agent_id, csrf_token, ip, user_agent,"
		" created_at, last_seen_at, idle_until, expires_at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3), NOW(3), NOW(3) + INTERVAL ? SECOND,"
		" NOW(3) + INTERVAL ? SECOND)",
	[SQL_SESSION_BY_TOKEN] =
		"SELECT s.id, s.agent_id, s.csrf_token, a.client_id, a.email, a.display_name, a.role,"
		" a.state, TIMESTAMPDIFF(SECOND, a.state_since, NOW(3)), c.name, a.max_sessions"
		" FROM staff_session s JOIN agent a ON a.id = s.agent_id"
		" JOIN client c ON c.id = a.client_id"
		" WHERE s.token_hash = ? AND s.ended_at IS NULL AND NOW(3) < s.idle_until"
		" AND NOW(3) < s.expires_at AND a.disabled = 0",
	[SQL_SESSION_TOUCH] =
		"UPDATE staff_session SET last_seen_at = NOW(3),"
		" idle_until = LEAST(expires_at, NOW(3) + INTERVAL ? SECOND) WHERE id = ?",
	[SQL_SESSION_END] =
		"UPDATE staff_session SET ended_at = NOW(3) WHERE id = ? AND ended_at IS NULL",
	[SQL_SESSION_OTHERS_LIVE] =
		"SELECT COUNT(*) FROM staff_session WHERE agent_id = ? AND id <> ?"
		" AND ended_at IS NULL AND NOW(3) < idle_until AND NOW(3) < expires_at",

	[SQL_AGENT_SET_STATE] =
		"UPDATE agent SET state = ?, state_since = NOW(3) WHERE id = ? AND state <> ?",
	[SQL_AGENT_EVENT_INSERT] =
		"INSERT INTO agent_event (agent_id, client_id, kind, state, ip, at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3))",
};

const char *sql_text(enum sql_id id)
{
	return (id >= 0 && id < SQL__MAX) ? sql_texts[id] : NULL;
}
