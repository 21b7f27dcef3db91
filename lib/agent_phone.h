/* agent_phone.h - agents' desk phones: a SIP account per agent (user
 * "deskN", a password Baton makes), which the agent's SIP phone registers
 * with Baton's proxy; while it is set, the dialer rings that phone for the
 * agent's calls instead of the browser's phone dialling in. One function
 * each for baton-admin and an admin page. */
#ifndef BATON_AGENT_PHONE_H
#define BATON_AGENT_PHONE_H

#include <stdbool.h>

struct db;
struct pool;

enum { AGENT_PHONE_PASSWORD = 20 };

/* Makes (or replaces) the agent's desk-phone account for realm (the
 * sip_domain): *user gets "deskN", password_out a new password. */
int agent_phone_set(struct db *db, struct pool *pool, long long agent_id, const char *realm,
		    const char **user, char password_out[AGENT_PHONE_PASSWORD + 1]);
/* Removes it: calls come to the browser again. */
int agent_phone_remove(struct db *db, long long agent_id);
/* The HA1 of a desk phone's account, for the SIP proxy's digest check; NULL
 * (*found false) for an unknown user. */
int agent_phone_ha1(struct db *db, struct pool *pool, const char *user, const char **ha1);
/* Whether the agent's calls ring a desk phone. */
int agent_phone_in_use(struct db *db, struct pool *pool, long long agent_id, bool *in_use);

#endif
