/* sql_sample.c - SQL texts for sampled pointers and scroll positions, kept
 * for the replay. Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_sample[SQL__MAX] = {
	/* The rate limit (lib/sample.h, SAMPLE_EVERY_MS less a little, so that
	 * reports sent every 250 ms are all kept): 1 (a first sample) or 2 (the
	 * last one is old enough) rows affected mean "take one now", 0 "too
	 * soon". */
	[SQL_SAMPLE_CLOCK] =
		"INSERT INTO sample_clock (participant_id, kind, at) VALUES (?, ?, NOW(3))"
		" ON DUPLICATE KEY UPDATE at = IF(at <= NOW(3) - INTERVAL 240 * 1000 MICROSECOND, NOW(3), at)",
	[SQL_SAMPLE_INSERT] =
		"INSERT IGNORE INTO archive_sample (channel_id, at, participant_id, kind, x, y)"
		" VALUES (?, NOW(3), ?, ?, ?, ?)",
	/* A session's samples in time order, a page at a time, with their
	 * milliseconds since the session opened. */
	[SQL_SAMPLES_AFTER] =
		"SELECT s.kind, s.participant_id, p.display_name, p.kind, s.x, s.y,"
		" DATE_FORMAT(s.at, '%Y-%m-%dT%H:%i:%s.%fZ'),"
		" GREATEST(0, TIMESTAMPDIFF(MICROSECOND, ch.created_at, s.at) DIV 1000)"
		" FROM archive_sample s JOIN channel ch ON ch.id = s.channel_id"
		" LEFT JOIN participant p ON p.id = s.participant_id"
		" WHERE s.channel_id = ? ORDER BY s.at, s.participant_id, s.kind LIMIT 5000 OFFSET ?",
};
