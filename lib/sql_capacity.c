/* sql_capacity.c - SQL texts for who is free to take a visitor (lib/capacity.c).
 * Part of the statement catalogue: see sql.h and sql.c.
 *
 * The one definition, used by every statement below: a member of staff is
 * free to take a visitor when they are available, not disabled, signed in
 * (a live session), hold fewer open sessions than their maximum (watching
 * one silently counts: they are busy with it) and have no offer out. */
#include "sql.h"
#include "sql_session.h"

/* Open sessions of agent a (taking part or watching, not yet left). */
#define OPEN_SESSIONS_OF(a) \
	"(SELECT COUNT(*) FROM participant p JOIN channel ch ON ch.id = p.channel_id" \
	" WHERE p.agent_id = " a ".id AND p.left_at IS NULL AND ch.state = 'open')"

#define SIGNED_IN(a) \
	"EXISTS (SELECT 1 FROM staff_session s WHERE s.agent_id = " a ".id" \
	" AND " SESSION_LIVE("s") ")"

#define FREE_TO_TAKE_VISITOR(a) \
	"(" a ".state = 'available' AND " a ".disabled = 0 AND " SIGNED_IN(a) \
	" AND " OPEN_SESSIONS_OF(a) " < " a ".max_sessions" \
	" AND NOT EXISTS (SELECT 1 FROM help_request o WHERE o.offered_agent_id = " a ".id" \
	"  AND o.state = 'offered'))"

const char *const sql_texts_capacity[SQL__MAX] = {
	/* A client's desk: staff signed in (not offline), how many of them are
	 * free to take a visitor, seats in use (open sessions and offers out,
	 * each of which may become one) and the client's seat cap. */
	[SQL_CAPACITY_CLIENT] =
		"SELECT (SELECT COUNT(*) FROM agent a WHERE a.client_id = c.id AND a.state <> 'offline'"
		"  AND a.disabled = 0 AND " SIGNED_IN("a") "),"
		" (SELECT COUNT(*) FROM agent a WHERE a.client_id = c.id AND " FREE_TO_TAKE_VISITOR("a") "),"
		" (SELECT COUNT(*) FROM channel WHERE client_id = c.id AND state = 'open')"
		" + (SELECT COUNT(*) FROM help_request WHERE client_id = c.id AND state = 'offered'),"
		" c.seat_cap FROM client c WHERE c.id = ?",
	/* One member of staff: free to take a visitor (1 or 0), the sessions
	 * they hold and their maximum. */
	[SQL_CAPACITY_AGENT] =
		"SELECT " FREE_TO_TAKE_VISITOR("a") ", " OPEN_SESSIONS_OF("a") ", a.max_sessions,"
		" a.client_id FROM agent a WHERE a.id = ?",
	/* The client's staff free to take a visitor, by name: the desk's
	 * colleagues to hand a session to, and the supervisors' view. */
	[SQL_CAPACITY_FREE_AGENTS] =
		"SELECT a.id, a.display_name, a.state FROM agent a WHERE a.client_id = ?"
		" AND " FREE_TO_TAKE_VISITOR("a") " ORDER BY a.display_name, a.id",
	/* Routing: of those free, one who has not let this request roll: the
	 * one who took the appointment, else the one idle longest. */
	[SQL_CAPACITY_PICK_AGENT] =
		"SELECT a.id FROM agent a WHERE a.client_id = ? AND " FREE_TO_TAKE_VISITOR("a")
		" AND NOT EXISTS (SELECT 1 FROM request_refusal f WHERE f.request_id = ?"
		"  AND f.agent_id = a.id)"
		/* A service level may require a skill (schema/160). */
		" AND NOT EXISTS (SELECT 1 FROM help_request k WHERE k.id = ? AND k.skill IS NOT NULL"
		"  AND NOT FIND_IN_SET(k.skill, a.skills))"
		" ORDER BY a.id = (SELECT COALESCE(h.assigned_agent_id, 0) FROM help_request h"
		"  WHERE h.id = ?) DESC, a.idle_since, a.id LIMIT 1",
};
