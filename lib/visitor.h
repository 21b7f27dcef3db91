/* visitor.h - visitors are known by a random token in a long-lived cookie;
 * the database keeps only its hash. */
#ifndef BATON_VISITOR_H
#define BATON_VISITOR_H

#include <stdbool.h>

#include "request.h"

#define VISITOR_COOKIE "baton_visitor"

/* Sets *visitor_id from the cookie. With create, a visitor without one (or
 * with an unknown one) gets a new identity and cookie; otherwise *visitor_id
 * is 0. Returns a db_status. */
int visitor_identify(struct request *r, bool create, long long *visitor_id);

#endif
