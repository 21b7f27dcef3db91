/* sql_channel.c - SQL texts for channels: participants, events and signals.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_channel[SQL__MAX] = {
	[SQL_CHANNEL_INSERT] =
		"INSERT INTO channel (public_id, client_id, request_id, name, state, last_seq,"
		" changed_at, created_at) VALUES (?, ?, ?, ?, 'open', 0, NOW(6), NOW(3))",
	[SQL_CHANNEL_SET_LEADER] =
		"UPDATE channel SET leader_participant_id = ? WHERE id = ?",
	/* A channel and who asks about it, in one look: the agent's (or the
	 * visitor's) newest participant row, present ones first. Every channel
	 * request starts here. The rule is the procedure channel_member (schema
	 * 281), which line_post applies too. Arguments: the session's agent and
	 * client (NULL without a session), the visitor (NULL if none), the
	 * channel's public id. */
	[SQL_CHANNEL_MEMBER] = "CALL channel_member(?, ?, ?, ?)",
	[SQL_CHANNEL_ID_BY_PUBLIC_ID] = "SELECT id FROM channel WHERE public_id = ?",
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
	 * new signal version so pollers fetch only what changed; a view's
	 * signals stamp view_version too (what an event's attendees follow). */
	[SQL_PARTICIPANT_TYPING] =
		"UPDATE participant SET typing_text = ?, signal_version = ? WHERE id = ?",
	[SQL_PARTICIPANT_SEEN] =
		"UPDATE participant SET seen_url = ?, scroll_x = ?, scroll_y = ?, signal_version = ?,"
		" view_version = signal_version WHERE id = ?",
	[SQL_PARTICIPANT_POINTER] =
		"UPDATE participant SET pointer_mode = ?, pointer_x = ?, pointer_y = ?,"
		" signal_version = ?, view_version = signal_version WHERE id = ?",
	[SQL_PARTICIPANT_AVATAR] =
		"UPDATE participant SET avatar = ?, signal_version = ?, view_version = signal_version"
		" WHERE id = ?",
	/* A visitor's proposal to lead everyone off the client's sites (lib/lead.c). */
	[SQL_PARTICIPANT_PROPOSE] =
		"UPDATE participant SET proposed_url = ?, signal_version = ? WHERE id = ?",
	[SQL_PARTICIPANT_PROPOSAL] =
		"SELECT proposed_url FROM participant WHERE id = ? AND channel_id = ? AND kind = 'visitor'"
		" AND left_at IS NULL",
	/* Everyone's, the viewer's own included: one read serves every viewer. */
	[SQL_SIGNALS_SINCE] =
		"SELECT id, display_name, kind, typing_text, signal_version, avatar, seen_url,"
		" scroll_x, scroll_y, pointer_mode, pointer_x, pointer_y, left_at IS NULL, proposed_url"
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
		" body, client_msg_id, lang, ref_seq, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))",
	/* The seq bump, the insert (or a retried post's earlier seq) and the
	 * commit in one request: schema/260-event-post.sql. */
	[SQL_EVENT_POST] = "CALL event_post(?, ?, ?, ?, ?, ?, ?, ?)",
	/* A chat line checked (the sender's session or visitor cookie, their
	 * membership, token and gates) and stored in one request:
	 * schema/280-line-post.sql, lib/line_post.c. */
	[SQL_LINE_POST] = "CALL line_post(?, ?, ?, ?, ?, ?, ?, ?)",
	/* A public line from a sender line_post found lately (lib/line_senders.c):
	 * what can have changed is checked again as it is stored, or the answer
	 * is 'recheck'. schema/283-line-post-known.sql. */
	[SQL_LINE_POST_KNOWN] = "CALL line_post_known(?, ?, ?, ?, ?, ?)",
	[SQL_EVENTS_AFTER] =
		"SELECT e.seq, e.kind, e.participant_id, p.display_name, p.kind, e.body,"
		" e.client_msg_id, DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s.%fZ'),"
		" e.recipient_participant_id, p.avatar, e.lang, e.ref_seq"
		" FROM channel_event e LEFT JOIN participant p ON p.id = e.participant_id"
		" WHERE e.channel_id = ? AND e.seq > ? ORDER BY e.seq LIMIT 500",
};
