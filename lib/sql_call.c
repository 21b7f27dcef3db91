/* sql_call.c - SQL texts for calls between a channel's participants and
 * their signalling. Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_call[SQL__MAX] = {
	/* Every change to a channel's calls starts here: one at a time per
	 * channel, so two people calling at once make one call. */
	[SQL_CALL_LOCK_CHANNEL] =
		"SELECT c.id, cl.supervisors_listen AND cl.tell_visitors_monitored"
		" FROM channel c JOIN client cl ON cl.id = c.client_id"
		" WHERE c.id = ? AND c.state = 'open' FOR UPDATE",
	[SQL_CALL_ACTIVE] =
		"SELECT id, media, state, started_by FROM media_call WHERE channel_id = ?"
		" AND state <> 'ended' ORDER BY id DESC LIMIT 1",
	/* Members in the order they joined; those still ringing last. */
	[SQL_CALL_MEMBERS] =
		"SELECT m.participant_id, m.state, m.media, m.muted, m.camera_off, p.display_name, p.kind,"
		" p.avatar FROM media_call_member m JOIN participant p ON p.id = m.participant_id"
		" WHERE m.call_id = ? ORDER BY m.joined_at IS NULL, m.joined_at, m.participant_id",
	[SQL_CALL_INSERT] =
		"INSERT INTO media_call (channel_id, client_id, started_by, media, state, started_at)"
		" VALUES (?, ?, ?, ?, 'ringing', NOW(3))",
	[SQL_CALL_MEMBER_INVITE] =
		"INSERT IGNORE INTO media_call_member (call_id, participant_id, state) VALUES (?, ?, 'invited')",
	[SQL_CALL_MEMBER_JOIN] =
		"INSERT INTO media_call_member (call_id, participant_id, state, media, joined_at)"
		" VALUES (?, ?, 'joined', ?, NOW(3)) ON DUPLICATE KEY UPDATE state = 'joined',"
		" media = VALUES(media), joined_at = NOW(3), left_at = NULL, muted = 0, camera_off = 0",
	[SQL_CALL_MEMBER_SET_STATE] =
		"UPDATE media_call_member SET state = ?, left_at = IF(? = 'left', NOW(3), left_at)"
		" WHERE call_id = ? AND participant_id = ?",
	[SQL_CALL_MEMBER_FLAGS] =
		"UPDATE media_call_member SET muted = ?, camera_off = ? WHERE call_id = ?"
		" AND participant_id = ? AND state = 'joined'",
	[SQL_CALL_CONNECT] =
		"UPDATE media_call SET state = 'connected', connected_at = NOW(3) WHERE id = ?"
		" AND state = 'ringing'",
	[SQL_CALL_END] =
		"UPDATE media_call SET state = 'ended', ended_at = NOW(3) WHERE id = ? AND state <> 'ended'",
	[SQL_CALL_MEMBERS_LEAVE_ALL] =
		"UPDATE media_call_member SET state = IF(state = 'joined', 'left', state),"
		" left_at = IF(state = 'joined', NOW(3), left_at) WHERE call_id = ?",
	/* Signalling carries network addresses: once a call is over, only the
	 * fact that it was sent stays in the archive. */
	[SQL_CALL_FORGET_SIGNALS] =
		"UPDATE channel_event SET body = NULL WHERE channel_id = ? AND seq <= ? AND kind = 'rtc'"
		" AND body IS NOT NULL",
	/* Whether a participant (present in the channel) is in a channel's
	 * call that is not over, and as what. */
	[SQL_CALL_MEMBER_OF] =
		"SELECT m.state, p.kind FROM media_call c JOIN media_call_member m ON m.call_id = c.id"
		" JOIN participant p ON p.id = m.participant_id WHERE c.id = ? AND c.channel_id = ?"
		" AND c.state <> 'ended' AND m.participant_id = ? AND p.left_at IS NULL",
	/* Supervisors listen only where visitors are told of monitoring. */
	[SQL_CALL_LISTEN_ALLOWED] =
		"SELECT supervisors_listen AND tell_visitors_monitored FROM client WHERE id = ?",
	[SQL_CLIENT_SET_SUPERVISORS_LISTEN] = "UPDATE client SET supervisors_listen = ? WHERE id = ?",
	[SQL_CLIENT_SET_CALL_RATE] = "UPDATE client SET call_rate_cents = ? WHERE id = ?",
	/* The calls of the sessions created in [start, end) that connected: the
	 * session, when it connected and when it ended (or its channel closed;
	 * NULL: still going on), in milliseconds since 1970 (lib/billing.c). */
	[SQL_BILLING_CALLS] =
		"SELECT c.channel_id, DATE_FORMAT(c.connected_at, '%Y-%m-%d %H:%i:%s'), ch.name,"
		" CAST(UNIX_TIMESTAMP(c.connected_at) * 1000 AS SIGNED),"
		" CAST(UNIX_TIMESTAMP(COALESCE(c.ended_at, ch.closed_at)) * 1000 AS SIGNED)"
		" FROM media_call c JOIN channel ch ON ch.id = c.channel_id"
		" WHERE ch.client_id = ? AND ch.created_at >= ? AND ch.created_at < ?"
		" AND c.connected_at IS NOT NULL ORDER BY c.connected_at, c.id",
	/* The usage report's calls: per day they connected, how many and their
	 * milliseconds (to their end, the channel's close, or now). */
	[SQL_REPORT_USAGE_CALLS] =
		"SELECT DATE_FORMAT(c.connected_at, '%Y-%m-%d'), COUNT(*),"
		" COALESCE(SUM(GREATEST(0, TIMESTAMPDIFF(MICROSECOND, c.connected_at,"
		"  COALESCE(c.ended_at, ch.closed_at, NOW(3))))), 0) DIV 1000"
		" FROM media_call c JOIN channel ch ON ch.id = c.channel_id"
		" WHERE c.client_id = ? AND c.connected_at >= ? AND c.connected_at < ?"
		" GROUP BY 1 ORDER BY 1",
};
