/* mail_callback.h - the e-mail that tells a visitor the call-back they
 * asked for could not reach them, and how to ask again. */
#ifndef BATON_MAIL_CALLBACK_H
#define BATON_MAIL_CALLBACK_H

struct config;
struct db;
struct pool;

/* Inside the caller's transaction (the one that marks the call-back
 * unreachable): queues the message when the visitor left an e-mail
 * address; nothing when they did not. attempts is how many calls were
 * made. Returns a db_status (an address the queue refuses is logged and
 * is DB_OK: the mark must not wait for it). */
int mail_callback_unreachable(struct db *db, const struct config *cfg, struct pool *pool,
			      long long request_id, long long attempts);

#endif
