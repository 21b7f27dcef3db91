/* sql_report.c - SQL texts for reports (lib/report_*.c): every one filters by client_id.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_report[SQL__MAX] = {
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
		" AND ch.kind IN ('help', 'room')" /* events: their own table */
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
	/* Message threads (offline messages, help requests by e-mail) started
	 * in the range, by how they came: how many, how many answered, and the
	 * milliseconds from the first message to the first answer in all. */
	[SQL_REPORT_QUEUE_MESSAGES] =
		"SELECT x.via, COUNT(*), COALESCE(SUM(x.first_out IS NOT NULL), 0),"
		" COALESCE(SUM(TIMESTAMPDIFF(MICROSECOND, x.first_in, x.first_out)), 0) DIV 1000"
		" FROM (SELECT r.via,"
		"  (SELECT MIN(m.created_at) FROM help_message m WHERE m.request_id = r.id"
		"   AND m.direction = 'in') AS first_in,"
		"  (SELECT MIN(m.created_at) FROM help_message m WHERE m.request_id = r.id"
		"   AND m.direction = 'out') AS first_out"
		"  FROM help_request r WHERE r.client_id = ? AND r.created_at >= ? AND r.created_at < ?"
		"  AND (r.thread_state IS NOT NULL OR r.via = 'email')) x GROUP BY x.via",
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
	/* Per agent: answers by e-mail sent in the range, and milliseconds from
	 * the visitor's latest message before each answer to it. */
	[SQL_REPORT_AGENT_ANSWERS] =
		"SELECT x.agent_id, COUNT(*), COALESCE(SUM(TIMESTAMPDIFF(MICROSECOND, x.asked, x.at)), 0)"
		" DIV 1000, COALESCE(SUM(x.asked IS NOT NULL), 0)"
		" FROM (SELECT o.agent_id, o.created_at AS at, (SELECT MAX(i.created_at) FROM help_message i"
		"   WHERE i.request_id = o.request_id AND i.direction = 'in'"
		"   AND i.created_at <= o.created_at) AS asked"
		"  FROM help_message o WHERE o.client_id = ? AND o.direction = 'out'"
		"  AND o.created_at >= ? AND o.created_at < ? AND o.agent_id IS NOT NULL) x"
		" GROUP BY x.agent_id",
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
};
