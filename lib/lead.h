/* lead.h - where a leader may take everyone. An agent may lead anywhere. A
 * visitor who holds the baton leads directly only to the client's
 * registered domains (and below them): an address anywhere else could be a
 * look-alike page for phishing the agent, so it becomes the visitor's
 * proposal - a last-value signal shown, in full, to staff only - and leads
 * only when an agent follows it. The setting visitor_lead_anywhere lifts
 * the rule. /go and /seen use this. */
#ifndef BATON_LEAD_H
#define BATON_LEAD_H

#include <stdbool.h>

#include "request.h"

struct member;

/* Whether member m may lead everyone to url without asking (*direct).
 * Returns a db_status. */
int lead_may_go(struct request *r, const struct member *m, const char *url, bool *direct);

/* Makes url the visitor m's proposal (nothing when it is already). */
int lead_propose(struct request *r, const struct member *m, const char *url);

/* An agent follows visitor participant `visitor`'s proposal: *matches when
 * it is exactly url (the proposal is then withdrawn; the caller leads). */
int lead_follow_proposal(struct request *r, const struct member *agent, long long visitor,
			 const char *url, bool *matches);

#endif
