/* sql_staff.c - SQL texts for sign-in, staff sessions and agent state.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"
#include "sql_session.h"

/* An account's reseller (the accounts of a reseller's own staff) is
 * suspended or removed: the password step and the code step of signing in
 * both refuse it, as staff_session_valid (schema 281) does for sessions. */
#define RESELLER_STOPPED(a) "EXISTS (SELECT 1 FROM reseller r WHERE r.id = " a ".reseller_id" \
	" AND (r.suspended_at IS NOT NULL OR r.removed_at IS NOT NULL))"
/* Agent a's desk is stopped: their client k suspended, or the reseller. */
#define DESK_STOPPED(a, k) k ".suspended_at IS NOT NULL OR " RESELLER_STOPPED(a)

const char *const sql_texts_staff[SQL__MAX] = {
	[SQL_AGENT_FOR_SIGNIN] =
		"SELECT a.id, a.password_hash, a.disabled, a.client_id, a.role,"
		" " DESK_STOPPED("a", "c") ","
		" a.totp_enabled_at IS NOT NULL FROM agent a JOIN client c ON c.id = a.client_id"
		" WHERE a.email = ?",
	[SQL_SIGNIN_RECORD] =
		"INSERT INTO signin_attempt (email, agent_id, ip, user_agent, outcome, at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3))",
	/* Failures for the account from one address since the account's last
	 * success from there, within the last day, and seconds since the
	 * newest of them. */
	[SQL_SIGNIN_FAILURES_BY_PAIR] =
		"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(f.at), NOW(3)), 0)"
		" FROM signin_attempt f WHERE f.email = ? AND f.ip = ?"
		" AND f.outcome IN ('bad_password', 'unknown', 'bad_code') AND f.at > NOW(3) - INTERVAL 1 DAY"
		" AND f.at > COALESCE((SELECT MAX(s.at) FROM signin_attempt s"
		"  WHERE s.email = f.email AND s.ip = f.ip AND s.outcome = 'ok'), '1970-01-01')",
	/* Whether the account signed in from this address in the last 90 days. */
	[SQL_SIGNIN_KNOWN_ADDRESS] =
		"SELECT COUNT(*) FROM signin_attempt WHERE email = ? AND ip = ? AND outcome = 'ok'"
		" AND at > NOW(3) - INTERVAL 90 DAY",
	/* Failures for the account from every address since its last success
	 * within the last day, and seconds since the newest of them. */
	[SQL_SIGNIN_FAILURES_BY_EMAIL] =
		"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(f.at), NOW(3)), 0)"
		" FROM signin_attempt f WHERE f.email = ? AND f.outcome IN ('bad_password', 'unknown', 'bad_code')"
		" AND f.at > NOW(3) - INTERVAL 1 DAY"
		" AND f.at > COALESCE((SELECT MAX(s.at) FROM signin_attempt s"
		"  WHERE s.email = f.email AND s.outcome = 'ok'), '1970-01-01')",
	[SQL_SIGNIN_FAILURES_BY_IP] =
		"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), NOW(3)), 0)"
		" FROM signin_attempt WHERE ip = ? AND outcome IN ('bad_password', 'unknown', 'bad_code')"
		" AND at > NOW(3) - INTERVAL 1 HOUR",
	[SQL_AGENT_SIGNED_IN] =
		"UPDATE agent SET last_signin_at = NOW(3), last_signin_ip = ? WHERE id = ?",

	[SQL_SESSION_INSERT] =
		"INSERT INTO staff_session (token_hash, agent_id, csrf_token, ip, user_agent,"
		" created_at, last_seen_at, idle_until, expires_at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3), NOW(3), NOW(3) + INTERVAL ? SECOND,"
		" NOW(3) + INTERVAL ? SECOND)",
	/* Which sessions count, and when the stamp is due: the view
	 * staff_session_valid (schema 281), which line_post reads too. */
	[SQL_SESSION_BY_TOKEN] =
		"SELECT v.id, v.agent_id, v.csrf_token, v.client_id, a.email, a.display_name, a.role,"
		" a.state, TIMESTAMPDIFF(SECOND, a.state_since, NOW(3)), c.name, a.max_sessions,"
		" v.stamp_due, a.reseller_id,"
		" a.sound_offer, a.sound_line, a.sound_supervisor, a.desktop_offer, a.desktop_line,"
		" a.desktop_supervisor"
		" FROM staff_session_valid v JOIN agent a ON a.id = v.agent_id"
		" JOIN client c ON c.id = v.client_id WHERE v.token_hash = ?",
	/* At most once a minute (the procedure staff_session_touch, schema 281,
	 * which line_post calls too): every post and poll would otherwise be a
	 * durable write (and the agent's requests would queue on this one row).
	 * Sent only when the lookup above says the stamp is due, so most
	 * requests send nothing. */
	[SQL_SESSION_TOUCH] = "CALL staff_session_touch(?, ?)",
	/* The poll program's, per host and not per poll (schema 282): the
	 * stamp of the sessions whose re-polls it held from memory, and which
	 * of the sessions it holds no longer count. Both take a JSON array of
	 * session ids: one prepared statement whatever the batch's size. */
	[SQL_SESSIONS_TOUCH] = "CALL staff_sessions_touch(?, ?)",
	[SQL_SESSIONS_ENDED] =
		"SELECT j.sid FROM JSON_TABLE(?, '$[*]' COLUMNS (sid BIGINT UNSIGNED PATH '$')) j"
		" WHERE NOT EXISTS (SELECT 1 FROM staff_session_valid v WHERE v.id = j.sid)",
	[SQL_SESSION_END] =
		"UPDATE staff_session SET ended_at = NOW(3) WHERE id = ? AND ended_at IS NULL",
	[SQL_SESSION_OTHERS_LIVE] =
		"SELECT COUNT(*) FROM staff_session_valid WHERE agent_id = ? AND id <> ?",

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
		"  WHERE s.agent_id = a.id AND " SESSION_LIVE("s") ")"
		" LIMIT 500",
	[SQL_AGENT_SET_OFFLINE_AT] =
		"UPDATE agent SET state = 'offline', state_since = ? WHERE id = ? AND state <> 'offline'",
	[SQL_AGENT_EVENT_INSERT_AT] =
		"INSERT INTO agent_event (agent_id, client_id, kind, state, ip, at)"
		" VALUES (?, ?, ?, ?, NULL, ?)",

	/* Two-factor sign-in (lib/two_factor.c). */
	[SQL_TOTP_STATE] =
		"SELECT totp_secret, totp_enabled_at IS NOT NULL, totp_last_step FROM agent WHERE id = ?",
	[SQL_TOTP_SET_SECRET] =
		"UPDATE agent SET totp_secret = ?, totp_last_step = 0 WHERE id = ? AND totp_enabled_at IS NULL",
	[SQL_TOTP_ENABLE] =
		"UPDATE agent SET totp_enabled_at = NOW(3), totp_last_step = ? WHERE id = ?"
		" AND totp_enabled_at IS NULL AND totp_secret IS NOT NULL",
	[SQL_TOTP_DISABLE] =
		"UPDATE agent SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = 0 WHERE id = ?",
	/* A step is used once: the update happens only for a newer one. */
	[SQL_TOTP_USE_STEP] =
		"UPDATE agent SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
	[SQL_RECOVERY_CLEAR] = "DELETE FROM recovery_code WHERE agent_id = ?",
	[SQL_RECOVERY_INSERT] = "INSERT INTO recovery_code (agent_id, code_hash) VALUES (?, ?)",
	[SQL_RECOVERY_USE] =
		"UPDATE recovery_code SET used_at = NOW(3) WHERE agent_id = ? AND code_hash = ?"
		" AND used_at IS NULL",
	[SQL_CHALLENGE_INSERT] =
		"INSERT INTO signin_challenge (token_hash, agent_id, state, created_at, expires_at)"
		" VALUES (?, ?, ?, NOW(3), NOW(3) + INTERVAL ? SECOND)",
	[SQL_CHALLENGE_FIND] =
		"SELECT c.id, c.agent_id, c.state, c.attempts, a.email, a.client_id, a.totp_secret,"
		" a.totp_last_step, a.role, a.disabled,"
		" " DESK_STOPPED("a", "k")
		" FROM signin_challenge c JOIN agent a ON a.id = c.agent_id"
		" JOIN client k ON k.id = a.client_id"
		" WHERE c.token_hash = ? AND c.expires_at > NOW(3) AND a.totp_enabled_at IS NOT NULL",
	[SQL_CHALLENGE_ATTEMPT] = "UPDATE signin_challenge SET attempts = attempts + 1 WHERE id = ?",
	[SQL_CHALLENGE_DELETE] = "DELETE FROM signin_challenge WHERE id = ?",
	[SQL_CHALLENGE_SWEEP] = "DELETE FROM signin_challenge WHERE expires_at < NOW(3) LIMIT 100",
};
