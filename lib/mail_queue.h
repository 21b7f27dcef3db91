/* mail_queue.h - "queue this message": the one call every part of Baton
 * uses to send e-mail.
 *
 *     struct mail m = {
 *         .kind = "invitation", .client_id = client_id,
 *         .to = "new.agent@example.com", .to_name = "New Agent",
 *         .subject = "You are invited to Baton",
 *         .text = "Hello...\n", .html = NULL,   // html optional
 *         .auto_submitted = "auto-generated",
 *     };
 *     int rc = mail_queue_add(r->db, r->cfg, r->pool, &m, NULL);
 *
 * The message is built at once (lib/mime.c: Date, Message-ID, MIME parts)
 * and stored in mail_message; the sender (tools/baton-mailer, on every app
 * host) hands it to the mail system, retries temporary failures with
 * back-off and marks bounces. Call it inside your own transaction and the
 * mail is queued exactly when your change commits. Nothing else is needed:
 * no template, no setting; From is the installation's mail_from unless
 * from_name says whose name to show. */
#ifndef BATON_MAIL_QUEUE_H
#define BATON_MAIL_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "mime.h"

struct config;
struct db;
struct pool;

struct mail {
	/* What it is, for the desk, the log and tests: [a-z_], at most 32.
	 * In use: transcript, reply, acknowledgement, confirmation, reminder,
	 * agent_reminder, unregistered_domain, digest, signin_alert,
	 * invitation and password_reset (accounts), room_invitation (an
	 * invitation into a session, lib/invite_mail.c). */
	const char *kind;
	long long client_id;       /* 0: not about one client (operator mail) */
	long long request_id;      /* 0, or the help request (thread) it is about */
	const char *to;            /* one address */
	const char *to_name;       /* may be NULL */
	const char *subject;       /* UTF-8, one line */
	const char *text;          /* UTF-8, required */
	const char *html;          /* UTF-8, or NULL */
	const char *from_name;     /* NULL: mail_from_name ("Baton") */
	const char *reply_to;      /* NULL: none */
	const char *in_reply_to;   /* the Message-ID (no <>) this answers, or NULL */
	const char *references;    /* Message-IDs (no <>), space-separated, or NULL */
	/* "auto-generated" for anything Baton sends by itself; NULL for an
	 * answer a person wrote. */
	const char *auto_submitted;
	const char *list_unsubscribe; /* digests: the one-click unsubscribe URL */
	const struct mime_attachment *attachments;
	size_t attachment_count;
};

/* Errors beside the db_status values. */
enum { MAIL_BAD_MESSAGE = -30 }; /* an address, kind or header that cannot be sent */

/* Builds and queues the message. Sets *mail_id (may be NULL) to its row and
 * *message_id (may be NULL) to its Message-ID without <>, from pool.
 * Returns DB_OK, a db_status, or MAIL_BAD_MESSAGE (logged). */
int mail_queue_add(struct db *db, const struct config *cfg, struct pool *pool,
		   const struct mail *m, long long *mail_id, const char **message_id);

/* The domain of Baton's own addresses (Message-IDs, reply and bounce
 * addresses, help addresses): mail_domain, else public_url's host, else
 * this host's name. */
const char *mail_domain(const struct config *cfg, struct pool *pool);
/* The From address: mail_from, else help@ + mail_domain. */
const char *mail_from_address(const struct config *cfg, struct pool *pool);

/* The address people reach Baton at, for links in mail: public_url
 * (without a trailing slash), else https:// + mail_domain. */
const char *mail_public_url(const struct config *cfg, struct pool *pool);

/* An address Baton may write to (a visitor's contact, a form's input). */
bool mail_is_address(const char *s);

#endif
