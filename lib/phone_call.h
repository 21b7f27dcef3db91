/* phone_call.h - calls as the web side sees them: made when an agent
 * accepts a call-back (or joined to the channel when they accept a caller
 * holding in the IVR), found from a channel, the key an agent's phone
 * dials in with, and agents' commands for the dialer. */
#ifndef BATON_PHONE_CALL_H
#define BATON_PHONE_CALL_H

#include <stdbool.h>

struct db;
struct pool;

/* Inside the accept transaction: a call-back gets its call (the dialer
 * places it when the agent's phone dials in); a holding caller's call
 * gets the channel and agent. Other kinds of request: nothing. */
int phone_call_accepted(struct db *db, long long request_id, const char *kind,
			long long channel_id, long long agent_id);

struct phone_call_info {
	long long id;
	const char *public_id;
	bool outbound;
	const char *number;
	const char *state;      /* new, dialing, ringing, ivr, queued, talking, held, ended */
	const char *outcome;
	long long agent_id;
};
/* The channel's latest call; *found false when it has none. */
int phone_call_of_channel(struct db *db, struct pool *pool, long long channel_id,
			  struct phone_call_info *out, bool *found);
/* A fresh key for agent_id's phone to dial in with (the last one stops
 * working): key_out gets the key (64 hex characters). */
int phone_call_new_key(struct db *db, long long call_id, long long agent_id, char key_out[65]);
/* hold, resume, hangup, requeue, or digits (arg: 0-9 * # A-D, up to 20). */
int phone_call_command(struct db *db, long long call_id, long long agent_id, const char *command,
		       const char *arg);

#endif
