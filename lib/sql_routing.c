/* sql_routing.c - SQL texts for routing requests to agents, and the agent console's snapshot.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"
#include "sql_queue.h"
#include "sql_session.h"

const char *const sql_texts_routing[SQL__MAX] = {
	/* Waiting requests in service order. */
	[SQL_ROUTE_WAITING] =
		"SELECT r.id FROM help_request r JOIN client c ON c.id = r.client_id"
		" WHERE r.client_id = ? AND r.state = 'waiting' AND r.deferred = 0"
		" ORDER BY " AGED_PRIORITY("r", "c") " DESC, COALESCE(r.preferred_at, '9999-12-31'), r.id"
		" LIMIT 50",
	[SQL_ROUTE_OFFER] =
		"UPDATE help_request SET state = 'offered', offered_agent_id = ?, offered_at = NOW(3)"
		" WHERE id = ? AND state = 'waiting'",
	[SQL_ROUTE_EXPIRED_OFFERS] =
		"SELECT r.id, r.offered_agent_id FROM help_request r JOIN client c ON c.id = r.client_id"
		" WHERE r.client_id = ? AND r.state = 'offered'"
		" AND r.offered_at < NOW(3) - INTERVAL c.accept_timeout_seconds SECOND",
	/* Clients with requests to route or offers to roll, for the sweep: all
	 * of them (a LIMIT starved every client beyond it of rollover and
	 * routing for ever), and waiting requests only where an agent is
	 * signed in and available to take one. */
	[SQL_ROUTE_CLIENTS_DUE] =
		"SELECT DISTINCT r.client_id FROM help_request r JOIN client c ON c.id = r.client_id"
		" WHERE (r.state = 'waiting' AND r.deferred = 0 AND EXISTS (SELECT 1 FROM agent a"
		"  JOIN staff_session s ON s.agent_id = a.id AND " SESSION_LIVE("s")
		"  WHERE a.client_id = r.client_id AND a.state = 'available' AND a.disabled = 0))"
		" OR (r.state = 'offered'"
		" AND r.offered_at < NOW(3) - INTERVAL c.accept_timeout_seconds SECOND)",
	[SQL_ROUTE_UNOFFER] =
		"UPDATE help_request SET state = 'waiting', offered_agent_id = NULL, offered_at = NULL"
		" WHERE id = ? AND state = 'offered'",
	/* An agent who reached their maximum: their other offers go back to
	 * the queue, not counted as refused or missed. */
	[SQL_ROUTE_WITHDRAW_OFFERS] =
		"UPDATE help_request SET state = 'waiting', offered_agent_id = NULL, offered_at = NULL"
		" WHERE offered_agent_id = ? AND state = 'offered' AND id <> ?",
	[SQL_ROUTE_REFUSAL_INSERT] =
		"INSERT IGNORE INTO request_refusal (request_id, agent_id) VALUES (?, ?)",
	[SQL_AGENT_MISSED_OFFER] =
		"UPDATE agent SET missed_offers = missed_offers + 1 WHERE id = ?",
	[SQL_AGENT_BY_ID] =
		"SELECT id, client_id, display_name, state, missed_offers, avatar FROM agent WHERE id = ?",
	[SQL_AGENT_AVATAR] = "SELECT avatar FROM agent WHERE id = ?",
	[SQL_AGENT_SET_AWAY_IF_MISSED] =
		"UPDATE agent SET state = 'away', state_since = NOW(3), missed_offers = 0"
		" WHERE id = ? AND state = 'available' AND missed_offers >= ?",
	[SQL_AGENT_RESET_MISSES] = "UPDATE agent SET missed_offers = 0 WHERE id = ?",
	[SQL_AGENT_SET_IDLE] = "UPDATE agent SET idle_since = NOW(3) WHERE id = ?",

	[SQL_CONSOLE_QUEUE] =
		"SELECT r.public_id, r.state, r.name, r.question, r.page_url, r.topic,"
		" TIMESTAMPDIFF(SECOND, r.created_at, NOW(3)), r.priority,"
		" (SELECT COUNT(*) FROM help_request p WHERE p.client_id = r.client_id"
		"  AND p.visitor_id = r.visitor_id AND p.channel_id IS NOT NULL),"
		" r.offered_agent_id = ?,"
		/* Signed: an offer past its time (not yet rolled) is 0 left, not an
		 * unsigned overflow that fails the whole console. */
		" GREATEST(0, CAST(c.accept_timeout_seconds AS SIGNED)"
		"  - TIMESTAMPDIFF(SECOND, r.offered_at, NOW(3))),"
		/* Whom it is offered to, for the desk's Offered list. */
		" (SELECT a.display_name FROM agent a WHERE a.id = r.offered_agent_id),"
		" r.via, r.medium, r.phone,"
		/* The service level the client's rules gave, the score, why (the
		 * rules that matched) and the level's target answer time. */
		" r.level, r.score, r.why, (SELECT l.target_seconds FROM service_level l"
		"  WHERE l.client_id = r.client_id AND l.name = r.level), r.wants_video"
		" FROM help_request r JOIN client c ON c.id = r.client_id"
		" WHERE r.client_id = ? AND r.state IN ('waiting', 'offered') AND r.deferred = 0"
		" ORDER BY " AGED_PRIORITY("r", "c") " DESC, COALESCE(r.preferred_at, '9999-12-31'), r.id"
		" LIMIT 100",
	[SQL_CONSOLE_MY_CHANNELS] =
		"SELECT ch.public_id, ch.name, TIMESTAMPDIFF(SECOND, ch.created_at, NOW(3)),"
		" (SELECT GROUP_CONCAT(o.display_name ORDER BY o.id SEPARATOR ', ') FROM participant o"
		"  WHERE o.channel_id = ch.id AND o.left_at IS NULL AND o.id <> p.id)"
		" FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		" WHERE p.agent_id = ? AND p.left_at IS NULL AND ch.state = 'open' ORDER BY ch.id",
	[SQL_CONSOLE_SCHEDULED] =
		"SELECT r.public_id, r.name, r.contact, r.question,"
		" DATE_FORMAT(r.scheduled_for, '%Y-%m-%d %H:%i'),"
		" TIMESTAMPDIFF(MINUTE, NOW(), r.scheduled_for), a.display_name,"
		" COALESCE(r.assigned_agent_id = ?, 0)"
		" FROM help_request r LEFT JOIN agent a ON a.id = r.assigned_agent_id"
		" WHERE r.client_id = ? AND r.state = 'scheduled'"
		" AND r.scheduled_for > NOW() - INTERVAL 1 DAY ORDER BY r.scheduled_for LIMIT 50",
	[SQL_CONSOLE_AGENTS] =
		"SELECT a.id, a.display_name, a.state FROM agent a WHERE a.client_id = ? AND a.id <> ?"
		" AND a.state = 'available' AND a.disabled = 0 ORDER BY a.display_name",
	/* The console's search: today's (UTC) sessions of the client whose
	 * name, visitor, question, contact or lines hold the words. */
	[SQL_CONSOLE_SEARCH_TODAY] =
		"SELECT ch.public_id, ch.name, DATE_FORMAT(ch.created_at, '%H:%i'), r.name, r.question,"
		" (SELECT GROUP_CONCAT(DISTINCT p.display_name ORDER BY p.display_name SEPARATOR ', ')"
		"  FROM participant p WHERE p.channel_id = ch.id AND p.kind = 'agent'),"
		" ch.state = 'open'"
		" FROM channel ch LEFT JOIN help_request r ON r.id = ch.request_id"
		" WHERE ch.client_id = ? AND ch.created_at >= CURDATE()"
		" AND (ch.name LIKE ? OR r.name LIKE ? OR r.question LIKE ? OR r.contact LIKE ?"
		"  OR EXISTS (SELECT 1 FROM channel_event e WHERE e.channel_id = ch.id AND e.kind = 'line'"
		"  AND e.body LIKE ?))"
		" ORDER BY ch.created_at DESC LIMIT 50",
	/* The visitor panel beside a conversation (lib/visitor_panel.c): the
	 * channel's request and the visitor's profile with the client, where
	 * the visitor's view is now, and the request's id. */
	[SQL_PANEL_VISITOR] =
		"SELECT r.visitor_id, COALESCE(r.name, vp.name), r.contact, r.question, r.page_url,"
		" COALESCE(vp.priority, r.priority), r.language, s.name, vp.visits,"
		" DATE_FORMAT(vp.first_seen_at, '%Y-%m-%d'), c.panel_fields, ch.client_id,"
		" (SELECT p.seen_url FROM participant p WHERE p.channel_id = ch.id AND p.kind = 'visitor'"
		"  AND p.visitor_id = r.visitor_id ORDER BY p.id DESC LIMIT 1), r.id"
		" FROM channel ch JOIN help_request r ON r.id = ch.request_id"
		" JOIN client c ON c.id = ch.client_id LEFT JOIN site s ON s.id = r.site_id"
		" LEFT JOIN visitor_profile vp ON vp.client_id = r.client_id AND vp.visitor_id = r.visitor_id"
		" WHERE ch.id = ?",
	/* The pages the visitor asked from on earlier visits, newest first. */
	[SQL_PANEL_TRAIL] =
		"SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), page_url FROM help_request"
		" WHERE client_id = ? AND visitor_id = ? AND id <> ? AND page_url IS NOT NULL"
		" ORDER BY id DESC LIMIT 10",
	[SQL_PANEL_SESSIONS] =
		"SELECT ch.public_id, DATE_FORMAT(ch.created_at, '%Y-%m-%d %H:%i'),"
		" (SELECT GROUP_CONCAT(DISTINCT p.display_name ORDER BY p.display_name SEPARATOR ', ')"
		"  FROM participant p WHERE p.channel_id = ch.id AND p.kind = 'agent'), r.question"
		" FROM help_request r JOIN channel ch ON ch.id = r.channel_id"
		" WHERE r.client_id = ? AND r.visitor_id = ? AND ch.id <> ? ORDER BY ch.id DESC LIMIT 10",
	[SQL_PANEL_NOTES] =
		"SELECT id, author, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), body FROM visitor_note"
		" WHERE client_id = ? AND visitor_id = ? ORDER BY id DESC LIMIT 50",
	[SQL_NOTE_TARGET] =
		"SELECT ch.client_id, r.visitor_id FROM channel ch"
		" LEFT JOIN help_request r ON r.id = ch.request_id WHERE ch.public_id = ?",
	[SQL_NOTE_INSERT] =
		"INSERT INTO visitor_note (client_id, visitor_id, agent_id, author, body, created_at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3))",
	[SQL_CANNED_FOR_AGENT] =
		"SELECT id, title, body FROM canned_phrase WHERE client_id = ?"
		" AND (agent_id IS NULL OR agent_id = ?) ORDER BY agent_id IS NULL, title",
	[SQL_CANNED_INSERT] =
		"INSERT INTO canned_phrase (client_id, agent_id, title, body) VALUES (?, ?, ?, ?)",
};
