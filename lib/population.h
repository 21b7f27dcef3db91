/* population.h - an event's audience at a glance, for its producer and
 * speakers (never its attendees): attendees now, registered and ever
 * there, joins and leaves minute by minute over the last two hours (and
 * who was present each minute), where they came from (site) and what they
 * answered to the registration question; and a search of the attendees
 * for moderation. */
#ifndef BATON_POPULATION_H
#define BATON_POPULATION_H

#include "buf.h"

struct db;
struct pool;
struct live_event;

enum { POPULATION_MINUTES = 120, POPULATION_GROUPS = 20, POPULATION_SEARCH_MAX = 100 };

int population_json(struct db *db, struct pool *pool, const struct live_event *ev, struct buf *out);
/* Attendees whose name or e-mail address holds `query` (all, when empty),
 * up to POPULATION_SEARCH_MAX: present, muted, removed, questions asked. */
int population_search_json(struct db *db, struct pool *pool, const struct live_event *ev,
			   const char *query, struct buf *out);

#endif
