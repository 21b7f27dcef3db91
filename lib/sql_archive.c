/* sql_archive.c - SQL texts for the archive: search, staff transcript, replay.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_archive[SQL__MAX] = {
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
		" last_error = NULL, mail_message_id = NULL",
	[SQL_MAIL_OUTBOX_FOR_PARTICIPANT] =
		"SELECT o.address, COALESCE(m.state = 'sent', 0), COALESCE(m.state, '') FROM mail_outbox o"
		" LEFT JOIN mail_message m ON m.id = o.mail_message_id WHERE o.channel_id = ?"
		" AND o.participant_id = ? AND o.kind = 'transcript'",
};
