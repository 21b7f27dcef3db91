/* sql_board.c - SQL texts for the whiteboard: who may draw, and the marks
 * (channel events) a page opening later draws again. Part of the statement
 * catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_board[SQL__MAX] = {
	/* Who may draw, read under the channel's lock with what it is checked
	 * against. */
	[SQL_MARK_CHANNEL_LOCK] =
		"SELECT leader_participant_id, everyone_draws FROM channel WHERE id = ? AND state = 'open'"
		" FOR UPDATE",
	[SQL_MARK_SET_EVERYONE_DRAWS] = "UPDATE channel SET everyone_draws = ? WHERE id = ?",
	/* The whiteboard's events so far, a page at a time. */
	[SQL_MARK_EVENTS] =
		"SELECT e.seq, e.kind, e.participant_id, e.body FROM channel_event e"
		" WHERE e.channel_id = ? AND e.seq > ? AND e.kind IN ('mark', 'erase', 'draw')"
		" ORDER BY e.seq LIMIT 1000",
};
