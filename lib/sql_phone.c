/* sql_phone.c - SQL texts for the call centre: clients' phone lines and
 * calling hours, call-backs, calls and their events, agents' commands,
 * voice messages, "call us" codes, and the dialer's own status.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_phone[SQL__MAX] = {
	/* ---- phone lines (lib/phone_line.c) ---- */
	[SQL_PHONE_LINE_GET] =
		"SELECT c.name, pl.help_number, pl.caller_id, COALESCE(pl.country, 'GB'), pl.dial_countries,"
		" COALESCE(pl.time_zone, 'UTC'), COALESCE(pl.retry_tries, 3), COALESCE(pl.retry_minutes, 10),"
		" COALESCE(pl.ring_seconds, 30), COALESCE(pl.announce_seconds, 30),"
		" COALESCE(pl.message_seconds, 120), pl.greeting, COALESCE(pl.rate_cents, 0)"
		" FROM client c LEFT JOIN phone_line pl ON pl.client_id = c.id WHERE c.id = ?",
	[SQL_CALLING_HOURS_GET] =
		"SELECT weekday, TIME_TO_SEC(opens), TIME_TO_SEC(closes) FROM calling_hours"
		" WHERE client_id = ? ORDER BY weekday, opens",
	[SQL_PHONE_LINE_BY_NUMBER] = "SELECT client_id FROM phone_line WHERE help_number = ?",
	[SQL_PHONE_LINE_ENSURE] = "INSERT IGNORE INTO phone_line (client_id) VALUES (?)",
	[SQL_PHONE_LINE_SET_HELP_NUMBER] = "UPDATE phone_line SET help_number = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_CALLER_ID] = "UPDATE phone_line SET caller_id = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_COUNTRY] = "UPDATE phone_line SET country = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_DIAL_COUNTRIES] =
		"UPDATE phone_line SET dial_countries = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_TIME_ZONE] = "UPDATE phone_line SET time_zone = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_RETRY_TRIES] = "UPDATE phone_line SET retry_tries = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_RETRY_MINUTES] =
		"UPDATE phone_line SET retry_minutes = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_RING_SECONDS] = "UPDATE phone_line SET ring_seconds = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_ANNOUNCE_SECONDS] =
		"UPDATE phone_line SET announce_seconds = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_MESSAGE_SECONDS] =
		"UPDATE phone_line SET message_seconds = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_GREETING] = "UPDATE phone_line SET greeting = ? WHERE client_id = ?",
	[SQL_PHONE_LINE_SET_RATE_CENTS] = "UPDATE phone_line SET rate_cents = ? WHERE client_id = ?",
	[SQL_CALLING_HOURS_CLEAR] = "DELETE FROM calling_hours WHERE client_id = ?",
	[SQL_CALLING_HOURS_ADD] =
		"INSERT INTO calling_hours (client_id, weekday, opens, closes)"
		" VALUES (?, ?, SEC_TO_TIME(?), SEC_TO_TIME(?))",
	/* What a call-back shows and how long it rings. */
	[SQL_PHONE_LINE_DIAL] =
		"SELECT c.name, pl.caller_id, pl.help_number, COALESCE(pl.ring_seconds, 30)"
		" FROM client c LEFT JOIN phone_line pl ON pl.client_id = c.id WHERE c.id = ?",
	[SQL_CLIENT_FIRST_SITE] = "SELECT MIN(id) FROM site WHERE client_id = ?",

	/* ---- call-backs (lib/callback.c) ---- */
	[SQL_CALLBACK_INSERT] =
		"INSERT INTO help_request (public_id, client_id, site_id, visitor_id, medium, phone,"
		" preferred_at, contact, name, question, page_url, priority, state, deferred, created_at)"
		" VALUES (?, ?, ?, ?, 'callback', ?, ?, ?, ?, ?, ?, ?, 'waiting', 1, NOW(3))",
	[SQL_CALLBACK_OPEN_FOR_VISITOR] =
		"SELECT id, public_id FROM help_request WHERE client_id = ? AND visitor_id = ?"
		" AND state IN ('waiting', 'offered') ORDER BY id DESC LIMIT 1",
	/* A waiting request becomes a call-back: an offer out is withdrawn. */
	[SQL_CALLBACK_CONVERT] =
		"UPDATE help_request SET medium = 'callback', phone = ?, preferred_at = ?,"
		" contact = COALESCE(?, contact), deferred = 1, state = 'waiting', offered_agent_id = NULL,"
		" offered_at = NULL WHERE id = ? AND state IN ('waiting', 'offered')",
	[SQL_CALLBACK_STATUS] =
		"SELECT phone, deferred, COALESCE(UNIX_TIMESTAMP(preferred_at), 0),"
		" COALESCE(UNIX_TIMESTAMP(next_attempt_at), 0), attempts, client_id"
		" FROM help_request WHERE id = ? AND medium = 'callback'",
	[SQL_CALLBACK_TRIES_LOCK] =
		"SELECT r.attempts, COALESCE(pl.retry_tries, 3), COALESCE(pl.retry_minutes, 10), r.client_id"
		" FROM help_request r LEFT JOIN phone_line pl ON pl.client_id = r.client_id"
		" WHERE r.id = ? FOR UPDATE",
	[SQL_CALLBACK_RETRY] =
		"UPDATE help_request SET state = 'waiting', deferred = 1, attempts = attempts + 1,"
		" next_attempt_at = FROM_UNIXTIME(?), offered_agent_id = NULL, offered_at = NULL,"
		" accepted_agent_id = NULL, accepted_at = NULL, channel_id = NULL WHERE id = ?",
	[SQL_CALLBACK_UNREACHABLE] =
		"UPDATE help_request SET state = 'unreachable', attempts = attempts + 1,"
		" ended_at = NOW(3), offered_agent_id = NULL WHERE id = ?",
	/* The agent's phone never joined: back to the list, no try counted. */
	[SQL_CALLBACK_BACK_TO_LIST] =
		"UPDATE help_request SET state = 'waiting', deferred = 0, offered_agent_id = NULL,"
		" offered_at = NULL, accepted_agent_id = NULL, accepted_at = NULL, channel_id = NULL"
		" WHERE id = ? AND state = 'accepted'",
	/* Every waiting call-back, by client, for the dialer's pass. */
	[SQL_CALLBACKS_WAITING] =
		"SELECT id, client_id, deferred, COALESCE(UNIX_TIMESTAMP(preferred_at), 0),"
		" COALESCE(UNIX_TIMESTAMP(next_attempt_at), 0) FROM help_request"
		" WHERE medium = 'callback' AND state = 'waiting' ORDER BY client_id, id LIMIT ?",
	[SQL_CALLBACK_SET_DEFERRED] =
		"UPDATE help_request SET deferred = ? WHERE id = ? AND state = 'waiting'",

	/* ---- calls (lib/phone_call.c, lib/dialer_store.c) ---- */
	/* An accepted call-back: its call, waiting for the agent's phone. */
	[SQL_PHONE_CALL_FOR_CALLBACK] =
		"INSERT INTO phone_call (public_id, client_id, request_id, channel_id, agent_id, visitor_id,"
		" direction, number, state, created_at)"
		" SELECT ?, r.client_id, r.id, ?, ?, r.visitor_id, 'outbound', r.phone, 'new', NOW(3)"
		" FROM help_request r WHERE r.id = ?",
	[SQL_PHONE_CALL_ACCEPTED] =
		"UPDATE phone_call SET channel_id = ?, agent_id = ? WHERE request_id = ? AND state <> 'ended'",
	[SQL_PHONE_CALL_OF_CHANNEL] =
		"SELECT id, public_id, direction, number, state, outcome, agent_id FROM phone_call"
		" WHERE channel_id = ? ORDER BY id DESC LIMIT 1",
	[SQL_PHONE_CALL_SET_KEY] =
		"UPDATE phone_call SET agent_key_hash = ?, agent_key_agent_id = ? WHERE id = ?"
		" AND state <> 'ended'",
	[SQL_CALL_COMMAND_INSERT] =
		"INSERT INTO call_command (call_id, agent_id, command, arg, created_at)"
		" VALUES (?, ?, ?, ?, NOW(3))",
	[SQL_PHONE_CALL_BY_KEY] =
		"SELECT id, client_id, request_id, channel_id, agent_key_agent_id, direction, number, state,"
		" public_id FROM phone_call WHERE agent_key_hash = ? AND state <> 'ended'",
	[SQL_PHONE_CALL_INSERT] =
		"INSERT INTO phone_call (public_id, client_id, request_id, channel_id, agent_id, direction,"
		" number, state, dialer, created_at, answered_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), IF(? IS NULL, NULL, NOW(3)))",
	[SQL_PHONE_CALL_SET_STATE] =
		"UPDATE phone_call SET state = ?, dialer = ? WHERE id = ? AND state <> 'ended'",
	[SQL_PHONE_CALL_ANSWERED] =
		"UPDATE phone_call SET state = ?, answered_at = NOW(3), outcome = 'answered' WHERE id = ?",
	[SQL_PHONE_CALL_CONNECTED] =
		"UPDATE phone_call SET state = 'talking', connected_at = COALESCE(connected_at, NOW(3)),"
		" agent_id = COALESCE(?, agent_id), channel_id = COALESCE(?, channel_id) WHERE id = ?",
	[SQL_PHONE_CALL_END] =
		"UPDATE phone_call SET state = 'ended', outcome = COALESCE(?, outcome, 'failed'),"
		" sip_status = COALESCE(?, sip_status), ended_at = NOW(3), agent_key_hash = NULL"
		" WHERE id = ? AND state <> 'ended'",
	[SQL_PHONE_CALL_SET_REQUEST] =
		"UPDATE phone_call SET request_id = COALESCE(?, request_id),"
		" visitor_id = COALESCE(?, visitor_id) WHERE id = ?",
	[SQL_CALL_EVENT_INSERT] =
		"INSERT INTO call_event (call_id, kind, detail, at) VALUES (?, ?, ?, NOW(3))",
	/* Accepted call-backs whose agent's phone never dialled in. */
	[SQL_PHONE_CALLS_AGENT_MISSING] =
		"SELECT id, request_id, channel_id, client_id FROM phone_call WHERE state = 'new'"
		" AND created_at < NOW(3) - INTERVAL ? SECOND",
	/* A dialer that starts again: its earlier run's calls are over. */
	[SQL_PHONE_CALLS_ORPHANED] =
		"UPDATE phone_call SET state = 'ended', outcome = COALESCE(outcome, 'failed'),"
		" ended_at = NOW(3), agent_key_hash = NULL WHERE dialer = ? AND state <> 'ended'",
	[SQL_PHONE_REQUESTS_ORPHANED] =
		"UPDATE help_request r JOIN phone_call pc ON pc.request_id = r.id"
		" SET r.state = 'cancelled', r.ended_at = NOW(3), r.offered_agent_id = NULL"
		" WHERE pc.dialer = ? AND pc.state = 'ended' AND r.medium = 'call'"
		" AND r.state IN ('waiting', 'offered')",
	[SQL_CALL_COMMANDS_PENDING] =
		"SELECT cc.id, cc.call_id, cc.command, cc.arg FROM call_command cc"
		" JOIN phone_call pc ON pc.id = cc.call_id WHERE cc.done_at IS NULL AND pc.dialer = ?"
		" ORDER BY cc.id LIMIT 100",
	[SQL_CALL_COMMAND_DONE] = "UPDATE call_command SET done_at = NOW(3) WHERE id = ?",
	/* Why an agent's phone left a call: a "back to the queue" not yet
	 * carried out (taken as done now), or another agent in the channel
	 * (a hand-over). */
	[SQL_CALL_AGENT_GONE] =
		"SELECT (SELECT COUNT(*) FROM call_command WHERE call_id = ? AND done_at IS NULL"
		"  AND command = 'requeue'),"
		" (SELECT COUNT(*) FROM participant p WHERE p.channel_id = ? AND p.kind = 'agent'"
		"  AND p.left_at IS NULL AND p.agent_id <> ?)",
	[SQL_DIALER_STATUS] =
		"INSERT INTO dialer_status (name, pid, started_at, last_pass_at, clock_offset_seconds, calls)"
		" VALUES (?, ?, NOW(3), NOW(3), ?, ?) ON DUPLICATE KEY UPDATE"
		" started_at = IF(pid = VALUES(pid), started_at, NOW(3)), pid = VALUES(pid),"
		" last_pass_at = NOW(3), clock_offset_seconds = VALUES(clock_offset_seconds),"
		" calls = VALUES(calls)",

	/* ---- the IVR's requests (lib/dialer_store.c) ---- */
	[SQL_PHONE_REQUEST_INSERT] =
		"INSERT INTO help_request (public_id, client_id, site_id, visitor_id, medium, phone, name,"
		" question, page_url, state, deferred, priority, created_at, ended_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), IF(?, NOW(3), NULL))",
	[SQL_PHONE_REQUEST_STATE] = "SELECT state, channel_id FROM help_request WHERE id = ?",
	[SQL_PHONE_REQUEST_REQUEUE] =
		"UPDATE help_request SET state = 'waiting', medium = 'call', deferred = 0,"
		" offered_agent_id = NULL, offered_at = NULL, accepted_agent_id = NULL, accepted_at = NULL,"
		" channel_id = NULL WHERE id = ?",
	[SQL_PHONE_REQUEST_TO_CALLBACK] =
		"UPDATE help_request SET medium = 'callback', phone = ?, deferred = 1, offered_agent_id = NULL,"
		" offered_at = NULL, state = 'waiting' WHERE id = ? AND state IN ('waiting', 'offered')",
	[SQL_VOICE_MESSAGE_INSERT] =
		"INSERT INTO voice_message (public_id, client_id, call_id, request_id, seconds, audio,"
		" created_at) VALUES (?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_VOICE_MESSAGE_GET] =
		"SELECT vm.audio, vm.client_id FROM voice_message vm WHERE vm.public_id = ?",
	/* Numbers given in earlier requests: the caller's latest visitor. */
	[SQL_VISITOR_BY_PHONE] =
		"SELECT visitor_id FROM help_request WHERE client_id = ? AND phone = ?"
		" ORDER BY id DESC LIMIT 1",

	/* ---- "call us" codes ---- */
	[SQL_CALL_CODE_INSERT] =
		"INSERT INTO call_code (client_id, code, visitor_id, site_id, page_url, created_at, expires_at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3), NOW(3) + INTERVAL 30 MINUTE)",
	[SQL_CALL_CODE_LIVE_FOR_VISITOR] =
		"SELECT code FROM call_code WHERE client_id = ? AND visitor_id = ? AND used_at IS NULL"
		" AND expires_at > NOW(3) + INTERVAL 5 MINUTE ORDER BY created_at DESC LIMIT 1",
	[SQL_CALL_CODE_SET_PAGE] =
		"UPDATE call_code SET page_url = ? WHERE client_id = ? AND code = ?",
	[SQL_CALL_CODE_FIND] =
		"SELECT visitor_id, site_id, page_url FROM call_code WHERE client_id = ? AND code = ?"
		" AND expires_at > NOW(3)",
	[SQL_CALL_CODE_USED] =
		"UPDATE call_code SET used_at = NOW(3) WHERE client_id = ? AND code = ?",
	[SQL_CALL_CODE_OF_VISITOR] =
		"SELECT site_id, page_url FROM call_code WHERE client_id = ? AND visitor_id = ?"
		" AND used_at IS NULL AND expires_at > NOW(3) ORDER BY created_at DESC LIMIT 1",
	[SQL_CALL_CODES_EXPIRED] = "DELETE FROM call_code WHERE expires_at < NOW(3) - INTERVAL 1 DAY",

	/* ---- the calls report (lib/report_calls.c): client, from, until ---- */
	[SQL_REPORT_CALLS_DAYS] =
		"SELECT DATE_FORMAT(created_at, '%Y-%m-%d'),"
		" SUM(direction = 'outbound' AND outcome IN ('answered', 'busy', 'no_answer', 'failed')),"
		" SUM(direction = 'outbound' AND outcome = 'answered'),"
		" SUM(direction = 'inbound'), SUM(direction = 'inbound' AND connected_at IS NOT NULL),"
		" SUM(outcome = 'abandoned'), SUM(outcome = 'message'),"
		" COALESCE(SUM(TIMESTAMPDIFF(MICROSECOND, connected_at, COALESCE(ended_at, NOW(3)))), 0)"
		"  DIV 1000"
		" FROM phone_call WHERE client_id = ? AND created_at >= ? AND created_at < ?"
		" GROUP BY 1 ORDER BY 1",
	[SQL_REPORT_CALLS_OUTCOMES] =
		"SELECT direction, outcome, COUNT(*) FROM phone_call"
		" WHERE client_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1, 2",
	[SQL_REPORT_CALLS_TIMES] =
		"SELECT direction, COUNT(*),"
		" COALESCE(AVG(TIMESTAMPDIFF(MICROSECOND, IF(direction = 'inbound', answered_at, created_at), connected_at)), 0)"
		"  DIV 1000,"
		" COALESCE(MAX(TIMESTAMPDIFF(MICROSECOND, IF(direction = 'inbound', answered_at, created_at), connected_at)), 0)"
		"  DIV 1000,"
		" COALESCE(AVG(TIMESTAMPDIFF(MICROSECOND, connected_at, COALESCE(ended_at, NOW(3)))), 0) DIV 1000,"
		" COALESCE(MAX(TIMESTAMPDIFF(MICROSECOND, connected_at, COALESCE(ended_at, NOW(3)))), 0) DIV 1000"
		" FROM phone_call WHERE client_id = ? AND created_at >= ? AND created_at < ?"
		" AND connected_at IS NOT NULL GROUP BY 1",

	/* ---- phone calls on statements (cgi-bin/statement.c) ---- */
	/* Calls whose talk began in [start, end): when, the number, which way,
	 * talk start and end (ms). */
	[SQL_BILLING_PHONE_CALLS] =
		"SELECT DATE_FORMAT(connected_at, '%Y-%m-%d %H:%i:%s'), number, direction,"
		" CAST(UNIX_TIMESTAMP(connected_at) * 1000 AS SIGNED),"
		" CAST(UNIX_TIMESTAMP(ended_at) * 1000 AS SIGNED)"
		" FROM phone_call WHERE client_id = ? AND connected_at >= ? AND connected_at < ?"
		" ORDER BY connected_at, id",

	/* ---- desk phones (lib/agent_phone.c, the dialer) ---- */
	[SQL_AGENT_PHONE_SET] =
		"INSERT INTO agent_phone (agent_id, sip_user, ha1, use_desk, created_at)"
		" VALUES (?, ?, ?, 1, NOW(3)) ON DUPLICATE KEY UPDATE sip_user = VALUES(sip_user),"
		" ha1 = VALUES(ha1), use_desk = 1",
	[SQL_AGENT_PHONE_REMOVE] = "DELETE FROM agent_phone WHERE agent_id = ?",
	[SQL_AGENT_PHONE_HA1] =
		"SELECT ap.ha1 FROM agent_phone ap JOIN agent a ON a.id = ap.agent_id"
		" WHERE ap.sip_user = ? AND a.disabled = 0",
	[SQL_AGENT_PHONE_IN_USE] =
		"SELECT sip_user FROM agent_phone WHERE agent_id = ? AND use_desk = 1",
	/* Calls an agent with a desk phone is to join: a call-back just
	 * accepted, or a caller this dialer holds whose request was accepted. */
	[SQL_DESK_CALLS] =
		"SELECT pc.id, pc.client_id, pc.request_id, pc.channel_id, pc.agent_id, pc.direction,"
		" pc.number, pc.state, pc.public_id, ap.sip_user"
		" FROM phone_call pc JOIN agent_phone ap ON ap.agent_id = pc.agent_id AND ap.use_desk = 1"
		" WHERE pc.state = 'new' OR (pc.direction = 'inbound' AND pc.state = 'queued'"
		"  AND pc.channel_id IS NOT NULL AND pc.dialer = ?)",
	/* A caller sent back to the queue is nobody's until accepted again. */
	[SQL_PHONE_CALL_CLEAR_CHANNEL] = "UPDATE phone_call SET channel_id = NULL WHERE id = ?",
	/* After a hand-over the call is the channel's agent's now. */
	[SQL_PHONE_CALL_TO_CHANNEL_AGENT] =
		"UPDATE phone_call pc SET agent_id = COALESCE((SELECT p.agent_id FROM participant p"
		" WHERE p.channel_id = pc.channel_id AND p.kind = 'agent' AND p.left_at IS NULL"
		" ORDER BY p.id DESC LIMIT 1), agent_id) WHERE id = ?",

	/* ---- the supervisor's desk (lib/supervise.c) ---- */
	/* The call-back list in the order it is worked: due ones first. */
	[SQL_SUPERVISE_CALLBACKS] =
		"SELECT public_id, name, phone, state, deferred = 0, attempts,"
		" DATE_FORMAT(preferred_at, '%Y-%m-%dT%H:%i:%sZ'),"
		" DATE_FORMAT(next_attempt_at, '%Y-%m-%dT%H:%i:%sZ'),"
		" TIMESTAMPDIFF(SECOND, created_at, NOW(3)) FROM help_request"
		" WHERE client_id = ? AND medium = 'callback' AND state IN ('waiting', 'offered')"
		" ORDER BY deferred, priority DESC, COALESCE(preferred_at, '9999-12-31'), id LIMIT 100",
	[SQL_SUPERVISE_CALLS] =
		"SELECT pc.public_id, pc.direction, pc.number, pc.state, a.display_name,"
		" TIMESTAMPDIFF(SECOND, pc.created_at, NOW(3)),"
		" TIMESTAMPDIFF(SECOND, pc.connected_at, NOW(3)), ch.public_id"
		" FROM phone_call pc LEFT JOIN agent a ON a.id = pc.agent_id"
		" LEFT JOIN channel ch ON ch.id = pc.channel_id AND ch.state = 'open'"
		" WHERE pc.client_id = ? AND pc.state <> 'ended' ORDER BY pc.id LIMIT 100",
};
