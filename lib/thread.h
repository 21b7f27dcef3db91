/* thread.h - message threads: a help request that is answered by e-mail
 * rather than live. An offline message left on the waiting page, or a help
 * request that came by e-mail, holds its messages both ways
 * (help_message): the visitor's (web form, e-mail) and the agents' answers,
 * each sent as a mail whose Reply-To (reply+TOKEN@mail_domain) brings the
 * visitor's next reply back into the same thread. A thread is open or
 * done, may be assigned to an agent, and a new reply reopens it. */
#ifndef BATON_THREAD_H
#define BATON_THREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "request.h"

struct config;
struct db;
struct pool;
struct view;
struct mail_attachment_in;

/* A message that arrived by e-mail, as lib/mail_in.c hands it over. */
struct thread_incoming {
	const char *from_address;
	const char *from_name;      /* may be NULL */
	const char *subject;
	const char *text;           /* the visitor's own words */
	const char *message_id;     /* may be NULL */
	const struct mail_attachment_in *attachments;
	size_t attachment_count;    /* those to keep (0 when not kept) */
	const char *note;           /* appended to the text, e.g. attachments left out */
};

enum {
	THREAD_NOT_FOUND = -40,    /* no such thread for this client */
	THREAD_NO_ADDRESS = -41,   /* the visitor left no e-mail address to answer */
	THREAD_NOT_MAIL = -42,     /* accept: the request is a live one (a channel) */
	THREAD_TAKEN = -43,        /* accept: taken by someone else meanwhile */
};

/* Adds an incoming message to the thread of request_id and reopens it if it
 * was done. One transaction. Returns a db_status (DB_DUPLICATE when this
 * Message-ID is stored already). */
int thread_add_incoming(struct db *db, struct pool *pool, long long request_id,
			long long client_id, const struct thread_incoming *in);

/* A help request by e-mail: waits in the client's queue like a live one
 * (routing offers it), holding the message as the start of its thread. With
 * acknowledge, the sender is told it arrived (not more than once an hour
 * per address). One transaction, then routing. Sets *public_id. */
int thread_create_from_mail(struct db *db, const struct config *cfg, struct pool *pool,
			    long long site_id, long long client_id, const char *client_name,
			    const struct thread_incoming *in, bool acknowledge,
			    const char **public_id);

/* The waiting page's message form: inside the caller's transaction, the
 * question becomes the thread's first message. */
int thread_start_from_form(struct db *db, long long request_id, long long client_id,
			   const char *contact, const char *question);

/* Staff, for r->session's client. Each returns a db_status or THREAD_*. */
int thread_reply(struct request *r, const char *public_id, const char *text);
int thread_assign(struct request *r, const char *public_id, long long agent_id);
int thread_set_done(struct request *r, const char *public_id, bool done);
/* Accepting a help request by e-mail from the queue (the Accept button):
 * it becomes the agent's open thread. */
int thread_accept(struct request *r, const char *public_id);

/* The thread's page: thread.*, messages.N.*, attachments. */
int thread_to_view(struct request *r, const char *public_id, struct view *v);
/* The client's threads for lists: open first, then lately done. */
int thread_list(struct db *db, struct pool *pool, long long client_id, long long agent_id,
		struct db_rows *rows);
extern const char *const thread_list_columns[];

#endif
