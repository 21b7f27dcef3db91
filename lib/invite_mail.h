/* invite_mail.h - an invitation into a session, sent by e-mail. The one
 * place where an invitation meets the mail system: the message is queued
 * with mail_queue_add (lib/mail_queue.h) in the invitation's own
 * transaction (lib/room.c: room_invite), so it goes exactly when the link
 * exists; an address mail cannot go to gets the link on the screen only. */
#ifndef BATON_INVITE_MAIL_H
#define BATON_INVITE_MAIL_H

#include <stdbool.h>

struct config;
struct db;
struct pool;

struct invitation_mail {
	long long client_id;
	const char *to, *to_name;   /* the address, and whom it is for (may be NULL) */
	const char *from_name;      /* who invites */
	const char *room;           /* the session's name */
	const char *link;           /* the invitation's address */
};

/* Queues the invitation for sending, inside the caller's transaction.
 * *queued says whether it was; when it was not, *note says why, for the
 * inviter. Returns a db_status. */
int invitation_mail_queue(struct db *db, const struct config *cfg, struct pool *pool,
			  const struct invitation_mail *m, bool *queued, const char **note);

/* The message's subject and text (also for tests and the mail queue). */
const char *invitation_mail_subject(struct pool *pool, const struct invitation_mail *m);
const char *invitation_mail_text(struct pool *pool, const struct invitation_mail *m);

#endif
