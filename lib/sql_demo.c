/* sql_demo.c - SQL texts for demo history (baton-admin demo): a finished session from yesterday.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_demo[SQL__MAX] = {
	/* Times are seconds after 14:00 UTC yesterday. */
	[SQL_DEMO_VISITOR] =
		"INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00'),"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00'))",
	[SQL_DEMO_REQUEST] =
		"INSERT INTO help_request (public_id, client_id, site_id, visitor_id, name, question,"
		" page_url, priority, state, accepted_agent_id, accepted_at, created_at, ended_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'closed', ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00'),"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_CHANNEL] =
		"INSERT INTO channel (public_id, client_id, request_id, name, state, last_seq, current_url,"
		" changed_at, created_at, closed_at) VALUES (?, ?, ?, ?, 'closed', ?, ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_PARTICIPANT] =
		"INSERT INTO participant (channel_id, kind, agent_id, visitor_id, display_name, token,"
		" avatar, joined_at, left_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_EVENT] =
		"INSERT INTO channel_event (channel_id, seq, kind, participant_id, body, at)"
		" VALUES (?, ?, ?, ?, ?, TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_REQUEST_EVENT] =
		"INSERT INTO request_event (request_id, client_id, kind, agent_id, at) VALUES (?, ?, ?, ?,"
		" TIMESTAMP(UTC_DATE() - INTERVAL 1 DAY, '14:00:00') + INTERVAL ? SECOND)",
	[SQL_DEMO_HITS] =
		"INSERT INTO help_hit (site_id, day, hits) VALUES (?, UTC_DATE() - INTERVAL 1 DAY, 7)"
		" ON DUPLICATE KEY UPDATE hits = hits + 7",
};
