/* sql_visitor.c - SQL texts for the visitor's side: the desk as visitors
 * are told of it (lib/estimate.c), the widget's panel, ratings.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"
#include "sql_session.h"

const char *const sql_texts_visitor[SQL__MAX] = {
	/* Signed-in staff in state "available", free or not (who is free to
	 * take a visitor is lib/capacity.c's, SQL_CAPACITY_CLIENT). */
	[SQL_ESTIMATE_DESK] =
		"SELECT COUNT(*) FROM agent a WHERE a.client_id = ? AND a.state = 'available'"
		" AND a.disabled = 0 AND EXISTS (SELECT 1 FROM staff_session s WHERE s.agent_id = a.id"
		"  AND " SESSION_LIVE("s") ")",
	[SQL_ESTIMATE_QUEUE_LENGTH] =
		"SELECT COUNT(*) FROM help_request WHERE client_id = ? AND state IN ('waiting', 'offered')",
	/* Who may frame the widget's panel (lib/panel.c). */
	[SQL_PANEL_SITE_DOMAINS] =
		"SELECT domain FROM site_domain WHERE site_id = ? ORDER BY domain LIMIT 100",
	/* The conversation a visitor is still in with a client: the help link
	 * (and the widget on every page of the site) takes them back to it. */
	[SQL_VISITOR_OPEN_CHANNEL] =
		"SELECT ch.public_id FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		" WHERE p.visitor_id = ? AND ch.client_id = ? AND p.kind = 'visitor'"
		" AND p.left_at IS NULL AND ch.state = 'open' ORDER BY ch.id DESC LIMIT 1",
	/* The visitor's question, the first line of the conversation, dated
	 * when it was asked (lib/channel.c, under the channel's seq lock). */
	[SQL_EVENT_INSERT_QUESTION] =
		"INSERT INTO channel_event (channel_id, seq, kind, participant_id, recipient_participant_id,"
		" body, client_msg_id, at, lang) SELECT ?, ?, 'line', ?, NULL, question, NULL,"
		" LEAST(created_at, NOW(3)), COALESCE(lang, 'en') FROM help_request WHERE id = ?",
	/* A visitor's rating of a session; rating again changes it. */
	[SQL_RATING_PUT] =
		"INSERT INTO session_rating (channel_id, participant_id, client_id, stars, comment, rated_at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3)) ON DUPLICATE KEY UPDATE stars = VALUES(stars),"
		" comment = VALUES(comment), rated_at = VALUES(rated_at)",
	[SQL_RATING_OF] =
		"SELECT stars, comment FROM session_rating WHERE channel_id = ? AND participant_id = ?",
	/* Per agent: ratings of the sessions they were in, rated in the range,
	 * and their average (each visitor's rating of a session counted once). */
	[SQL_REPORT_AGENT_RATINGS] =
		"SELECT x.agent_id, COUNT(*), ROUND(AVG(x.stars), 1) FROM (SELECT DISTINCT p.agent_id,"
		"  r.channel_id, r.participant_id, r.stars FROM session_rating r"
		"  JOIN participant p ON p.channel_id = r.channel_id AND p.kind = 'agent'"
		"  WHERE r.client_id = ? AND r.rated_at >= ? AND r.rated_at < ?) x GROUP BY x.agent_id",
	/* The visitors' ratings in the range, newest first, with the agents of
	 * each session; only sessions of one agent when one is asked for. */
	[SQL_REPORT_AGENT_COMMENTS] =
		"SELECT DATE_FORMAT(r.rated_at, '%Y-%m-%d %H:%i'),"
		" (SELECT GROUP_CONCAT(DISTINCT a.display_name ORDER BY a.display_name SEPARATOR ', ')"
		"  FROM participant p JOIN agent a ON a.id = p.agent_id"
		"  WHERE p.channel_id = r.channel_id AND p.kind = 'agent'),"
		" r.stars, COALESCE(r.comment, '') FROM session_rating r"
		" WHERE r.client_id = ? AND r.rated_at >= ? AND r.rated_at < ?"
		" AND (? = 0 OR EXISTS (SELECT 1 FROM participant q WHERE q.channel_id = r.channel_id"
		"  AND q.kind = 'agent' AND q.agent_id = ?))"
		" ORDER BY r.rated_at DESC LIMIT 200",
	/* A request made in the widget's panel (schema/111). */
	[SQL_REQUEST_SET_ASKED_IN_PANEL] = "UPDATE help_request SET asked_in = 'panel' WHERE id = ?",
	[SQL_REQUEST_ASKED_IN] = "SELECT asked_in FROM help_request WHERE id = ?",
	/* The site a channel's visitor came from: who may frame it in a panel. */
	[SQL_CHANNEL_SITE] =
		"SELECT r.site_id FROM channel ch JOIN help_request r ON r.id = ch.request_id WHERE ch.id = ?",
};
