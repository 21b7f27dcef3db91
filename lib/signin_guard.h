/* signin_guard.h - slowing down password guessing: per account and address
 * pair, per address, and (gently, and never from an address the account
 * has signed in from) per account. After a number of free failures each
 * further failure doubles the wait before the next try (capped), counted
 * from the database so that every app host sees the same history. Failing
 * on purpose from elsewhere cannot lock an agent out. */
#ifndef BATON_SIGNIN_GUARD_H
#define BATON_SIGNIN_GUARD_H

#include "request.h"

/* Seconds the client must still wait before trying email again from this
 * address (0 when it may try now), or a negative db_status. */
long long signin_wait_seconds(struct request *r, const char *email);
/* Records an attempt: outcome is ok, bad_password, unknown, disabled or
 * throttled. agent_id 0 when no such agent. Returns a db_status. */
int signin_record(struct request *r, const char *email, long long agent_id, const char *outcome);
/* The wait after `failures` failures when `free_failures` are allowed. */
long long signin_delay(long long failures, long long free_failures, long long max_delay);

#endif
