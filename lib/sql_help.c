/* sql_help.c - SQL texts for sites, help links, visitors and help requests.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"
#include "sql_queue.h"

const char *const sql_texts_help[SQL__MAX] = {
	/* lib/overflow.c: 0, never. */
	[SQL_CLIENT_OVERFLOW_AFTER] = "SELECT overflow_after_minutes FROM client WHERE id = ?",
	[SQL_SITE_BY_KEY] =
		"SELECT s.id, s.client_id, s.name, s.ask_question, c.name, c.suspended_at IS NOT NULL FROM site s"
		" JOIN client c ON c.id = s.client_id WHERE s.site_key = ?",
	/* The Referer's host matches a registered domain or is below it. */
	[SQL_SITE_HAS_DOMAIN] =
		"SELECT COUNT(*) FROM site_domain WHERE site_id = ?"
		" AND (domain = ? OR ? LIKE CONCAT('%.', domain))",
	[SQL_REFUSED_LINK_INSERT] =
		"INSERT INTO refused_link (client_id, site_id, site_key, referer, reason, ip, at)"
		" VALUES (?, ?, ?, ?, ?, ?, NOW(3))",
	/* The cookie's visitor and whether their stamp is due, and the stamp at
	 * most once a minute: the view visitor_cookie and the procedure
	 * visitor_touch (schema 281), which line_post uses too. */
	[SQL_VISITOR_BY_TOKEN] = "SELECT id, stamp_due FROM visitor_cookie WHERE token_hash = ?",
	[SQL_VISITOR_INSERT] =
		"INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (?, NOW(3), NOW(3))",
	[SQL_VISITOR_SEEN] = "CALL visitor_touch(?)",
	[SQL_VISITOR_PROFILE_UPSERT] =
		"INSERT INTO visitor_profile (client_id, visitor_id, name, first_seen_at, last_seen_at, visits)"
		" VALUES (?, ?, ?, NOW(3), NOW(3), 1) ON DUPLICATE KEY UPDATE"
		" last_seen_at = NOW(3), visits = visits + 1, name = COALESCE(VALUES(name), name)",
	[SQL_VISITOR_PROFILE] =
		"SELECT priority, name, visits FROM visitor_profile WHERE client_id = ? AND visitor_id = ?",
	[SQL_VISITOR_PAST_SESSIONS] =
		"SELECT COUNT(*) FROM help_request WHERE client_id = ? AND visitor_id = ?"
		" AND channel_id IS NOT NULL AND id <> ?",

	[SQL_REQUEST_INSERT] =
		"INSERT INTO help_request (public_id, client_id, site_id, visitor_id, ip, topic, name,"
		" question, page_url, priority, language, state, created_at, seen_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', NOW(3), NOW(3))",
	[SQL_REQUEST_OPEN_FOR_VISITOR] =
		"SELECT public_id FROM help_request WHERE client_id = ? AND visitor_id = ?"
		" AND state IN ('waiting', 'offered') ORDER BY id DESC LIMIT 1",
	[SQL_REQUEST_BY_PUBLIC_ID] =
		"SELECT r.id, r.client_id, r.visitor_id, r.state, r.name, r.question,"
		" TIMESTAMPDIFF(SECOND, r.created_at, NOW(3)), ch.public_id, r.scheduled_for,"
		" r.priority, r.site_id, r.topic, r.page_url, c.name, r.medium, r.phone, r.deferred,"
		" r.lang FROM help_request r JOIN client c ON c.id = r.client_id"
		" LEFT JOIN channel ch ON ch.id = r.channel_id WHERE r.public_id = ?",
	[SQL_REQUEST_LOCK] =
		"SELECT id, client_id, visitor_id, state, offered_agent_id, name, question, public_id, medium"
		" FROM help_request WHERE id = ? FOR UPDATE",
	[SQL_REQUEST_SET_STATE] =
		"UPDATE help_request SET state = ?, ended_at = NOW(3), offered_agent_id = NULL"
		" WHERE id = ? AND state IN ('waiting', 'offered')",
	[SQL_REQUEST_ACCEPTED] =
		"UPDATE help_request SET state = 'accepted', accepted_agent_id = ?, accepted_at = NOW(3),"
		" channel_id = ?, offered_agent_id = NULL WHERE id = ?",
	[SQL_REQUEST_SCHEDULE] =
		"UPDATE help_request SET state = 'scheduled', scheduled_for = ?, contact = ?,"
		" offered_agent_id = NULL WHERE id = ? AND state IN ('waiting', 'offered')",
	/* Keeps its id, and so its place among requests of equal priority; the
	 * wait (and the accept time wait estimates average) counts from now,
	 * not from before the visitor scheduled. */
	[SQL_REQUEST_REQUEUE] =
		"UPDATE help_request SET state = 'waiting', ended_at = NULL, created_at = NOW(3),"
		" seen_at = NOW(3), visitor_back_at = NOW(3) WHERE id = ? AND state = 'scheduled'",
	[SQL_REQUEST_LEAVE_MESSAGE] =
		"UPDATE help_request SET state = 'message', name = ?, contact = ?, question = ?,"
		" ended_at = NOW(3), offered_agent_id = NULL"
		" WHERE id = ? AND state IN ('waiting', 'offered')",
	[SQL_REQUEST_EVENT_INSERT] =
		"INSERT INTO request_event (request_id, client_id, kind, agent_id, at)"
		" VALUES (?, ?, ?, ?, NOW(3))",
	/* Requests served before this one, in the router's order: higher
	 * priority; or equal, with an earlier preferred time (a call-back
	 * booked for now); or equal in both and older. Call-backs not yet due
	 * are not in line. */
	[SQL_REQUEST_POSITION] =
		"SELECT COUNT(*) FROM help_request o JOIN help_request r ON r.id = ?"
		" JOIN client c ON c.id = r.client_id"
		" WHERE o.client_id = r.client_id AND o.state IN ('waiting', 'offered') AND o.deferred = 0"
		" AND (-" AGED_PRIORITY("o", "c") ", COALESCE(o.preferred_at, '9999-12-31'), o.id)"
		"  < (-" AGED_PRIORITY("r", "c") ", COALESCE(r.preferred_at, '9999-12-31'), r.id)",
	[SQL_QUEUE_LOCK] = "SELECT id FROM client WHERE id = ? FOR UPDATE",
	[SQL_QUEUE_BUMP] =
		"UPDATE client SET queue_version = LAST_INSERT_ID(queue_version + 1),"
		" queue_changed_at = NOW(6) WHERE id = ?",
	[SQL_CLIENT_SETTINGS] =
		"SELECT seat_cap, accept_timeout_seconds, max_missed_offers, channel_participant_cap,"
		" wait_target_seconds, name FROM client WHERE id = ?",
	/* Routing for one client at a time, on any host: the client row's lock. */
	[SQL_CLIENT_SETTINGS_LOCK] =
		"SELECT seat_cap, accept_timeout_seconds, max_missed_offers FROM client"
		" WHERE id = ? FOR UPDATE",
	/* Seconds to accept and to handle, averaged over recent sessions. */
	[SQL_WAIT_STATS] =
		"SELECT AVG(TIMESTAMPDIFF(SECOND, r.created_at, r.accepted_at)),"
		" AVG(TIMESTAMPDIFF(SECOND, ch.created_at, ch.closed_at))"
		" FROM help_request r LEFT JOIN channel ch ON ch.id = r.channel_id"
		" WHERE r.client_id = ? AND r.accepted_at > NOW(3) - INTERVAL 1 DAY",
};
