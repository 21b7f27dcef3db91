/* staff.h - who among the staff may see what. Agents work their own client's
 * desk; supervisors and admins also see its archive, reports, live desk and
 * statements; the Baton operator sees every client's. Every archive, report,
 * replay and statement program asks here before reading anything. */
#ifndef BATON_STAFF_H
#define BATON_STAFF_H

#include <stdbool.h>

#include "request.h"

/* In order of what they may see of a client's desk: a reseller's account
 * lives in the installation's house client but sees nothing of its desk. */
enum staff_role { ROLE_RESELLER, ROLE_AGENT, ROLE_SUPERVISOR, ROLE_ADMIN, ROLE_OPERATOR };

enum staff_role staff_role(const struct session *s);
/* The role called name ("agent", "operator"...). */
enum staff_role staff_role_named(const char *name);
/* True when the signed-in staff member may see client_id's data at role
 * `at_least` (operators may see every client's). */
bool staff_may_see_client(const struct session *s, long long client_id, enum staff_role at_least);
/* For pages with an optional ?client=SLUG (operators choose a client; others
 * get their own): sets *client_id, or answers 403/404 and returns its status.
 * Returns 0 when allowed. */
int staff_client_for_request(struct request *r, const char *slug, enum staff_role at_least,
			     long long *client_id);

#endif
