/* sql_supervise.c - SQL texts for supervision and visitor priority.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_supervise[SQL__MAX] = {
	[SQL_HELP_HIT] =
		"INSERT INTO help_hit (site_id, day, hits) VALUES (?, UTC_DATE(), 1)"
		" ON DUPLICATE KEY UPDATE hits = hits + 1",
	/* Each agent: state and how long, sessions open and how long each. */
	[SQL_SUPERVISE_AGENTS] =
		"SELECT a.id, a.display_name, a.state, TIMESTAMPDIFF(SECOND, a.state_since, NOW(3)),"
		" a.max_sessions, COUNT(ch.id),"
		" GROUP_CONCAT(TIMESTAMPDIFF(SECOND, ch.created_at, NOW(3)) ORDER BY ch.id),"
		" GROUP_CONCAT(ch.public_id ORDER BY ch.id)"
		" FROM agent a LEFT JOIN participant p ON p.agent_id = a.id AND p.left_at IS NULL"
		"  AND p.kind = 'agent'"
		" LEFT JOIN channel ch ON ch.id = p.channel_id AND ch.state = 'open'"
		" WHERE a.client_id = ? AND a.disabled = 0 AND a.role <> 'operator'"
		" GROUP BY a.id ORDER BY a.display_name",
	[SQL_SUPERVISE_QUEUE] =
		"SELECT COUNT(*), COALESCE(MAX(TIMESTAMPDIFF(SECOND, created_at, NOW(3))), 0),"
		" (SELECT wait_target_seconds FROM client WHERE id = ?)"
		" FROM help_request WHERE client_id = ? AND state IN ('waiting', 'offered')",
	/* The visitors waiting or offered, in the order they are served. */
	[SQL_SUPERVISE_QUEUE_LIST] =
		"SELECT r.public_id, r.name, r.question, TIMESTAMPDIFF(SECOND, r.created_at, NOW(3)),"
		" r.priority, r.state, (SELECT a.display_name FROM agent a WHERE a.id = r.offered_agent_id),"
		" r.level, (SELECT l.target_seconds FROM service_level l WHERE l.client_id = r.client_id"
		"  AND l.name = r.level)"
		" FROM help_request r WHERE r.client_id = ? AND r.state IN ('waiting', 'offered')"
		" ORDER BY r.priority DESC, r.id LIMIT 100",
	/* People in a channel now, and how many the client allows. */
	[SQL_CHANNEL_ROOM] =
		"SELECT (SELECT COUNT(*) FROM participant WHERE channel_id = ch.id AND left_at IS NULL),"
		" c.channel_participant_cap FROM channel ch JOIN client c ON c.id = ch.client_id"
		" WHERE ch.id = ?",
	[SQL_CLIENT_MONITOR_NOTICE] = "SELECT tell_visitors_monitored FROM client WHERE id = ?",
	[SQL_PARTICIPANT_FOR_STAFF] =
		"SELECT id FROM participant WHERE channel_id = ? AND agent_id = ? AND left_at IS NULL",

	[SQL_SITE_SECRET] = "SELECT secret FROM site WHERE id = ?",
	[SQL_SITE_SET_SECRET] = "UPDATE site SET secret = ? WHERE site_key = ?",
	[SQL_VISITOR_SET_PRIORITY] =
		"UPDATE visitor_profile SET priority = ? WHERE client_id = ? AND visitor_id = ?",
	[SQL_REQUEST_SET_PRIORITY] =
		"UPDATE help_request SET priority = ? WHERE id = ? AND client_id = ?"
		" AND state IN ('waiting', 'offered')",
};
