/* overflow.h - the overflow page: when the client's desk counts as
 * overloaded for a newcomer (its overflow_after_minutes setting: the
 * estimated wait is longer, or nobody could answer at all), the help link
 * and form do not queue them but offer a message, a call-back or to try
 * later (cgi-bin/help.c, templates/overflow.cs). A visitor whose service
 * level may skip the overflow page is queued regardless. */
#ifndef BATON_OVERFLOW_H
#define BATON_OVERFLOW_H

#include <stdbool.h>

#include "estimate.h"

struct db;
struct pool;
struct profile_ask;
struct treatment;

/* The rule, pure (t/unit/overflow.c): after_minutes 0 is never. */
bool overflow_due(long long after_minutes, bool level_skips, const struct estimate *e);

/* Whether this newcomer of the client is sent to the overflow page; fills
 * *t and *e with the treatment and estimate it was decided on (when the
 * setting is on). Returns a db_status. */
int overflow_for_newcomer(struct db *db, struct pool *pool, long long client_id,
			  long long visitor_id, const struct profile_ask *ask, struct treatment *t,
			  struct estimate *e, bool *overflow);

#endif
