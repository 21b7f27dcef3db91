/* seats.h - the seats a client's sessions hold: the client's seat cap
 * counts every person other than staff in its open sessions (visitors and
 * invited guests in channels, attendees present at live events), so that a
 * room of five takes five seats and an event of 20,000 takes 20,000. Room
 * joins and event joins ask here before letting anyone in. */
#ifndef BATON_SEATS_H
#define BATON_SEATS_H

#include <stdbool.h>

struct db;
struct pool;

struct seats {
	long long used;
	long long cap;
};

/* The client's seats now. Returns a db_status. */
int seats_of_client(struct db *db, struct pool *pool, long long client_id, struct seats *out);
/* Whether `more` people may come in now. */
bool seats_free(const struct seats *s, long long more);

#endif
