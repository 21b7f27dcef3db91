/* sql_mail.c - SQL texts for e-mail: the outgoing queue and its sender,
 * incoming mail, message threads, appointments' mail, alerts and digests.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_mail[SQL__MAX] = {
	[SQL_MAIL_INSERT] =
		"INSERT INTO mail_message (client_id, kind, request_id, recipient, envelope_from,"
		" message_id, subject, content, next_attempt_at, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW(3), NOW(3))",
	/* One UPDATE claims a batch: a second sender running the same statement
	 * waits for these rows' locks, then finds them no longer due. A claim
	 * whose sender died (claimed_until passed, real time) is taken again.
	 * The clock offset (tests) applies to what is due, never to claims. */
	[SQL_MAIL_CLAIM] =
		"UPDATE mail_message SET state = 'sending', claim_token = ?,"
		" claimed_until = NOW(3) + INTERVAL ? SECOND, attempts = attempts + 1"
		" WHERE (state = 'queued' AND next_attempt_at <= NOW(3) + INTERVAL ? SECOND)"
		" OR (state = 'sending' AND claimed_until < NOW(3))"
		" ORDER BY next_attempt_at, id LIMIT ?",
	[SQL_MAIL_CLAIMED] =
		"SELECT id, recipient, envelope_from, content, attempts,"
		" TIMESTAMPDIFF(SECOND, created_at, NOW(3) + INTERVAL ? SECOND), kind"
		" FROM mail_message WHERE claim_token = ? ORDER BY id",
	[SQL_MAIL_SENT] =
		"UPDATE mail_message SET state = 'sent', sent_at = NOW(3), claim_token = NULL,"
		" claimed_until = NULL, last_error = NULL WHERE id = ? AND claim_token = ?",
	[SQL_MAIL_RETRY] =
		"UPDATE mail_message SET state = 'queued', next_attempt_at = NOW(3) + INTERVAL ? SECOND,"
		" last_error = LEFT(?, 500), claim_token = NULL, claimed_until = NULL"
		" WHERE id = ? AND claim_token = ?",
	[SQL_MAIL_GIVE_UP] =
		"UPDATE mail_message SET state = ?, failed_at = NOW(3), last_error = LEFT(?, 500),"
		" claim_token = NULL, claimed_until = NULL WHERE id = ? AND claim_token = ?",
	[SQL_MAIL_BAD_ADDRESS_PUT] =
		"INSERT INTO mail_bad_address (address, reason, mail_message_id, at)"
		" VALUES (?, LEFT(?, 500), ?, NOW(3)) ON DUPLICATE KEY UPDATE reason = VALUES(reason),"
		" mail_message_id = VALUES(mail_message_id), at = NOW(3)",
	/* A bounce address carries the random part of the Message-ID. */
	[SQL_MAIL_BY_TOKEN] =
		"SELECT id, recipient, request_id FROM mail_message WHERE message_id LIKE CONCAT(?, '@%')",
	[SQL_MAIL_BOUNCED] =
		"UPDATE mail_message SET state = 'bounced', failed_at = NOW(3), last_error = LEFT(?, 500)"
		" WHERE id = ?",

	/* Transcripts asked for by e-mail, once the visitor has left. */
	[SQL_TRANSCRIPT_DUE] =
		"SELECT o.id FROM mail_outbox o JOIN channel ch ON ch.id = o.channel_id"
		" JOIN participant p ON p.id = o.participant_id"
		" WHERE o.mail_message_id IS NULL AND o.kind = 'transcript'"
		" AND (ch.state = 'closed' OR p.left_at IS NOT NULL) ORDER BY o.id LIMIT ?",
	[SQL_TRANSCRIPT_LOCK] =
		"SELECT o.id, o.client_id, o.channel_id, o.address, ch.name, c.name,"
		" (SELECT COALESCE(p.lang, r.lang) FROM participant p"
		"  LEFT JOIN help_request r ON r.id = ch.request_id"
		"  WHERE p.channel_id = ch.id AND p.kind = 'visitor' ORDER BY p.id LIMIT 1)"
		" FROM mail_outbox o"
		" JOIN channel ch ON ch.id = o.channel_id JOIN client c ON c.id = o.client_id"
		" WHERE o.id = ? AND o.mail_message_id IS NULL FOR UPDATE",
	[SQL_TRANSCRIPT_QUEUED] =
		"UPDATE mail_outbox SET mail_message_id = ?, attempts = attempts + 1 WHERE id = ?",
	/* 0: no message will be sent; last_error says why. */
	[SQL_TRANSCRIPT_UNSENDABLE] =
		"UPDATE mail_outbox SET mail_message_id = 0, attempts = attempts + 1,"
		" last_error = 'the address cannot be used for mail' WHERE id = ?",
	[SQL_MAIL_BAD_ADDRESS_GET] = "SELECT reason FROM mail_bad_address WHERE address = ?",
	[SQL_MAIL_BAD_ADDRESS_CLEAR] = "DELETE FROM mail_bad_address WHERE address = ?",
	/* An acknowledgement to this address in the last hour: no second one. */
	[SQL_MAIL_ACK_RECENT] =
		"SELECT COUNT(*) FROM mail_message WHERE recipient = ? AND kind = 'acknowledgement'"
		" AND created_at > NOW(3) - INTERVAL 1 HOUR",

	/* Incoming mail: where it belongs. */
	[SQL_SITE_BY_HELP_ADDRESS] =
		"SELECT s.id, s.client_id, c.name FROM site s JOIN client c ON c.id = s.client_id"
		" WHERE s.help_address = ?",
	/* The sender's request by e-mail still waiting, or their open thread. */
	[SQL_MAIL_REQUEST_OPEN_FOR_SENDER] =
		"SELECT id FROM help_request WHERE client_id = ? AND contact = ? AND via = 'email'"
		" AND (state IN ('waiting', 'offered') OR thread_state = 'open') ORDER BY id DESC LIMIT 1",
	[SQL_THREAD_BY_REPLY_TOKEN] =
		"SELECT id, client_id FROM help_request WHERE reply_token = ?",
	/* Only mail about a conversation by e-mail: a reply to a transcript,
	 * a confirmation or a call-back's news starts its own request. */
	[SQL_THREAD_BY_MESSAGE_ID] =
		"SELECT m.request_id, m.client_id FROM mail_message m"
		" JOIN help_request r ON r.id = m.request_id"
		" WHERE m.message_id = ? AND (r.thread_state IS NOT NULL OR r.via = 'email')",
	[SQL_VISITOR_BY_EMAIL] =
		"SELECT visitor_id FROM visitor_email WHERE client_id = ? AND address = ?",
	[SQL_VISITOR_EMAIL_INSERT] =
		"INSERT INTO visitor_email (client_id, address, visitor_id) VALUES (?, ?, ?)",
	[SQL_MAIL_REQUEST_INSERT] =
		"INSERT INTO help_request (public_id, client_id, site_id, visitor_id, name, question,"
		" contact, priority, state, via, reply_token, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', 'email', ?, NOW(3))",
	[SQL_HELP_MESSAGE_INSERT] =
		"INSERT INTO help_message (request_id, client_id, direction, agent_id, address, subject,"
		" body, rfc_message_id, mail_message_id, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_HELP_ATTACHMENT_INSERT] =
		"INSERT INTO help_attachment (help_message_id, filename, content_type, size, content)"
		" VALUES (?, ?, ?, ?, ?)",

	/* Threads. */
	[SQL_THREAD_LOCK] =
		"SELECT id, client_id, state, thread_state, via, assigned_agent_id, contact, name,"
		" reply_token, public_id, lang FROM help_request WHERE id = ? FOR UPDATE",
	[SQL_THREAD_BY_PUBLIC] =
		"SELECT r.id, c.name FROM help_request r JOIN client c ON c.id = r.client_id"
		" WHERE r.public_id = ? AND r.client_id = ?",
	[SQL_THREAD_START] =
		"UPDATE help_request SET thread_state = 'open', reply_token = ?,"
		" last_message_at = NOW(3), awaiting_answer = 1 WHERE id = ?",
	[SQL_THREAD_REOPEN] =
		"UPDATE help_request SET thread_state = 'open' WHERE id = ? AND thread_state = 'done'",
	[SQL_THREAD_MESSAGE_IN] =
		"UPDATE help_request SET last_message_at = NOW(3), awaiting_answer = 1 WHERE id = ?",
	/* Answering a thread nobody owns makes it the answerer's. */
	[SQL_THREAD_MESSAGE_OUT] =
		"UPDATE help_request SET last_message_at = NOW(3), awaiting_answer = 0,"
		" assigned_agent_id = COALESCE(assigned_agent_id, ?) WHERE id = ?",
	[SQL_THREAD_SET_TOKEN] =
		"UPDATE help_request SET reply_token = ? WHERE id = ? AND reply_token IS NULL",
	[SQL_THREAD_SET_OWNER] = "UPDATE help_request SET assigned_agent_id = ? WHERE id = ?",
	[SQL_THREAD_SET_STATE] =
		"UPDATE help_request SET thread_state = ? WHERE id = ? AND thread_state <> ?",
	/* As channel_accept: an offer to this agent, or a request still waiting. */
	[SQL_THREAD_ACCEPT] =
		"UPDATE help_request SET state = 'accepted', accepted_agent_id = ?, accepted_at = NOW(3),"
		" offered_agent_id = NULL, thread_state = 'open', assigned_agent_id = ?,"
		" last_message_at = COALESCE(last_message_at, NOW(3)), awaiting_answer = 1"
		" WHERE id = ? AND (state = 'waiting' OR (state = 'offered' AND offered_agent_id = ?))",
	[SQL_THREAD_LAST_IN] =
		"SELECT rfc_message_id, subject FROM help_message WHERE request_id = ? AND direction = 'in'"
		" ORDER BY id DESC LIMIT 1",
	[SQL_THREAD_REFERENCES] =
		"SELECT COALESCE(m.rfc_message_id, mm.message_id) FROM help_message m"
		" LEFT JOIN mail_message mm ON mm.id = m.mail_message_id WHERE m.request_id = ?"
		" ORDER BY m.id DESC LIMIT 10",
	[SQL_THREAD_VIEW] =
		"SELECT r.id, r.public_id, r.state, r.thread_state, r.name, r.contact, r.assigned_agent_id,"
		" a.display_name, r.via, DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i'), s.name, r.phone,"
		" (SELECT vm.public_id FROM voice_message vm WHERE vm.request_id = r.id LIMIT 1)"
		" FROM help_request r LEFT JOIN site s ON s.id = r.site_id"
		" LEFT JOIN agent a ON a.id = r.assigned_agent_id WHERE r.public_id = ? AND r.client_id = ?",
	[SQL_THREAD_MESSAGES] =
		"SELECT m.id, m.direction, m.address, m.subject, m.body,"
		" DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i'), a.display_name, mm.state, mm.last_error"
		" FROM help_message m LEFT JOIN agent a ON a.id = m.agent_id"
		" LEFT JOIN mail_message mm ON mm.id = m.mail_message_id WHERE m.request_id = ? ORDER BY m.id",
	[SQL_THREAD_ATTACHMENTS] =
		"SELECT t.id, t.help_message_id, t.filename, t.size FROM help_attachment t"
		" JOIN help_message m ON m.id = t.help_message_id WHERE m.request_id = ? ORDER BY t.id",
	[SQL_THREAD_AGENTS] =
		"SELECT id, display_name FROM agent WHERE client_id = ? AND disabled = 0"
		" AND role <> 'operator' ORDER BY display_name",
	/* Open threads first (those waiting for an answer before the others),
	 * then the ones done in the last two weeks. */
	[SQL_THREAD_LIST] =
		"SELECT r.public_id, r.name, r.contact, r.thread_state, a.display_name,"
		" COALESCE(r.assigned_agent_id = ?, 0),"
		" (SELECT LEFT(m.body, 140) FROM help_message m WHERE m.request_id = r.id"
		"  ORDER BY m.id DESC LIMIT 1),"
		" DATE_FORMAT(r.last_message_at, '%Y-%m-%d %H:%i'), r.awaiting_answer,"
		" EXISTS (SELECT 1 FROM mail_bad_address b WHERE b.address = r.contact), r.via,"
		" r.question, r.page_url,"
		" (SELECT vm.public_id FROM voice_message vm WHERE vm.request_id = r.id LIMIT 1), r.phone"
		" FROM help_request r LEFT JOIN agent a ON a.id = r.assigned_agent_id"
		" WHERE r.client_id = ? AND r.thread_state IS NOT NULL"
		" AND (r.thread_state = 'open' OR r.last_message_at > NOW(3) - INTERVAL 14 DAY)"
		" ORDER BY r.thread_state = 'open' DESC, r.awaiting_answer DESC, r.last_message_at DESC"
		" LIMIT 50",
	[SQL_ATTACHMENT_GET] =
		"SELECT t.filename, t.content, m.client_id FROM help_attachment t"
		" JOIN help_message m ON m.id = t.help_message_id WHERE t.id = ?",

	/* Settings (lib/mail_admin.c). */
	[SQL_SITE_SET_HELP_ADDRESS] = "UPDATE site SET help_address = ? WHERE site_key = ?",
	[SQL_SITE_KEY_EXISTS] = "SELECT id FROM site WHERE site_key = ?",
	[SQL_CLIENT_SET_ALERT_EMAIL] = "UPDATE client SET alert_email = ? WHERE id = ?",
	[SQL_AGENT_SET_DIGEST] = "UPDATE agent SET digest_opt_out = ? WHERE id = ?",

	/* Appointments (lib/appointment.c). Times in UTC; %W and %M in English. */
	[SQL_APPOINTMENT_GET] =
		"SELECT r.id, r.public_id, r.client_id, c.name, r.name, r.contact,"
		" UNIX_TIMESTAMP(r.scheduled_for), DATE_FORMAT(r.scheduled_for, '%W %e %M %Y, %H:%i'),"
		" r.rejoin_token, r.question, a.email, a.display_name, r.lang"
		" FROM help_request r JOIN client c ON c.id = r.client_id"
		" LEFT JOIN agent a ON a.id = r.assigned_agent_id WHERE r.id = ?",
	[SQL_APPOINTMENT_SET_TOKEN] = "UPDATE help_request SET rejoin_token = ? WHERE id = ?",
	[SQL_APPOINTMENT_BY_PUBLIC] =
		"SELECT r.id, r.client_id, r.state, r.rejoin_token, c.name,"
		" DATE_FORMAT(r.scheduled_for, '%W %e %M %Y, %H:%i'), r.public_id,"
		" UNIX_TIMESTAMP(r.scheduled_for), r.lang"
		" FROM help_request r JOIN client c ON c.id = r.client_id WHERE r.public_id = ?",
	/* The visitor is back: the request is theirs (this browser's visitor)
	 * and waits at the head (created_at first: MariaDB assigns in order). */
	[SQL_APPOINTMENT_REJOIN] =
		"UPDATE help_request SET created_at = IF(state IN ('scheduled', 'missed'), NOW(3), created_at),"
		" ended_at = NULL, priority = ?, visitor_id = ?, visitor_back_at = NOW(3),"
		" state = IF(state IN ('scheduled', 'missed'), 'waiting', state)"
		" WHERE id = ? AND state IN ('scheduled', 'waiting', 'offered', 'missed')",
	[SQL_APPOINTMENT_TAKE] =
		"UPDATE help_request SET assigned_agent_id = ?, agent_reminder_sent_at = NULL"
		" WHERE public_id = ? AND client_id = ? AND state = 'scheduled'",
	[SQL_APPOINTMENT_RELEASE] =
		"UPDATE help_request SET assigned_agent_id = NULL WHERE public_id = ? AND client_id = ?"
		" AND assigned_agent_id = ? AND state = 'scheduled'",
	/* Reminders due (lead time before the appointment, and not after it):
	 * the visitor's (0) and the agent's (1). */
	[SQL_APPOINTMENT_REMINDERS_DUE] =
		"(SELECT id, 0 FROM help_request WHERE state = 'scheduled' AND reminder_sent_at IS NULL"
		"  AND scheduled_for <= NOW(3) + INTERVAL ? SECOND"
		"  AND scheduled_for > NOW(3) + INTERVAL ? SECOND)"
		" UNION ALL (SELECT id, 1 FROM help_request WHERE state = 'scheduled'"
		"  AND agent_reminder_sent_at IS NULL AND assigned_agent_id IS NOT NULL"
		"  AND scheduled_for <= NOW(3) + INTERVAL ? SECOND"
		"  AND scheduled_for > NOW(3) + INTERVAL ? SECOND) LIMIT ?",
	[SQL_APPOINTMENT_REMINDED] =
		"UPDATE help_request SET reminder_sent_at = NOW(3) WHERE id = ? AND state = 'scheduled'"
		" AND reminder_sent_at IS NULL",
	[SQL_APPOINTMENT_AGENT_REMINDED] =
		"UPDATE help_request SET agent_reminder_sent_at = NOW(3) WHERE id = ?"
		" AND state = 'scheduled' AND agent_reminder_sent_at IS NULL",
	/* Appointments whose time has come (within the last day: older ones are
	 * left as they are), and whether it came within the grace minutes (it
	 * enters the queue) or longer ago (the mailer was not running: missed). */
	[SQL_APPOINTMENT_DUE] =
		"SELECT id, client_id, scheduled_for > NOW(3) + INTERVAL ? SECOND - INTERVAL ? MINUTE"
		" FROM help_request WHERE state = 'scheduled'"
		" AND scheduled_for <= NOW(3) + INTERVAL ? SECOND"
		" AND scheduled_for > NOW(3) + INTERVAL ? SECOND - INTERVAL 1 DAY"
		" ORDER BY scheduled_for LIMIT ?",
	/* At the time: into the queue, at its head; the wait counts from now. */
	[SQL_APPOINTMENT_ENTER] =
		"UPDATE help_request SET created_at = NOW(3), ended_at = NULL, priority = ?,"
		" appointment_due_at = NOW(3) + INTERVAL ? SECOND, offered_agent_id = NULL,"
		" state = 'waiting' WHERE id = ? AND state = 'scheduled'",
	/* Entered at its time, not taken, and its visitor neither came back
	 * through a link nor was seen since. */
	[SQL_APPOINTMENT_MISSED_DUE] =
		"SELECT r.id, r.client_id FROM help_request r JOIN visitor v ON v.id = r.visitor_id"
		" WHERE r.state IN ('waiting', 'offered') AND r.appointment_due_at IS NOT NULL"
		" AND r.visitor_back_at IS NULL"
		" AND r.scheduled_for + INTERVAL ? MINUTE <= NOW(3) + INTERVAL ? SECOND"
		" AND v.last_seen_at < r.appointment_due_at ORDER BY r.id LIMIT ?",
	[SQL_APPOINTMENT_MISS] =
		"UPDATE help_request SET state = 'missed', ended_at = NOW(3), offered_agent_id = NULL"
		" WHERE id = ? AND state IN ('scheduled', 'waiting', 'offered') AND visitor_back_at IS NULL",

	/* Alerts (lib/alert.c). */
	[SQL_DOMAIN_ALERT_FIRST] =
		"INSERT IGNORE INTO unregistered_domain_alert (domain, client_id, first_at, alerted_at)"
		" VALUES (?, ?, NOW(3), NOW(3))",
	[SQL_DOMAIN_ALERT_AGAIN] =
		"UPDATE unregistered_domain_alert SET refusals = refusals + 1, alerted_at = NOW(3)"
		" WHERE domain = ? AND alerted_at < NOW(3) - INTERVAL 1 DAY",
	[SQL_ALERT_CLIENT] =
		"SELECT c.alert_email, (SELECT GROUP_CONCAT(d.domain ORDER BY d.domain SEPARATOR ', ')"
		"  FROM site_domain d WHERE d.site_id = ?) FROM client c WHERE c.id = ?",
	/* This agent's successful sign-ins in all and from this address (the
	 * one just made counts in both), with what the alert says. */
	[SQL_SIGNIN_ADDRESSES] =
		"SELECT COUNT(*), COALESCE(SUM(s.ip = ?), 0), a.display_name, a.email, c.name,"
		" DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i'), a.client_id"
		" FROM agent a JOIN client c ON c.id = a.client_id"
		" LEFT JOIN signin_attempt s ON s.agent_id = a.id AND s.outcome = 'ok'"
		" WHERE a.id = ? GROUP BY a.id",

	/* The weekly digest (lib/digest.c). */
	[SQL_DIGEST_NOW] = "SELECT UNIX_TIMESTAMP(NOW() + INTERVAL ? SECOND)",
	/* Clients whose digest for the week ending on the date is not done, and
	 * whether they existed before that week ended. */
	[SQL_DIGEST_CLIENTS_DUE] =
		"SELECT id, name, created_at < ? FROM client WHERE digest_week IS NULL OR digest_week < ?"
		" ORDER BY id LIMIT ?",
	[SQL_DIGEST_CLAIM] =
		"UPDATE client SET digest_week = ? WHERE id = ? AND (digest_week IS NULL OR digest_week < ?)",
	[SQL_DIGEST_RECIPIENTS] =
		"SELECT id, display_name, email, unsubscribe_token FROM agent WHERE client_id = ?"
		" AND role IN ('supervisor', 'admin') AND disabled = 0 AND digest_opt_out = 0 ORDER BY id",
	[SQL_DIGEST_SET_TOKEN] =
		"UPDATE agent SET unsubscribe_token = ? WHERE id = ? AND unsubscribe_token IS NULL",
	/* Per hour of the day (UTC), live requests made in the week: how many,
	 * how many left while waiting (cancelled, closed unaccepted, or
	 * abandoned), the average wait of those accepted (seconds), and the
	 * average number of the client's agents available when each was made. */
	[SQL_DIGEST_HOURS] =
		"SELECT HOUR(r.created_at), COUNT(*),"
		" COALESCE(SUM(r.accepted_at IS NULL AND (r.state IN ('cancelled', 'closed')"
		"  OR EXISTS (SELECT 1 FROM request_event x WHERE x.request_id = r.id"
		"  AND x.kind = 'abandoned'))), 0),"
		" ROUND(AVG(TIMESTAMPDIFF(SECOND, r.created_at, r.accepted_at))),"
		" ROUND(AVG((SELECT COUNT(*) FROM agent g WHERE g.client_id = r.client_id"
		"  AND (SELECT IF(e.kind = 'signout', 'offline', e.state) FROM agent_event e"
		"   WHERE e.agent_id = g.id AND e.at <= r.created_at ORDER BY e.at DESC, e.id DESC LIMIT 1)"
		"  = 'available')), 1)"
		" FROM help_request r WHERE r.client_id = ? AND r.created_at >= ? AND r.created_at < ?"
		" AND r.via = 'web' GROUP BY 1",
	/* Agents who let more offers roll this week (from the first date) than
	 * the week before (from the third). */
	[SQL_DIGEST_MISSED_OFFERS] =
		"SELECT a.display_name, SUM(e.at >= ?) AS now_count, SUM(e.at < ?) AS before_count"
		" FROM request_event e JOIN agent a ON a.id = e.agent_id"
		" WHERE e.client_id = ? AND e.kind = 'rolled' AND e.at >= ? AND e.at < ?"
		" GROUP BY a.id, a.display_name HAVING now_count > before_count"
		" ORDER BY now_count DESC, a.display_name LIMIT ?",
	[SQL_DIGEST_PAGES] =
		"SELECT page_url, COUNT(*) FROM help_request WHERE client_id = ? AND created_at >= ?"
		" AND created_at < ? AND page_url IS NOT NULL GROUP BY page_url ORDER BY 2 DESC, 1 LIMIT ?",
	[SQL_UNSUBSCRIBE_BY_TOKEN] =
		"SELECT a.id, a.display_name, a.digest_opt_out, c.name FROM agent a"
		" JOIN client c ON c.id = a.client_id WHERE a.unsubscribe_token = ?",

	/* A call-back the dialer gave up on (lib/mail_callback.c): whom to
	 * tell, and how they can ask again. */
	[SQL_MAIL_CALLBACK_UNREACHABLE] =
		"SELECT r.contact, r.name, r.phone, r.page_url, r.client_id, c.name, s.help_address,"
		" pl.help_number, r.site_id, r.lang"
		" FROM help_request r JOIN client c ON c.id = r.client_id"
		" LEFT JOIN site s ON s.id = r.site_id"
		" LEFT JOIN phone_line pl ON pl.client_id = r.client_id"
		" WHERE r.id = ?",
};
