/* supervise.h - a client's desk seen from above: each agent's state, for how
 * long, their sessions and how long each has run; the queue's length and
 * oldest wait; the call-back list and the calls going on; and the alerts
 * a supervisor must not miss. Shown as the
 * supervise page and as its poll answer. */
#ifndef BATON_SUPERVISE_H
#define BATON_SUPERVISE_H

#include "buf.h"
#include "db.h"

struct view;

struct supervision {
	unsigned long long version;
	struct db_rows agents;
	struct db_rows queue;   /* each visitor waiting or offered, in service order */
	long long waiting;
	long long oldest_wait;
	long long wait_target;
	struct db_rows callbacks;  /* the call-back list: due ones first */
	struct db_rows calls;      /* calls not yet ended */
};

int supervise_load(struct db *db, struct pool *pool, long long client_id, struct supervision *s);
void supervise_json(const struct supervision *s, struct buf *out);
void supervise_to_view(const struct supervision *s, struct pool *pool, struct view *v);

#endif
