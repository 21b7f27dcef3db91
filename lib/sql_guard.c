/* sql_guard.c - SQL texts guarding the queue (lib/queue_guard.c): limits on
 * help requests, and abandoned requests leaving the queue.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_guard[SQL__MAX] = {
	/* Open requests from the address, requests from it in the last minute,
	 * and requests of the visitor in the last hour. */
	[SQL_GUARD_COUNTS] =
		"SELECT (SELECT COUNT(*) FROM help_request WHERE ip = ?"
		"  AND state IN ('waiting', 'offered')),"
		" (SELECT COUNT(*) FROM help_request WHERE ip = ? AND created_at > NOW(3) - INTERVAL 1 MINUTE),"
		" (SELECT COUNT(*) FROM help_request WHERE visitor_id = ?"
		"  AND created_at > NOW(3) - INTERVAL 1 HOUR)",
	/* The waiting page asked: at most one write every 15 s per request. */
	[SQL_GUARD_SEEN] =
		"UPDATE help_request SET seen_at = NOW(3) WHERE id = ?"
		" AND (seen_at IS NULL OR seen_at < NOW(3) - INTERVAL 15 SECOND)",
	[SQL_GUARD_ABANDON_CLIENTS] =
		"SELECT DISTINCT client_id FROM help_request WHERE state IN ('waiting', 'offered')"
		" AND seen_at < NOW(3) - INTERVAL ? SECOND",
	[SQL_GUARD_ABANDON_DUE] =
		"SELECT id FROM help_request WHERE client_id = ? AND state IN ('waiting', 'offered')"
		" AND seen_at < NOW(3) - INTERVAL ? SECOND ORDER BY id LIMIT 500 FOR UPDATE",
	/* Closed, as the queue report counts it: gone without being accepted. */
	[SQL_GUARD_ABANDON] =
		"UPDATE help_request SET state = 'closed', ended_at = NOW(3), offered_agent_id = NULL"
		" WHERE id = ? AND state IN ('waiting', 'offered')",
};
