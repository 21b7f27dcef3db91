/* mail_in.h - what becomes of one incoming message (tools/baton-mail-in):
 * a bounce marks the message it names; a reply (to reply+TOKEN@, or with
 * In-Reply-To/References naming Baton's mail) joins its thread; mail to a
 * site's help address becomes a help request by e-mail. Mail no person
 * wrote (auto-replies, bounces elsewhere, lists) is never answered, and
 * bad or hostile mail is refused with its reason in the log and nothing
 * stored. */
#ifndef BATON_MAIL_IN_H
#define BATON_MAIL_IN_H

#include <stddef.h>

struct config;
struct db;
struct pool;

enum mail_in_result {
	MAIL_IN_STORED,    /* it is in the database */
	MAIL_IN_REFUSED,   /* refused for a reason now in the log; nothing stored */
	MAIL_IN_TRY_LATER, /* the database is unreachable: the mail server keeps it */
};

/* recipient: the envelope recipient (the address the mail server
 * delivered to). raw: the whole message. */
enum mail_in_result mail_in_deliver(struct db *db, const struct config *cfg, struct pool *pool,
				    const char *recipient, const char *raw, size_t len);

#endif
