/* mail_send.h - the sender's half of the queue: claim due messages in the
 * database (so two senders on two app hosts never send one twice), hand
 * each to the mail system (sendmail command or SMTP relay), and record the
 * outcome: sent; tried again later with back-off; given up after
 * mail_give_up_hours; or bounced (the address is marked bad for the desk). */
#ifndef BATON_MAIL_SEND_H
#define BATON_MAIL_SEND_H

#include <stddef.h>

#include "smtp.h"

struct config;
struct db;
struct pool;

/* Sends what is due, a batch at a time, until nothing is. clock_offset
 * (seconds, tests only) makes the sender act as if it were that much later.
 * Sets *sent to how many went out. Returns a db_status. */
int mail_send_due(struct db *db, const struct config *cfg, struct pool *pool,
		  long long clock_offset, int *sent);

/* Hands one message to the configured transport. */
enum mail_outcome mail_transport_send(const struct config *cfg, struct pool *pool,
				      const char *from, const char *to, const char *content,
				      size_t len, char *error, size_t errlen);

/* Records a permanent failure reported later (a bounce that came back by
 * mail) for the message whose bounce address carried token. Returns a
 * db_status; *found false when no message has that token. */
int mail_record_bounce(struct db *db, struct pool *pool, const char *token, const char *reason,
		       int *found);

#endif
