/* lead.h - where a leader may take everyone. An agent may lead anywhere. A
 * visitor who holds the baton leads directly only to the client's
 * registered domains (and below them): an address anywhere else could be a
 * look-alike page for phishing the agent, so it is put to the agents as a
 * proposal ('propose' event, seen by staff and the visitor), showing the
 * full address, and leads only when an agent follows it. The setting
 * visitor_lead_anywhere lifts the rule. /go and /seen use this. */
#ifndef BATON_LEAD_H
#define BATON_LEAD_H

#include <stdbool.h>

#include "request.h"

struct member;

/* Whether member m may lead everyone to url without asking (*direct).
 * Returns a db_status. */
int lead_may_go(struct request *r, const struct member *m, const char *url, bool *direct);

/* Whether seq is a visitor's proposal in m's channel of exactly url. */
int lead_proposal_matches(struct request *r, const struct member *m, long long seq, const char *url,
			  bool *matches);

/* Whether m's latest proposal is of exactly url (the viewer reports the
 * same address again and again as the visitor scrolls). */
int lead_already_proposed(struct request *r, const struct member *m, const char *url, bool *already);

#endif
