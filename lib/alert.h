/* alert.h - mail that warns: a help link used on a domain its client has
 * not registered (to the operator and the client's alert address, the
 * first time and then at most once a day per domain), and a staff member's
 * sign-in from an address they have not used before (signin_alerts). Both
 * are queued in the caller's request; a failure to queue is logged and
 * never fails the page. */
#ifndef BATON_ALERT_H
#define BATON_ALERT_H

#include "request.h"

struct site_info;

/* After the refusal of a help link from host (page: the Referer). */
void alert_unregistered_domain(struct request *r, const struct site_info *site, const char *host,
			       const char *page);
/* After a successful sign-in of agent_id from r->remote_addr. */
void alert_new_signin_address(struct request *r, long long agent_id);

#endif
