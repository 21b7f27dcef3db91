/* sql.c - the text of every statement, in one place, all with placeholders.
 * t/lint.t fails the build if SQL appears anywhere else. Times are UTC
 * (each connection sets time_zone = '+00:00') and come from the database, so
 * every app host agrees on "now". */
#include "sql.h"

#include <stddef.h>

static const char *const sql_texts[SQL__MAX] = {
	[SQL_PING] = "SELECT 1",
	/* Prepared, so a transaction costs one round trip to begin and one to
	 * commit, with autocommit left on between them. */
	[SQL_START_TRANSACTION] = "START TRANSACTION",

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
	[SQL_CLIENT_SET_SEAT_CAP] = "UPDATE client SET seat_cap = ? WHERE id = ?",
	[SQL_CLIENT_SET_ACCEPT_TIMEOUT] = "UPDATE client SET accept_timeout_seconds = ? WHERE id = ?",
	[SQL_CLIENT_SET_MAX_MISSED] = "UPDATE client SET max_missed_offers = ? WHERE id = ?",
	[SQL_CLIENT_SET_PARTICIPANT_CAP] = "UPDATE client SET channel_participant_cap = ? WHERE id = ?",
	[SQL_CLIENT_SET_WAIT_TARGET] = "UPDATE client SET wait_target_seconds = ? WHERE id = ?",
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
		" a.state, TIMESTAMPDIFF(SECOND, a.state_since, NOW(3)), c.name, a.max_sessions,"
		" s.last_seen_at < NOW(3) - INTERVAL 60 SECOND"
		" FROM staff_session s JOIN agent a ON a.id = s.agent_id"
		" JOIN client c ON c.id = a.client_id"
		" WHERE s.token_hash = ? AND s.ended_at IS NULL AND NOW(3) < s.idle_until"
		" AND NOW(3) < s.expires_at AND a.disabled = 0",
	/* At most once a minute: every post and poll would otherwise be a durable
	 * write (and the agent's requests would queue on this one row). Run only
	 * when the lookup above says the stamp is that old, so most requests
	 * send no UPDATE at all. */
	[SQL_SESSION_TOUCH] =
		"UPDATE staff_session SET last_seen_at = NOW(3),"
		" idle_until = LEAST(expires_at, NOW(3) + INTERVAL ? SECOND) WHERE id = ?"
		" AND last_seen_at < NOW(3) - INTERVAL 60 SECOND",
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
	/* Agents shown as signed in whose every session has ended or lapsed
	 * (idle, or past its lifetime) without a sign-out, with when the last
	 * one lapsed. */
	[SQL_AGENTS_LAPSED] =
		"SELECT a.id, a.client_id, DATE_FORMAT(COALESCE((SELECT MAX(LEAST(s.idle_until, s.expires_at))"
		"  FROM staff_session s WHERE s.agent_id = a.id AND s.ended_at IS NULL), NOW(3)),"
		"  '%Y-%m-%d %H:%i:%s.%f')"
		" FROM agent a WHERE a.state <> 'offline' AND NOT EXISTS (SELECT 1 FROM staff_session s"
		"  WHERE s.agent_id = a.id AND s.ended_at IS NULL AND NOW(3) < s.idle_until"
		"  AND NOW(3) < s.expires_at)"
		" LIMIT 500",
	[SQL_AGENT_SET_OFFLINE_AT] =
		"UPDATE agent SET state = 'offline', state_since = ? WHERE id = ? AND state <> 'offline'",
	[SQL_AGENT_EVENT_INSERT_AT] =
		"INSERT INTO agent_event (agent_id, client_id, kind, state, ip, at)"
		" VALUES (?, ?, ?, ?, NULL, ?)",

	[SQL_SITE_BY_KEY] =
		"SELECT s.id, s.client_id, s.name, s.ask_question, c.name FROM site s"
		" JOIN client c ON c.id = s.client_id WHERE s.site_key = ?",
	/* The Referer's host matches a registered domain or is below it. */
	[SQL_SITE_HAS_DOMAIN] =
		"SELECT COUNT(*) FROM site_domain WHERE site_id = ?"
		" AND (domain = ? OR ? LIKE CONCAT('%.', domain))",
	[SQL_REFUSED_LINK_INSERT] =
		"INSERT INTO refused_link (client_id, site_id, site_key, referer, reason, ip, at)"
		" VALUES (?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_VISITOR_BY_TOKEN] =
		"SELECT id, last_seen_at < NOW(3) - INTERVAL 60 SECOND FROM visitor WHERE token_hash = ?",
	[SQL_VISITOR_INSERT] =
		"INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (?, NOW(3), NOW(3))",
	[SQL_VISITOR_SEEN] =
		"UPDATE visitor SET last_seen_at = NOW(3) WHERE id = ?"
		" AND last_seen_at < NOW(3) - INTERVAL 60 SECOND",
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
		"INSERT INTO help_request (public_id, client_id, site_id, visitor_id, topic, name,"
		" question, page_url, priority, state, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', NOW(3))",
	[SQL_REQUEST_OPEN_FOR_VISITOR] =
		"SELECT public_id FROM help_request WHERE client_id = ? AND visitor_id = ?"
		" AND state IN ('waiting', 'offered') ORDER BY id DESC LIMIT 1",
	[SQL_REQUEST_BY_PUBLIC_ID] =
		"SELECT r.id, r.client_id, r.visitor_id, r.state, r.name, r.question,"
		" TIMESTAMPDIFF(SECOND, r.created_at, NOW(3)), ch.public_id, r.scheduled_for,"
		" r.priority, r.site_id, r.topic, r.page_url, c.name"
		" FROM help_request r JOIN client c ON c.id = r.client_id"
		" LEFT JOIN channel ch ON ch.id = r.channel_id WHERE r.public_id = ?",
	[SQL_REQUEST_LOCK] =
		"SELECT id, client_id, visitor_id, state, offered_agent_id, name, question, public_id"
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
		"UPDATE help_request SET state = 'waiting', ended_at = NULL, created_at = NOW(3)"
		" WHERE id = ? AND state = 'scheduled'",
	[SQL_REQUEST_LEAVE_MESSAGE] =
		"UPDATE help_request SET state = 'message', name = ?, contact = ?, question = ?,"
		" ended_at = NOW(3), offered_agent_id = NULL"
		" WHERE id = ? AND state IN ('waiting', 'offered')",
	[SQL_REQUEST_EVENT_INSERT] =
		"INSERT INTO request_event (request_id, client_id, kind, agent_id, at)"
		" VALUES (?, ?, ?, ?, NOW(3))",
	/* Requests served before this one: higher priority, or equal and older. */
	[SQL_REQUEST_POSITION] =
		"SELECT COUNT(*) FROM help_request o JOIN help_request r ON r.id = ?"
		" WHERE o.client_id = r.client_id AND o.state IN ('waiting', 'offered')"
		" AND (o.priority > r.priority OR (o.priority = r.priority AND o.id < r.id))",
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
	/* Seats in use: open channels and offers out (each may become one). */
	[SQL_CLIENT_OPEN_CHANNELS] =
		"SELECT (SELECT COUNT(*) FROM channel WHERE client_id = ? AND state = 'open'),"
		" (SELECT COUNT(*) FROM help_request WHERE client_id = ? AND state = 'offered')",
	/* Signed-in agents, and those of them available with room for one more
	 * session (an agent at their maximum is not really available). */
	[SQL_CLIENT_AGENTS_SIGNED_IN] =
		"SELECT COUNT(DISTINCT a.id), COALESCE(SUM(a.state = 'available'"
		"  AND (SELECT COUNT(*) FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		"   WHERE p.agent_id = a.id AND p.kind = 'agent' AND p.left_at IS NULL"
		"   AND ch.state = 'open') < a.max_sessions), 0)"
		" FROM agent a WHERE a.client_id = ? AND a.state <> 'offline' AND a.disabled = 0"
		" AND EXISTS (SELECT 1 FROM staff_session s WHERE s.agent_id = a.id"
		"  AND s.ended_at IS NULL AND NOW(3) < s.idle_until AND NOW(3) < s.expires_at)",
	/* Seconds to accept and to handle, averaged over recent sessions. */
	[SQL_WAIT_STATS] =
		"SELECT AVG(TIMESTAMPDIFF(SECOND, r.created_at, r.accepted_at)),"
		" AVG(TIMESTAMPDIFF(SECOND, ch.created_at, ch.closed_at))"
		" FROM help_request r LEFT JOIN channel ch ON ch.id = r.channel_id"
		" WHERE r.client_id = ? AND r.accepted_at > NOW(3) - INTERVAL 1 DAY",

	/* Waiting requests in service order. */
	[SQL_ROUTE_WAITING] =
		"SELECT id FROM help_request WHERE client_id = ? AND state = 'waiting'"
		" ORDER BY priority DESC, id LIMIT 50",
	/* The available, signed-in agent with room, no open offer, who has not
	 * let this request roll, idle longest. */
	[SQL_ROUTE_PICK_AGENT] =
		"SELECT a.id FROM agent a WHERE a.client_id = ? AND a.state = 'available'"
		" AND a.disabled = 0"
		" AND EXISTS (SELECT 1 FROM staff_session s WHERE s.agent_id = a.id"
		"  AND s.ended_at IS NULL AND NOW(3) < s.idle_until AND NOW(3) < s.expires_at)"
		" AND (SELECT COUNT(*) FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		"  WHERE p.agent_id = a.id AND p.left_at IS NULL AND ch.state = 'open') < a.max_sessions"
		" AND NOT EXISTS (SELECT 1 FROM help_request o WHERE o.offered_agent_id = a.id"
		"  AND o.state = 'offered')"
		" AND NOT EXISTS (SELECT 1 FROM request_refusal f WHERE f.request_id = ?"
		"  AND f.agent_id = a.id)"
		" ORDER BY a.idle_since, a.id LIMIT 1",
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
		" WHERE (r.state = 'waiting' AND EXISTS (SELECT 1 FROM agent a"
		"  JOIN staff_session s ON s.agent_id = a.id AND s.ended_at IS NULL"
		"  AND NOW(3) < s.idle_until AND NOW(3) < s.expires_at"
		"  WHERE a.client_id = r.client_id AND a.state = 'available' AND a.disabled = 0))"
		" OR (r.state = 'offered'"
		" AND r.offered_at < NOW(3) - INTERVAL c.accept_timeout_seconds SECOND)",
	[SQL_ROUTE_UNOFFER] =
		"UPDATE help_request SET state = 'waiting', offered_agent_id = NULL, offered_at = NULL"
		" WHERE id = ? AND state = 'offered'",
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
		"  - TIMESTAMPDIFF(SECOND, r.offered_at, NOW(3)))"
		" FROM help_request r JOIN client c ON c.id = r.client_id"
		" WHERE r.client_id = ? AND r.state IN ('waiting', 'offered')"
		" ORDER BY r.priority DESC, r.id LIMIT 100",
	[SQL_CONSOLE_MY_CHANNELS] =
		"SELECT ch.public_id, ch.name, TIMESTAMPDIFF(SECOND, ch.created_at, NOW(3)),"
		" (SELECT GROUP_CONCAT(o.display_name ORDER BY o.id SEPARATOR ', ') FROM participant o"
		"  WHERE o.channel_id = ch.id AND o.left_at IS NULL AND o.id <> p.id)"
		" FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		" WHERE p.agent_id = ? AND p.left_at IS NULL AND ch.state = 'open' ORDER BY ch.id",
	[SQL_CONSOLE_MESSAGES] =
		"SELECT r.public_id, r.name, r.contact, r.question, r.page_url,"
		" DATE_FORMAT(r.ended_at, '%Y-%m-%d %H:%i') FROM help_request r"
		" WHERE r.client_id = ? AND r.state = 'message'"
		" AND r.ended_at > NOW(3) - INTERVAL 30 DAY ORDER BY r.id DESC LIMIT 50",
	[SQL_CONSOLE_SCHEDULED] =
		"SELECT r.public_id, r.name, r.contact, r.question,"
		" DATE_FORMAT(r.scheduled_for, '%Y-%m-%d %H:%i'),"
		" TIMESTAMPDIFF(MINUTE, NOW(), r.scheduled_for)"
		" FROM help_request r WHERE r.client_id = ? AND r.state = 'scheduled'"
		" AND r.scheduled_for > NOW() - INTERVAL 1 DAY ORDER BY r.scheduled_for LIMIT 50",
	[SQL_CONSOLE_AGENTS] =
		"SELECT a.id, a.display_name, a.state FROM agent a WHERE a.client_id = ? AND a.id <> ?"
		" AND a.state = 'available' AND a.disabled = 0 ORDER BY a.display_name",
	[SQL_CANNED_FOR_AGENT] =
		"SELECT id, title, body FROM canned_phrase WHERE client_id = ?"
		" AND (agent_id IS NULL OR agent_id = ?) ORDER BY agent_id IS NULL, title",
	[SQL_CANNED_INSERT] =
		"INSERT INTO canned_phrase (client_id, agent_id, title, body) VALUES (?, ?, ?, ?)",

	[SQL_CHANNEL_INSERT] =
		"INSERT INTO channel (public_id, client_id, request_id, name, state, last_seq,"
		" changed_at, created_at) VALUES (?, ?, ?, ?, 'open', 0, NOW(6), NOW(3))",
	[SQL_CHANNEL_SET_LEADER] =
		"UPDATE channel SET leader_participant_id = ? WHERE id = ?",
	/* A channel and who asks about it, in one look: the agent's (or the
	 * visitor's) newest participant row, present ones first. Every channel
	 * request starts here. */
	[SQL_CHANNEL_MEMBER_AGENT] =
		"SELECT c.id, c.client_id, c.state, c.name, c.last_seq, c.leader_participant_id,"
		" p.id, p.kind, p.display_name, p.token, p.left_at IS NOT NULL"
		" FROM channel c LEFT JOIN participant p ON p.id = (SELECT p2.id FROM participant p2"
		"  WHERE p2.channel_id = c.id AND p2.agent_id = ? AND c.client_id = ?"
		"  ORDER BY p2.left_at IS NULL DESC, p2.id DESC LIMIT 1)"
		" WHERE c.public_id = ?",
	[SQL_CHANNEL_MEMBER_VISITOR] =
		"SELECT c.id, c.client_id, c.state, c.name, c.last_seq, c.leader_participant_id,"
		" p.id, p.kind, p.display_name, p.token, p.left_at IS NOT NULL"
		" FROM channel c LEFT JOIN participant p ON p.id = (SELECT p2.id FROM participant p2"
		"  WHERE p2.channel_id = c.id AND p2.visitor_id = ?"
		"  ORDER BY p2.left_at IS NULL DESC, p2.id DESC LIMIT 1)"
		" WHERE c.public_id = ?",
	[SQL_CHANNEL_BY_ID] =
		"SELECT id, client_id, state, name, last_seq, leader_participant_id, request_id,"
		" public_id FROM channel WHERE id = ?",
	/* Takes the channel's row lock: posters to one channel queue up here. */
	[SQL_CHANNEL_NEXT_SEQ] =
		"UPDATE channel SET last_seq = LAST_INSERT_ID(last_seq + 1), changed_at = NOW(6)"
		" WHERE id = ? AND state = 'open'",
	[SQL_CHANNEL_SIGNAL_BUMP] =
		"UPDATE channel SET signal_version = LAST_INSERT_ID(signal_version + 1),"
		" changed_at = NOW(6) WHERE id = ? AND state = 'open'",
	[SQL_CHANNEL_CLOSE] =
		"UPDATE channel SET state = 'closed', closed_at = NOW(3) WHERE id = ? AND state = 'open'",
	[SQL_CHANNEL_VERSIONS] =
		"SELECT last_seq, signal_version, state, leader_participant_id, current_url"
		" FROM channel WHERE id = ?",
	[SQL_CHANNELS_CHANGED_SINCE] =
		"SELECT id, last_seq, signal_version, DATE_FORMAT(changed_at, '%Y-%m-%d %H:%i:%s.%f')"
		" FROM channel WHERE changed_at >= ? ORDER BY changed_at LIMIT 5000",
	[SQL_QUEUES_CHANGED_SINCE] =
		"SELECT id, queue_version, DATE_FORMAT(queue_changed_at, '%Y-%m-%d %H:%i:%s.%f')"
		" FROM client WHERE queue_changed_at >= ? ORDER BY queue_changed_at LIMIT 5000",
	[SQL_QUEUE_VERSION] = "SELECT queue_version FROM client WHERE id = ?",
	[SQL_PARTICIPANT_INSERT] =
		"INSERT INTO participant (channel_id, kind, agent_id, visitor_id, display_name, token,"
		" avatar, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_PARTICIPANT_LEAVE] =
		"UPDATE participant SET left_at = NOW(3), typing_text = NULL WHERE id = ? AND left_at IS NULL",
	[SQL_PARTICIPANTS_PRESENT] =
		"SELECT id, kind, display_name, agent_id FROM participant WHERE channel_id = ?"
		" AND left_at IS NULL ORDER BY id",
	/* A participant's last-value signals, each stamped with the channel's
	 * new signal version so pollers fetch only what changed. */
	[SQL_PARTICIPANT_TYPING] =
		"UPDATE participant SET typing_text = ?, signal_version = ? WHERE id = ?",
	[SQL_PARTICIPANT_SEEN] =
		"UPDATE participant SET seen_url = ?, scroll_x = ?, scroll_y = ?, signal_version = ?"
		" WHERE id = ?",
	[SQL_PARTICIPANT_POINTER] =
		"UPDATE participant SET pointer_mode = ?, pointer_x = ?, pointer_y = ?,"
		" signal_version = ? WHERE id = ?",
	[SQL_PARTICIPANT_AVATAR] =
		"UPDATE participant SET avatar = ?, signal_version = ? WHERE id = ?",
	/* Everyone's, the viewer's own included: one read serves every viewer. */
	[SQL_SIGNALS_SINCE] =
		"SELECT id, display_name, kind, typing_text, signal_version, avatar, seen_url,"
		" scroll_x, scroll_y, pointer_mode, pointer_x, pointer_y, left_at IS NULL"
		" FROM participant WHERE channel_id = ? AND signal_version > ?",
	[SQL_CHANNEL_SET_URL] = "UPDATE channel SET current_url = ? WHERE id = ?",
	[SQL_PARTICIPANT_IN_CHANNEL] =
		"SELECT id, kind, display_name FROM participant WHERE id = ? AND channel_id = ?"
		" AND left_at IS NULL",
	[SQL_AVATAR_FOR_PAGE] =
		"SELECT avatar FROM avatar_rule WHERE client_id = ?"
		" AND LEFT(?, CHAR_LENGTH(url_prefix)) = url_prefix"
		" ORDER BY LENGTH(url_prefix) DESC LIMIT 1",
	[SQL_CANNED_ADDRESSES] =
		"SELECT id, title, url FROM canned_address WHERE client_id = ?"
		" AND (agent_id IS NULL OR agent_id = ?) ORDER BY agent_id IS NULL, title",
	[SQL_CANNED_ADDRESS_INSERT] =
		"INSERT INTO canned_address (client_id, agent_id, title, url) VALUES (?, ?, ?, ?)",
	[SQL_CANNED_ADDRESS_FIND] =
		"SELECT id FROM canned_address WHERE client_id = ? AND agent_id IS NULL AND title = ?"
		" ORDER BY id LIMIT 1",
	[SQL_CANNED_ADDRESS_SET_URL] = "UPDATE canned_address SET url = ? WHERE id = ?",
	[SQL_FRAME_CHECK_GET] =
		"SELECT frameable, reason FROM frame_check WHERE url_hash = ?"
		" AND checked_at > NOW(3) - INTERVAL 1 HOUR",
	[SQL_FRAME_CHECK_PUT] =
		"REPLACE INTO frame_check (url_hash, url, frameable, reason, checked_at)"
		" VALUES (?, ?, ?, ?, NOW(3))",
	[SQL_SITE_DOMAIN_OF_CLIENT] =
		"SELECT COUNT(*) FROM site_domain d JOIN site s ON s.id = d.site_id"
		" WHERE s.client_id = ? AND (d.domain = ? OR ? LIKE CONCAT('%.', d.domain))",
	[SQL_CLIENT_SET_SHOW_ROOMS] = "UPDATE client SET show_rooms = ? WHERE id = ?",
	[SQL_CLIENT_SET_MONITOR_NOTICE] =
		"UPDATE client SET tell_visitors_monitored = ? WHERE id = ?",
	[SQL_AVATAR_RULE_INSERT] =
		"INSERT INTO avatar_rule (client_id, url_prefix, avatar) VALUES (?, ?, ?)",
	/* The viewer (cgi-bin/channel.c): each present participant's avatar
	 * and the address their view shows. */
	[SQL_CHANNEL_PEOPLE_VIEWS] =
		"SELECT id, kind, avatar, seen_url FROM participant WHERE channel_id = ?"
		" AND left_at IS NULL ORDER BY id",
	/* The private lines a participant sent or received, with the other's name. */
	[SQL_CHANNEL_PRIVATE_LINES] =
		"SELECT e.seq, e.participant_id, e.recipient_participant_id, r.display_name"
		" FROM channel_event e LEFT JOIN participant r ON r.id = e.recipient_participant_id"
		" WHERE e.channel_id = ? AND e.kind = 'private'"
		" AND (e.participant_id = ? OR e.recipient_participant_id = ?) ORDER BY e.seq",
	[SQL_CLIENT_SHOW_ROOMS] = "SELECT show_rooms FROM client WHERE id = ?",
	/* The page the visitor asked for help on: where the agent may start. */
	[SQL_CHANNEL_START_PAGE] =
		"SELECT r.page_url FROM channel ch JOIN help_request r ON r.id = ch.request_id"
		" WHERE ch.id = ?",
	[SQL_EVENT_INSERT] =
		"INSERT INTO channel_event (channel_id, seq, kind, participant_id, recipient_participant_id,"
		" body, client_msg_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_EVENT_BY_CLIENT_MSG] =
		"SELECT seq FROM channel_event WHERE channel_id = ? AND participant_id = ?"
		" AND client_msg_id = ?",
	[SQL_EVENTS_AFTER] =
		"SELECT e.seq, e.kind, e.participant_id, p.display_name, p.kind, e.body,"
		" e.client_msg_id, DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s.%fZ'),"
		" e.recipient_participant_id, p.avatar"
		" FROM channel_event e LEFT JOIN participant p ON p.id = e.participant_id"
		" WHERE e.channel_id = ? AND e.seq > ? ORDER BY e.seq LIMIT 500",

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

	/* Usage billing. Instants as milliseconds since 1970 (the connection's
	 * time zone is UTC); lib/billing.c does the arithmetic. */
	[SQL_BILLING_NOW_MS] = "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)",
	/* A client's terms; its reseller's share in hundredths of a percent. */
	[SQL_BILLING_CLIENT] =
		"SELECT c.id, c.slug, c.name, c.rate_unit, c.rate_cents, c.monthly_minimum_cents,"
		" c.currency, CAST(UNIX_TIMESTAMP(c.created_at) * 1000 AS SIGNED), r.slug, r.name,"
		" CAST(r.share_percent * 100 AS SIGNED)"
		" FROM client c LEFT JOIN reseller r ON r.id = c.reseller_id WHERE c.id = ?",
	[SQL_BILLING_RESELLER_CLIENTS] =
		"SELECT c.id, c.slug, c.name, c.rate_unit, c.rate_cents, c.monthly_minimum_cents,"
		" c.currency, CAST(UNIX_TIMESTAMP(c.created_at) * 1000 AS SIGNED), r.slug, r.name,"
		" CAST(r.share_percent * 100 AS SIGNED)"
		" FROM client c JOIN reseller r ON r.id = c.reseller_id WHERE r.id = ? ORDER BY c.slug",
	/* The sessions created in [start, end): start, name, the agents in the
	 * order they first joined (names as they were then), start and close. */
	[SQL_BILLING_SESSIONS] =
		"SELECT DATE_FORMAT(ch.created_at, '%Y-%m-%d %H:%i:%s'), ch.name,"
		" (SELECT GROUP_CONCAT(p.display_name ORDER BY p.id SEPARATOR ', ') FROM participant p"
		"  WHERE p.channel_id = ch.id AND p.kind = 'agent' AND NOT EXISTS (SELECT 1"
		"  FROM participant q WHERE q.channel_id = p.channel_id AND q.kind = 'agent'"
		"  AND q.agent_id = p.agent_id AND q.id < p.id)),"
		" CAST(UNIX_TIMESTAMP(ch.created_at) * 1000 AS SIGNED),"
		" CAST(UNIX_TIMESTAMP(ch.closed_at) * 1000 AS SIGNED)"
		" FROM channel ch WHERE ch.client_id = ? AND ch.created_at >= ? AND ch.created_at < ?"
		" ORDER BY ch.created_at, ch.id",
	/* A missing currency keeps the client's. */
	[SQL_CLIENT_SET_RATE] =
		"UPDATE client SET rate_unit = ?, rate_cents = ?, monthly_minimum_cents = ?,"
		" currency = COALESCE(?, currency) WHERE id = ?",
	[SQL_CLIENT_SET_RESELLER] = "UPDATE client SET reseller_id = ? WHERE id = ?",
	/* The share comes in hundredths of a percent: exact in DECIMAL(5, 2). */
	[SQL_RESELLER_INSERT] =
		"INSERT INTO reseller (slug, name, share_percent) VALUES (?, ?, ? / 100)",
	[SQL_RESELLER_BY_SLUG] =
		"SELECT id, slug, name, CAST(share_percent * 100 AS SIGNED) FROM reseller WHERE slug = ?",
	[SQL_RESELLER_LIST] =
		"SELECT r.slug, r.name, r.share_percent, (SELECT GROUP_CONCAT(c.slug ORDER BY c.slug)"
		" FROM client c WHERE c.reseller_id = r.id) FROM reseller r ORDER BY r.slug",

	/* A client's sessions, newest first, each filter applying only when
	 * given (NULL: any). Dates are whole UTC days; words go to the FULLTEXT
	 * index of channel_event.body as a boolean-mode query. */
	[SQL_ARCHIVE_SEARCH] =
		"SELECT ch.public_id, DATE_FORMAT(ch.created_at, '%Y-%m-%d %H:%i'), ch.name,"
		" (SELECT GROUP_CONCAT(DISTINCT a.display_name ORDER BY a.display_name SEPARATOR ', ')"
		"  FROM participant a WHERE a.channel_id = ch.id AND a.kind = 'agent'),"
		" COALESCE(r.name, (SELECT v.display_name FROM participant v WHERE v.channel_id = ch.id"
		"  AND v.kind = 'visitor' ORDER BY v.id LIMIT 1)),"
		" s.name, TIMESTAMPDIFF(SECOND, ch.created_at, COALESCE(ch.closed_at, NOW(3))),"
		" (SELECT COUNT(*) FROM channel_event l WHERE l.channel_id = ch.id"
		"  AND l.kind IN ('line', 'private')),"
		" ch.state, r.public_id"
		" FROM channel ch LEFT JOIN help_request r ON r.id = ch.request_id"
		" LEFT JOIN site s ON s.id = r.site_id"
		" WHERE ch.client_id = ?"
		" AND (? IS NULL OR ch.created_at >= CAST(? AS DATE))"
		" AND (? IS NULL OR ch.created_at < CAST(? AS DATE) + INTERVAL 1 DAY)"
		" AND (? IS NULL OR EXISTS (SELECT 1 FROM participant a WHERE a.channel_id = ch.id"
		"  AND a.kind = 'agent' AND a.agent_id = ?))"
		" AND (? IS NULL OR r.public_id = ? OR ch.public_id = ? OR INSTR(r.name, ?) > 0"
		"  OR EXISTS (SELECT 1 FROM participant v WHERE v.channel_id = ch.id"
		"  AND v.kind = 'visitor' AND INSTR(v.display_name, ?) > 0))"
		" AND (? IS NULL OR r.site_id = ?)"
		" AND (? IS NULL OR ch.id IN (SELECT e.channel_id FROM channel_event e"
		"  WHERE MATCH(e.body) AGAINST (? IN BOOLEAN MODE)))"
		" ORDER BY ch.created_at DESC, ch.id DESC LIMIT ? OFFSET ?",
	[SQL_ARCHIVE_AGENTS] =
		"SELECT id, display_name FROM agent WHERE client_id = ? AND role <> 'operator'"
		" ORDER BY display_name, id",
	[SQL_ARCHIVE_CHANNEL] =
		"SELECT ch.id, ch.client_id, ch.public_id, ch.name, ch.state,"
		" DATE_FORMAT(ch.created_at, '%Y-%m-%d %H:%i:%s'),"
		" DATE_FORMAT(ch.closed_at, '%Y-%m-%d %H:%i:%s'),"
		" TIMESTAMPDIFF(SECOND, ch.created_at, COALESCE(ch.closed_at, NOW(3))),"
		" ch.request_id, r.public_id,"
		" COALESCE(r.name, (SELECT v.display_name FROM participant v WHERE v.channel_id = ch.id"
		"  AND v.kind = 'visitor' ORDER BY v.id LIMIT 1)),"
		" s.name, c.slug, c.name, r.question, r.page_url, r.topic"
		" FROM channel ch JOIN client c ON c.id = ch.client_id"
		" LEFT JOIN help_request r ON r.id = ch.request_id LEFT JOIN site s ON s.id = r.site_id"
		" WHERE ch.public_id = ?",
	[SQL_ARCHIVE_TOOK_PART] =
		"SELECT COUNT(*) FROM participant WHERE channel_id = ? AND agent_id = ? AND kind = 'agent'",
	/* Every event, private and monitoring ones too, a page at a time; with
	 * the milliseconds since the channel opened, for the replay. */
	[SQL_ARCHIVE_EVENTS] =
		"SELECT e.seq, e.kind, e.participant_id, p.display_name, p.kind, e.body,"
		" DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s.%fZ'), e.recipient_participant_id,"
		" rp.display_name, p.agent_id, rp.agent_id,"
		" GREATEST(0, TIMESTAMPDIFF(MICROSECOND, ch.created_at, e.at) DIV 1000)"
		" FROM channel_event e JOIN channel ch ON ch.id = e.channel_id"
		" LEFT JOIN participant p ON p.id = e.participant_id"
		" LEFT JOIN participant rp ON rp.id = e.recipient_participant_id"
		" WHERE e.channel_id = ? AND e.seq > ? ORDER BY e.seq LIMIT 500",
	[SQL_ARCHIVE_REQUEST_EVENTS] =
		"SELECT e.kind, DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s.%fZ'), a.display_name"
		" FROM request_event e LEFT JOIN agent a ON a.id = e.agent_id"
		" WHERE e.request_id = ? AND e.client_id = ? ORDER BY e.id",
	/* Sign-ins, sign-outs and state changes of the session's agents from
	 * the visitor's click until the end. */
	[SQL_ARCHIVE_AGENT_EVENTS] =
		"SELECT e.kind, e.state, DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s.%fZ'), a.display_name"
		" FROM channel ch JOIN agent_event e ON e.client_id = ch.client_id"
		" JOIN agent a ON a.id = e.agent_id"
		" WHERE ch.id = ? AND e.agent_id IN (SELECT p.agent_id FROM participant p"
		"  WHERE p.channel_id = ch.id AND p.kind = 'agent')"
		" AND e.at >= COALESCE((SELECT r.created_at FROM help_request r WHERE r.id = ch.request_id),"
		"  ch.created_at)"
		" AND e.at <= COALESCE(ch.closed_at, NOW(3)) ORDER BY e.at, e.id LIMIT 1000",
	[SQL_ARCHIVE_PARTICIPANTS] =
		"SELECT display_name, kind, DATE_FORMAT(joined_at, '%Y-%m-%d %H:%i:%s'),"
		" DATE_FORMAT(left_at, '%Y-%m-%d %H:%i:%s') FROM participant WHERE channel_id = ?"
		" ORDER BY id",
	/* A visitor's address for their transcript; a later mailer sends it. */
	[SQL_MAIL_OUTBOX_TRANSCRIPT] =
		"INSERT INTO mail_outbox (client_id, channel_id, participant_id, kind, address, created_at)"
		" VALUES (?, ?, ?, 'transcript', ?, NOW(3)) ON DUPLICATE KEY UPDATE"
		" address = VALUES(address), created_at = NOW(3), sent_at = NULL, attempts = 0,"
		" last_error = NULL",
	[SQL_MAIL_OUTBOX_FOR_PARTICIPANT] =
		"SELECT address, sent_at IS NOT NULL FROM mail_outbox WHERE channel_id = ?"
		" AND participant_id = ? AND kind = 'transcript'",

	/* Reports. Ranges are [from, until) in UTC; durations come back in
	 * milliseconds. */
	[SQL_REPORT_CLIENT] = "SELECT slug, name FROM client WHERE id = ?",
	/* Sessions and their milliseconds per day and site; open ones up to now. */
	[SQL_REPORT_USAGE_SESSIONS] =
		"SELECT DATE_FORMAT(ch.created_at, '%Y-%m-%d'), COALESCE(r.site_id, 0), COUNT(*),"
		" COALESCE(SUM(GREATEST(0, TIMESTAMPDIFF(MICROSECOND, ch.created_at,"
		"  COALESCE(ch.closed_at, NOW(3))))), 0) DIV 1000"
		" FROM channel ch LEFT JOIN help_request r ON r.id = ch.request_id"
		"  AND r.client_id = ch.client_id"
		" WHERE ch.client_id = ? AND ch.created_at >= ? AND ch.created_at < ?"
		" GROUP BY 1, 2 ORDER BY 1, 2",
	[SQL_REPORT_USAGE_HITS] =
		"SELECT DATE_FORMAT(h.day, '%Y-%m-%d'), h.site_id, h.hits"
		" FROM help_hit h JOIN site s ON s.id = h.site_id"
		" WHERE s.client_id = ? AND h.day >= ? AND h.day < ? ORDER BY 1, 2",
	[SQL_REPORT_QUEUE_HOURS] =
		"SELECT HOUR(created_at), COUNT(*) FROM help_request"
		" WHERE client_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1",
	/* Wait buckets 0-5 (<30 s, <60 s, <2 min, <5 min, <10 min, more), from
	 * the last time the request joined the queue to its acceptance. */
	[SQL_REPORT_QUEUE_WAITS] =
		"SELECT CASE WHEN x.w < 30000 THEN 0 WHEN x.w < 60000 THEN 1 WHEN x.w < 120000 THEN 2"
		" WHEN x.w < 300000 THEN 3 WHEN x.w < 600000 THEN 4 ELSE 5 END, COUNT(*)"
		" FROM (SELECT TIMESTAMPDIFF(MICROSECOND, COALESCE((SELECT MAX(e.at) FROM request_event e"
		"   WHERE e.request_id = r.id AND e.kind = 'created' AND e.at <= r.accepted_at),"
		"   r.created_at), r.accepted_at) DIV 1000 AS w"
		"  FROM help_request r WHERE r.client_id = ? AND r.created_at >= ? AND r.created_at < ?"
		"  AND r.accepted_at IS NOT NULL) x GROUP BY 1",
	/* All, accepted, cancelled while waiting, gone (left unaccepted, or in
	 * the queue for over ? seconds), messages, still scheduled, waiting. */
	[SQL_REPORT_QUEUE_OUTCOMES] =
		"SELECT COUNT(*), COALESCE(SUM(x.accepted_at IS NOT NULL), 0),"
		" COALESCE(SUM(x.accepted_at IS NULL AND x.state = 'cancelled'), 0),"
		" COALESCE(SUM(x.gone), 0),"
		" COALESCE(SUM(x.accepted_at IS NULL AND x.state = 'message'), 0),"
		" COALESCE(SUM(x.accepted_at IS NULL AND x.state = 'scheduled'), 0),"
		" COALESCE(SUM(x.accepted_at IS NULL AND x.state IN ('waiting', 'offered') AND NOT x.gone), 0)"
		" FROM (SELECT r.state, r.accepted_at, (r.accepted_at IS NULL"
		"   AND r.state NOT IN ('cancelled', 'message', 'scheduled') AND (r.state = 'closed'"
		"   OR EXISTS (SELECT 1 FROM request_event a WHERE a.request_id = r.id AND a.kind = 'abandoned')"
		"   OR COALESCE((SELECT MAX(e.at) FROM request_event e WHERE e.request_id = r.id"
		"    AND e.kind = 'created'), r.created_at) < NOW(3) - INTERVAL ? SECOND)) AS gone"
		"  FROM help_request r WHERE r.client_id = ? AND r.created_at >= ? AND r.created_at < ?) x",
	/* Booked, kept (accepted within ? seconds either side), missed. */
	[SQL_REPORT_QUEUE_SCHEDULED] =
		"SELECT COUNT(*), COALESCE(SUM(x.kept), 0), COALESCE(SUM(NOT x.kept AND x.due_by < NOW()), 0)"
		" FROM (SELECT (r.accepted_at IS NOT NULL"
		"   AND r.accepted_at >= r.scheduled_for - INTERVAL ? SECOND"
		"   AND r.accepted_at <= r.scheduled_for + INTERVAL ? SECOND) AS kept,"
		"  r.scheduled_for + INTERVAL ? SECOND AS due_by"
		"  FROM help_request r WHERE r.client_id = ? AND r.scheduled_for >= ?"
		"  AND r.scheduled_for < ?) x",
	[SQL_REPORT_AGENT_LIST] =
		"SELECT id, display_name FROM agent WHERE client_id = ? AND role <> 'operator'"
		" ORDER BY display_name, id",
	/* Per agent: sessions joined, and milliseconds from joining to leaving or
	 * the session's end (or now). */
	[SQL_REPORT_AGENT_SESSIONS] =
		"SELECT p.agent_id, COUNT(DISTINCT p.channel_id),"
		" COALESCE(SUM(GREATEST(0, TIMESTAMPDIFF(MICROSECOND, p.joined_at,"
		"  LEAST(COALESCE(p.left_at, NOW(3)), COALESCE(ch.closed_at, NOW(3)))))), 0) DIV 1000"
		" FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		" WHERE ch.client_id = ? AND p.kind = 'agent' AND p.joined_at >= ? AND p.joined_at < ?"
		" GROUP BY p.agent_id",
	/* Per agent: accepts, and milliseconds to them from the offer to that
	 * agent since the request last joined the queue (or from joining it). */
	[SQL_REPORT_AGENT_ACCEPT] =
		"SELECT x.agent_id, COUNT(*), COALESCE(SUM(TIMESTAMPDIFF(MICROSECOND, COALESCE("
		"  (SELECT MAX(o.at) FROM request_event o WHERE o.request_id = x.request_id"
		"   AND o.kind = 'routed' AND o.agent_id = x.agent_id AND o.at <= x.at"
		"   AND o.at >= x.queued_at), x.queued_at), x.at)), 0) DIV 1000"
		" FROM (SELECT e.agent_id, e.request_id, e.at, COALESCE((SELECT MAX(c.at)"
		"   FROM request_event c WHERE c.request_id = e.request_id AND c.kind = 'created'"
		"   AND c.at <= e.at), r.created_at) AS queued_at"
		"  FROM request_event e JOIN help_request r ON r.id = e.request_id"
		"   AND r.client_id = e.client_id"
		"  WHERE e.client_id = ? AND e.kind = 'accepted' AND e.agent_id IS NOT NULL"
		"  AND e.at >= ? AND e.at < ?) x GROUP BY x.agent_id",
	[SQL_REPORT_AGENT_ROLLED] =
		"SELECT agent_id, COUNT(*) FROM request_event WHERE client_id = ? AND kind = 'rolled'"
		" AND at >= ? AND at < ? AND agent_id IS NOT NULL GROUP BY agent_id",
	/* Milliseconds per agent and state: each event starts a state that lasts
	 * to the agent's next event, clipped to [from, until) and to now. */
	[SQL_REPORT_AGENT_STATES] =
		"SELECT x.agent_id, x.state, COALESCE(SUM(GREATEST(0, TIMESTAMPDIFF(MICROSECOND,"
		"  GREATEST(x.at, CAST(? AS DATETIME(3))),"
		"  LEAST(COALESCE(x.next_at, NOW(3)), CAST(? AS DATETIME(3)), NOW(3))))), 0) DIV 1000"
		" FROM (SELECT e.agent_id, IF(e.kind = 'signout', 'offline', e.state) AS state, e.at,"
		"   LEAD(e.at) OVER (PARTITION BY e.agent_id ORDER BY e.at, e.id) AS next_at"
		"  FROM agent_event e WHERE e.client_id = ? AND e.at < ?) x"
		" WHERE x.state IS NOT NULL AND (x.next_at IS NULL OR x.next_at > ?)"
		" GROUP BY x.agent_id, x.state",
	/* Sessions with at least ? people (supervisors not counted). */
	[SQL_REPORT_ATTENDANCE_SESSIONS] =
		"SELECT ch.id, ch.name, DATE_FORMAT(ch.created_at, '%Y-%m-%d %H:%i:%s'),"
		" DATE_FORMAT(ch.closed_at, '%Y-%m-%d %H:%i:%s'),"
		" COUNT(DISTINCT p.kind, COALESCE(p.agent_id, p.visitor_id, p.id)),"
		" GREATEST(0, TIMESTAMPDIFF(MICROSECOND, ch.created_at, COALESCE(ch.closed_at, NOW(3))))"
		"  DIV 1000"
		" FROM channel ch JOIN participant p ON p.channel_id = ch.id AND p.kind <> 'supervisor'"
		" WHERE ch.client_id = ? AND ch.created_at >= ? AND ch.created_at < ?"
		" GROUP BY ch.id HAVING COUNT(DISTINCT p.kind, COALESCE(p.agent_id, p.visitor_id, p.id)) >= ?"
		" ORDER BY ch.created_at, ch.id LIMIT 1001",
	/* Each join to those sessions: when, until when, milliseconds present. */
	[SQL_REPORT_ATTENDANCE_PEOPLE] =
		"SELECT ch.id, ch.name, DATE_FORMAT(ch.created_at, '%Y-%m-%d %H:%i:%s'), p.display_name,"
		" p.kind, DATE_FORMAT(p.joined_at, '%Y-%m-%d %H:%i:%s'),"
		" DATE_FORMAT(LEAST(COALESCE(p.left_at, ch.closed_at), COALESCE(ch.closed_at, p.left_at)),"
		"  '%Y-%m-%d %H:%i:%s'),"
		" GREATEST(0, TIMESTAMPDIFF(MICROSECOND, p.joined_at,"
		"  LEAST(COALESCE(p.left_at, NOW(3)), COALESCE(ch.closed_at, NOW(3))))) DIV 1000"
		" FROM channel ch JOIN participant p ON p.channel_id = ch.id AND p.kind <> 'supervisor'"
		" WHERE ch.client_id = ? AND ch.created_at >= ? AND ch.created_at < ?"
		" AND (SELECT COUNT(DISTINCT q.kind, COALESCE(q.agent_id, q.visitor_id, q.id))"
		"  FROM participant q WHERE q.channel_id = ch.id AND q.kind <> 'supervisor') >= ?"
		" ORDER BY ch.created_at, ch.id, p.joined_at, p.id LIMIT 5001",

	/* Times are seconds after 14:00 UTC yesterday. */
	[SQL_DEMO_VISITOR] =
		"INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00'),"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00'))",
	[SQL_DEMO_REQUEST] =
		"INSERT INTO help_request (public_id, client_id, site_id, visitor_id, name, question,"
		" page_url, priority, state, accepted_agent_id, accepted_at, created_at, ended_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'closed', ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00'),"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_CHANNEL] =
		"INSERT INTO channel (public_id, client_id, request_id, name, state, last_seq, current_url,"
		" changed_at, created_at, closed_at) VALUES (?, ?, ?, ?, 'closed', ?, ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_PARTICIPANT] =
		"INSERT INTO participant (channel_id, kind, agent_id, visitor_id, display_name, token,"
		" avatar, joined_at, left_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_EVENT] =
		"INSERT INTO channel_event (channel_id, seq, kind, participant_id, body, at)"
		" VALUES (?, ?, ?, ?, ?, TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_REQUEST_EVENT] =
		"INSERT INTO request_event (request_id, client_id, kind, agent_id, at) VALUES (?, ?, ?, ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_HITS] =
		"INSERT INTO help_hit (site_id, day, hits) VALUES (?, UTC_DATE() - INTERVAL 1 DAY, 7)"
		" ON DUPLICATE KEY UPDATE hits = hits + 7",
};

const char *sql_text(enum sql_id id)
{
	return (id >= 0 && id < SQL__MAX) ? sql_texts[id] : NULL;
}
