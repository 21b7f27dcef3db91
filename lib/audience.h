/* audience.h - what an event's attendee follows: the stage channel's
 * events that concern the room (the addresses led to, the lead passing,
 * marks, published questions and answers, speakers' and attendees' public
 * lines, the event's state), the speakers' pointers and scrolling, who
 * leads and where; never join, leave, private or call events, nor the
 * producer's pointer. An attendee who was removed also reads their own
 * removal (nobody else does).
 *
 * The feed (lib/feed.c, kind FEED_AUDIENCE) reads the stage once per round
 * of the poll program, however many attendees wait, and this renders the
 * answer once for all of them: it is the same for every attendee who has
 * seen the same, except when it holds a removal. */
#ifndef BATON_AUDIENCE_H
#define BATON_AUDIENCE_H

#include <stdbool.h>

#include "buf.h"

struct db_rows;

/* Whether an event of this kind reaches attendees. */
bool audience_sees(const char *kind);
/* Whether the rows (of SQL_AUDIENCE_EVENTS_AFTER) name a removed attendee:
 * then each attendee's answer is their own. */
bool audience_rows_personal(const struct db_rows *events);
/* Whether the rows hold anything this attendee sees (before the event is
 * live, only its state). */
bool audience_news(const struct db_rows *events, bool live, long long attendee_id);
/* The answer (without its closing brace: lib/feed.c adds the hold) from
 * the stage's versions (SQL_CHANNEL_VERSIONS), its events after `seen` and
 * the speakers' signals since `seen_signals`, for attendee_id (0: the
 * answer shared by all, when no row is personal). */
void audience_answer_json(const struct db_rows *versions, const struct db_rows *events,
			  const struct db_rows *speakers, bool live, long long attendee_id,
			  long long seen, struct buf *out);

#endif
