/* sql_event.c - SQL texts for the auditorium: events, their staff and
 * life, attendees and their visits, the audience's feed, questions, and
 * the population. Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

#define ISO_SECONDS(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%sZ')"
#define ISO_MINUTE(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%iZ')"
/* A visit is under way while not ended and seen in the last 90 s. */
#define VISIT_PRESENT(v) v ".ended_at IS NULL AND " v ".last_seen_at > NOW(3) - INTERVAL 90 SECOND"
#define QUESTION_COLUMNS \
	"q.id, a.name, q.body, q.state, q.answer, q.answered_by, s.display_name, q.speaker_agent_id," \
	" q.merged_count, q.merged_into, a.site, " ISO_SECONDS("q.asked_at") ", q.attendee_id" \
	" FROM event_question q JOIN attendee a ON a.id = q.attendee_id" \
	" LEFT JOIN agent s ON s.id = q.speaker_agent_id"

const char *const sql_texts_event[SQL__MAX] = {
	[SQL_LIVE_EVENT_INSERT] =
		"INSERT INTO live_event (public_id, client_id, title, description, starts_at, seat_limit,"
		" registration, attendee_talk, field_label, show_attendees, producer_agent_id, created_by,"
		" created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_EVENT_SPEAKER_INSERT] =
		"INSERT INTO live_event_speaker (event_id, agent_id, position) VALUES (?, ?, ?)",
	[SQL_EVENT_CLIENT_SEATS] = "SELECT seat_cap FROM client WHERE id = ?",
	[SQL_EVENT_BY_PUBLIC_ID] =
		"SELECT e.id, e.public_id, e.client_id, e.title, e.description,"
		" DATE_FORMAT(e.starts_at, '%Y-%m-%d %H:%i'), e.state, e.seat_limit, e.registration,"
		" e.attendee_talk, e.show_attendees, e.field_label, e.producer_agent_id,"
		" e.stage_channel_id, e.backstage_channel_id, st.public_id, bs.public_id, c.name,"
		" " ISO_SECONDS("e.starts_at")
		" FROM live_event e JOIN client c ON c.id = e.client_id"
		" LEFT JOIN channel st ON st.id = e.stage_channel_id"
		" LEFT JOIN channel bs ON bs.id = e.backstage_channel_id WHERE e.public_id = ?",
	[SQL_EVENT_IS_SPEAKER] =
		"SELECT position FROM live_event_speaker WHERE event_id = ? AND agent_id = ?",
	/* The producer first, then the speakers in their order. */
	[SQL_EVENT_STAFF] =
		"SELECT a.id, a.display_name, COALESCE(a.avatar, 'owl'),"
		" IF(a.id = e.producer_agent_id, 'producer', 'speaker')"
		" FROM live_event e JOIN agent a ON a.id = e.producer_agent_id"
		"  OR a.id IN (SELECT s.agent_id FROM live_event_speaker s WHERE s.event_id = e.id)"
		" WHERE e.id = ? ORDER BY a.id = e.producer_agent_id DESC,"
		" (SELECT s.position FROM live_event_speaker s WHERE s.event_id = e.id AND s.agent_id = a.id)",
	[SQL_EVENT_LOCK] =
		"SELECT state, stage_channel_id, backstage_channel_id FROM live_event WHERE id = ? FOR UPDATE",
	[SQL_EVENT_OPENED] =
		"UPDATE live_event SET state = 'open', opened_at = NOW(3), stage_channel_id = ?,"
		" backstage_channel_id = ? WHERE id = ?",
	[SQL_EVENT_GO_LIVE] =
		"UPDATE live_event SET state = 'live', live_at = COALESCE(live_at, NOW(3))"
		" WHERE id = ? AND state = 'open'",
	[SQL_EVENT_SET_ENDED] =
		"UPDATE live_event SET state = 'ended', ended_at = NOW(3) WHERE id = ? AND state <> 'ended'",
	[SQL_EVENT_CHANNEL_EMPTY] =
		"UPDATE participant SET left_at = NOW(3), typing_text = NULL WHERE channel_id = ?"
		" AND left_at IS NULL",
	/* At the end: a visit still under way ends now; one not seen lately
	 * ended when it was last seen. */
	[SQL_EVENT_VISITS_END] =
		"UPDATE attendee_visit SET ended_at = IF(last_seen_at > NOW(3) - INTERVAL 90 SECOND, NOW(3),"
		" last_seen_at) WHERE event_id = ? AND ended_at IS NULL",
	[SQL_EVENT_SET_RATE] = "UPDATE client SET event_rate_unit = ?, event_rate_cents = ? WHERE id = ?",
	/* A client's events for its staff: coming and live ones by their start,
	 * then past ones, newest first; the asker's part in each. */
	[SQL_EVENT_LIST] =
		"SELECT e.public_id, e.title, DATE_FORMAT(e.starts_at, '%Y-%m-%d %H:%i'),"
		" " ISO_SECONDS("e.starts_at") ", e.state, e.seat_limit, e.registration, e.attendee_talk,"
		" p.display_name,"
		" (SELECT GROUP_CONCAT(a.display_name ORDER BY s.position SEPARATOR ', ')"
		"  FROM live_event_speaker s JOIN agent a ON a.id = s.agent_id WHERE s.event_id = e.id),"
		" CASE WHEN e.producer_agent_id = ? THEN 'producer' WHEN EXISTS (SELECT 1"
		"  FROM live_event_speaker s WHERE s.event_id = e.id AND s.agent_id = ?) THEN 'speaker'"
		"  ELSE '' END,"
		" (SELECT COUNT(DISTINCT v.attendee_id) FROM attendee_visit v WHERE v.event_id = e.id)"
		" FROM live_event e JOIN agent p ON p.id = e.producer_agent_id WHERE e.client_id = ?"
		" ORDER BY e.state = 'ended', IF(e.state = 'ended', -UNIX_TIMESTAMP(e.starts_at),"
		" UNIX_TIMESTAMP(e.starts_at)) LIMIT 200",
	[SQL_EVENT_STAFF_CHOICES] =
		"SELECT id, display_name, role FROM agent WHERE client_id = ? AND disabled = 0"
		" AND role <> 'operator' ORDER BY display_name, id",
	/* The speakers in order, with their stage and backstage participants. */
	[SQL_EVENT_SPEAKER_SEATS] =
		"SELECT s.agent_id, a.display_name, COALESCE(a.avatar, 'owl'),"
		" (SELECT p.id FROM participant p WHERE p.channel_id = e.stage_channel_id"
		"  AND p.agent_id = s.agent_id AND p.left_at IS NULL ORDER BY p.id DESC LIMIT 1),"
		" (SELECT p.id FROM participant p WHERE p.channel_id = e.backstage_channel_id"
		"  AND p.agent_id = s.agent_id AND p.left_at IS NULL ORDER BY p.id DESC LIMIT 1)"
		" FROM live_event_speaker s JOIN agent a ON a.id = s.agent_id"
		" JOIN live_event e ON e.id = s.event_id WHERE s.event_id = ? ORDER BY s.position",
	[SQL_EVENT_MY_PARTICIPANT] =
		"SELECT id, token FROM participant WHERE channel_id = ? AND agent_id = ? AND left_at IS NULL"
		" ORDER BY id DESC LIMIT 1",
	/* The event whose stage or backstage this channel is. */
	[SQL_EVENT_BY_CHANNEL] =
		"SELECT public_id FROM live_event WHERE stage_channel_id = ? OR backstage_channel_id = ?",
	[SQL_EVENT_PRESENT] =
		"SELECT COUNT(*) FROM attendee_visit v WHERE v.event_id = ? AND " VISIT_PRESENT("v"),
	[SQL_EVENT_ROLE_PARTICIPANT] =
		"SELECT id FROM participant WHERE channel_id = ? AND stage_role = ? AND left_at IS NULL"
		" ORDER BY id LIMIT 1",
	[SQL_STAGE_EVENT_INSERT] =
		"INSERT INTO channel_event (channel_id, seq, kind, participant_id, recipient_participant_id,"
		" attendee_id, body, at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(3))",

	/* attendees */
	[SQL_ATTENDEE_BY_VISITOR] =
		"SELECT a.id, a.name, a.muted, a.removed_at IS NOT NULL,"
		" EXISTS (SELECT 1 FROM attendee_visit v WHERE v.attendee_id = a.id)"
		" FROM attendee a WHERE a.event_id = ? AND a.visitor_id = ?",
	[SQL_ATTENDEE_INSERT] =
		"INSERT INTO attendee (event_id, visitor_id, name, email, field_value, site, registered_at)"
		" VALUES (?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_ATTENDEE_UPDATE] =
		"UPDATE attendee SET name = ?, email = COALESCE(?, email),"
		" field_value = COALESCE(?, field_value) WHERE id = ?",
	[SQL_ATTENDEE_CURRENT_VISIT] =
		"SELECT v.id FROM attendee_visit v WHERE v.attendee_id = ? AND " VISIT_PRESENT("v") " LIMIT 1",
	[SQL_ATTENDEE_VISIT_INSERT] =
		"INSERT INTO attendee_visit (attendee_id, event_id, started_at, last_seen_at)"
		" VALUES (?, ?, NOW(3), NOW(3))",
	[SQL_ATTENDEE_LEAVE] =
		"UPDATE attendee_visit SET ended_at = IF(last_seen_at > NOW(3) - INTERVAL 90 SECOND, NOW(3),"
		" last_seen_at) WHERE attendee_id = ? AND ended_at IS NULL",
	/* The rate limit of public lines: one every 2 s. */
	[SQL_ATTENDEE_SPOKE] =
		"UPDATE attendee SET last_spoke_at = NOW(3) WHERE id = ?"
		" AND (last_spoke_at IS NULL OR last_spoke_at < NOW(3) - INTERVAL 2 SECOND)",
	[SQL_ATTENDEE_SET_MUTED] =
		"UPDATE attendee SET muted = ? WHERE id = ? AND event_id = ? AND removed_at IS NULL",
	[SQL_ATTENDEE_REMOVE] =
		"UPDATE attendee SET removed_at = NOW(3) WHERE id = ? AND event_id = ? AND removed_at IS NULL",
	[SQL_ATTENDEE_NAME] =
		"SELECT name FROM attendee WHERE id = ? AND event_id = ? AND removed_at IS NULL",

	/* the audience's feed: who polls (one look, by the visitor cookie's
	 * hash and the event), the stage's events with attendees' names, and
	 * the speakers' view signals (view_version: pointers, views, avatars;
	 * not typing) */
	[SQL_AUDIENCE_WHO] =
		"SELECT a.id, e.id, e.stage_channel_id, a.removed_at IS NOT NULL,"
		" EXISTS (SELECT 1 FROM attendee_visit v WHERE v.attendee_id = a.id), e.state"
		" FROM visitor vi JOIN attendee a ON a.visitor_id = vi.id"
		" JOIN live_event e ON e.id = a.event_id WHERE vi.token_hash = ? AND e.public_id = ?",
	[SQL_AUDIENCE_STAGE_STATE] = "SELECT state FROM live_event WHERE stage_channel_id = ?",
	[SQL_AUDIENCE_EVENTS_AFTER] =
		"SELECT e.seq, e.kind, e.participant_id, COALESCE(p.display_name, a.name),"
		" IF(e.attendee_id IS NULL, COALESCE(p.stage_role, p.kind), 'attendee'), e.body,"
		" DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s.%fZ'), e.attendee_id, p.avatar"
		" FROM channel_event e LEFT JOIN participant p ON p.id = e.participant_id"
		" LEFT JOIN attendee a ON a.id = e.attendee_id"
		" WHERE e.channel_id = ? AND e.seq > ? ORDER BY e.seq LIMIT 500",
	[SQL_AUDIENCE_SIGNALS_SINCE] =
		"SELECT id, display_name, avatar, seen_url, scroll_x, scroll_y, pointer_mode, pointer_x,"
		" pointer_y, left_at IS NULL FROM participant WHERE channel_id = ? AND view_version > ?"
		" AND stage_role = 'speaker'",
	/* Presence in batches: the ids as a JSON array. Visits under way are
	 * extended (at most every ? seconds); the others start anew. */
	[SQL_AUDIENCE_PRESENCE_EXTEND] =
		"UPDATE attendee_visit v JOIN JSON_TABLE(?, '$[*]' COLUMNS (aid BIGINT UNSIGNED PATH '$')) j"
		" ON v.attendee_id = j.aid SET v.last_seen_at = NOW(3)"
		" WHERE " VISIT_PRESENT("v") " AND v.last_seen_at < NOW(3) - INTERVAL ? SECOND",
	[SQL_AUDIENCE_PRESENCE_RETURN] =
		"INSERT INTO attendee_visit (attendee_id, event_id, started_at, last_seen_at)"
		" SELECT a.id, a.event_id, NOW(3), NOW(3)"
		" FROM JSON_TABLE(?, '$[*]' COLUMNS (aid BIGINT UNSIGNED PATH '$')) j"
		" JOIN attendee a ON a.id = j.aid JOIN live_event e ON e.id = a.event_id"
		" WHERE e.state = 'live' AND a.removed_at IS NULL AND NOT EXISTS (SELECT 1"
		"  FROM attendee_visit v WHERE v.attendee_id = a.id AND " VISIT_PRESENT("v") ")",
	[SQL_AUDIENCE_VISITS_LAPSE] =
		"UPDATE attendee_visit SET ended_at = last_seen_at WHERE ended_at IS NULL"
		" AND last_seen_at <= NOW(3) - INTERVAL 90 SECOND",

	/* questions */
	[SQL_QUESTION_INSERT] =
		"INSERT INTO event_question (event_id, attendee_id, body, asked_at) VALUES (?, ?, ?, NOW(3))",
	[SQL_QUESTION_RECENT] =
		"SELECT COUNT(*) FROM event_question WHERE attendee_id = ? AND asked_at > NOW(3) - INTERVAL 1 MINUTE",
	[SQL_QUESTION_GET] = "SELECT " QUESTION_COLUMNS " WHERE q.id = ? AND q.event_id = ?",
	[SQL_QUESTION_LIST] =
		"SELECT " QUESTION_COLUMNS " WHERE q.event_id = ? AND q.merged_into IS NULL ORDER BY q.id LIMIT 5000",
	[SQL_QUESTION_PUBLISHED] =
		"SELECT " QUESTION_COLUMNS " WHERE q.event_id = ? AND q.merged_into IS NULL"
		" AND q.state IN ('approved', 'passed', 'answered') ORDER BY q.id LIMIT 1000",
	[SQL_QUESTION_LOCK] =
		"SELECT state, merged_into, speaker_agent_id FROM event_question WHERE id = ? AND event_id = ?"
		" FOR UPDATE",
	[SQL_QUESTION_SET_STATE] = "UPDATE event_question SET state = ? WHERE id = ?",
	[SQL_QUESTION_PASS] =
		"UPDATE event_question SET state = IF(state = 'answered', state, 'passed'),"
		" speaker_agent_id = ? WHERE id = ?",
	[SQL_QUESTION_ANSWER] =
		"UPDATE event_question SET state = 'answered', answer = ?, answered_by = ?,"
		" answered_at = NOW(3) WHERE id = ?",
	[SQL_QUESTION_MERGE] = "UPDATE event_question SET state = 'hidden', merged_into = ? WHERE id = ?",
	/* The merged question and those merged into it count for the other. */
	[SQL_QUESTION_ADD_VOTES] =
		"UPDATE event_question SET merged_count = merged_count + 1 + (SELECT c FROM"
		" (SELECT merged_count AS c FROM event_question WHERE id = ?) m) WHERE id = ?",

	/* population */
	[SQL_POPULATION_COUNTS] =
		"SELECT (SELECT COUNT(*) FROM attendee_visit v WHERE v.event_id = e.id AND " VISIT_PRESENT("v") "),"
		" (SELECT COUNT(*) FROM attendee WHERE event_id = e.id),"
		" (SELECT COUNT(DISTINCT attendee_id) FROM attendee_visit WHERE event_id = e.id),"
		" (SELECT COUNT(*) FROM attendee WHERE event_id = e.id AND removed_at IS NOT NULL),"
		" (SELECT COUNT(*) FROM event_question WHERE event_id = e.id AND state = 'new'"
		"  AND merged_into IS NULL),"
		" (SELECT COUNT(*) FROM event_question WHERE event_id = e.id)"
		" FROM live_event e WHERE e.id = ?",
	[SQL_POPULATION_JOINS] =
		"SELECT " ISO_MINUTE("started_at") ", COUNT(*) FROM attendee_visit WHERE event_id = ?"
		" AND started_at > NOW(3) - INTERVAL ? MINUTE GROUP BY 1",
	[SQL_POPULATION_LEAVES] =
		"SELECT " ISO_MINUTE("COALESCE(ended_at, last_seen_at)") ", COUNT(*) FROM attendee_visit"
		" WHERE event_id = ? AND (ended_at IS NOT NULL OR last_seen_at <= NOW(3) - INTERVAL 90 SECOND)"
		" AND COALESCE(ended_at, last_seen_at) > NOW(3) - INTERVAL ? MINUTE GROUP BY 1",
	[SQL_POPULATION_BY_SITE] =
		"SELECT a.site, COUNT(*) FROM attendee a JOIN attendee_visit v ON v.attendee_id = a.id"
		" WHERE a.event_id = ? AND " VISIT_PRESENT("v") " GROUP BY a.site ORDER BY 2 DESC, 1 LIMIT ?",
	[SQL_POPULATION_BY_FIELD] =
		"SELECT a.field_value, COUNT(*) FROM attendee a JOIN attendee_visit v ON v.attendee_id = a.id"
		" WHERE a.event_id = ? AND " VISIT_PRESENT("v") " GROUP BY a.field_value ORDER BY 2 DESC, 1 LIMIT ?",
	[SQL_POPULATION_NOW] = "SELECT " ISO_MINUTE("NOW(3)"),
	/* billing and reports (lib/event_billing.c, report_usage.c, report_event.c) */
	/* The events that went live in a month: attendees (anyone with a visit
	 * begun before the cut-off) and seat-minutes (each attendee's started
	 * minutes present up to the cut-off, at least 1). */
	[SQL_BILLING_EVENTS] =
		"SELECT DATE_FORMAT(e.live_at, '%Y-%m-%d %H:%i:%s'), e.title, COUNT(x.attendee_id),"
		" COALESCE(SUM(GREATEST(1, CEIL(x.seconds / 60))), 0)"
		" FROM live_event e LEFT JOIN (SELECT v.event_id, v.attendee_id,"
		"  SUM(GREATEST(0, TIMESTAMPDIFF(SECOND, v.started_at,"
		"   LEAST(COALESCE(v.ended_at, v.last_seen_at), ?)))) AS seconds"
		"  FROM attendee_visit v WHERE v.started_at < ? AND v.event_id IN (SELECT id FROM live_event"
		"   WHERE client_id = ? AND live_at >= ? AND live_at < ?)"
		"  GROUP BY v.event_id, v.attendee_id) x ON x.event_id = e.id"
		" WHERE e.client_id = ? AND e.live_at >= ? AND e.live_at < ?"
		" GROUP BY e.id ORDER BY e.live_at, e.id",
	/* The usage report: per day events went live, how many, their
	 * attendees and seat-minutes (attendance up to now). */
	[SQL_REPORT_USAGE_EVENTS] =
		"SELECT DATE_FORMAT(e.live_at, '%Y-%m-%d'), COUNT(DISTINCT e.id), COUNT(x.attendee_id),"
		" COALESCE(SUM(GREATEST(1, CEIL(x.seconds / 60))), 0)"
		" FROM live_event e LEFT JOIN (SELECT v.event_id, v.attendee_id,"
		"  SUM(GREATEST(0, TIMESTAMPDIFF(SECOND, v.started_at, COALESCE(v.ended_at, v.last_seen_at))))"
		"  AS seconds FROM attendee_visit v WHERE v.event_id IN (SELECT id FROM live_event"
		"   WHERE client_id = ? AND live_at >= ? AND live_at < ?)"
		"  GROUP BY v.event_id, v.attendee_id) x ON x.event_id = e.id"
		" WHERE e.client_id = ? AND e.live_at >= ? AND e.live_at < ? GROUP BY 1 ORDER BY 1",
	/* The attendance report of one event. */
	[SQL_ATTENDANCE_SUMMARY] =
		"SELECT e.title, c.name, DATE_FORMAT(e.starts_at, '%Y-%m-%d %H:%i'),"
		" DATE_FORMAT(e.live_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(e.ended_at, '%Y-%m-%d %H:%i:%s'),"
		" e.seat_limit, (SELECT COUNT(*) FROM attendee WHERE event_id = e.id),"
		" (SELECT COUNT(DISTINCT attendee_id) FROM attendee_visit WHERE event_id = e.id),"
		" (SELECT COUNT(*) FROM event_question WHERE event_id = e.id),"
		" p.display_name, (SELECT GROUP_CONCAT(a.display_name ORDER BY s.position SEPARATOR ', ')"
		"  FROM live_event_speaker s JOIN agent a ON a.id = s.agent_id WHERE s.event_id = e.id),"
		" e.state, e.field_label"
		" FROM live_event e JOIN client c ON c.id = e.client_id JOIN agent p ON p.id = e.producer_agent_id"
		" WHERE e.id = ?",
	[SQL_ATTENDANCE_PEOPLE] =
		"SELECT a.name, a.email, a.field_value, a.site, DATE_FORMAT(a.registered_at, '%Y-%m-%d %H:%i:%s'),"
		" DATE_FORMAT(MIN(v.started_at), '%Y-%m-%d %H:%i:%s'),"
		" DATE_FORMAT(MAX(COALESCE(v.ended_at, v.last_seen_at)), '%Y-%m-%d %H:%i:%s'),"
		" COALESCE(SUM(GREATEST(0, TIMESTAMPDIFF(MICROSECOND, v.started_at,"
		"  COALESCE(v.ended_at, v.last_seen_at)))), 0) DIV 1000, COUNT(v.id),"
		" (SELECT COUNT(*) FROM event_question q WHERE q.attendee_id = a.id),"
		" (SELECT GROUP_CONCAT(q.body ORDER BY q.id SEPARATOR ' | ') FROM event_question q"
		"  WHERE q.attendee_id = a.id), IF(a.removed_at IS NULL, '', 'removed')"
		" FROM attendee a LEFT JOIN attendee_visit v ON v.attendee_id = a.id"
		" WHERE a.event_id = ? GROUP BY a.id ORDER BY a.name, a.id LIMIT 100000",
	[SQL_POPULATION_SEARCH] =
		"SELECT a.id, a.name, a.email, a.site,"
		" EXISTS (SELECT 1 FROM attendee_visit v WHERE v.attendee_id = a.id AND " VISIT_PRESENT("v") "),"
		" a.muted, a.removed_at IS NOT NULL,"
		" (SELECT COUNT(*) FROM event_question q WHERE q.attendee_id = a.id)"
		" FROM attendee a WHERE a.event_id = ? AND (? = '' OR a.name LIKE CONCAT('%', ?, '%')"
		" OR a.email LIKE CONCAT('%', ?, '%')) ORDER BY a.name, a.id LIMIT ?",
};
