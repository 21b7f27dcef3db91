/* line_post.h - a participant's chat line, checked and stored in one
 * request to the database (issue 21): who sends it, their place in the
 * channel, their token and the chat gates are checked by the procedure
 * that stores it (schema/280-line-post.sql), so /say costs one round trip.
 * A sender it found is remembered for a while (line_senders.h), and their
 * later public lines are stored by line_post_known, which checks again only
 * what can have changed (schema/283-line-post-known.sql).
 * Tests: t/say.t, t/say-statements.t, t/say-known.t, t/two-hosts.t. */
#ifndef BATON_LINE_POST_H
#define BATON_LINE_POST_H

#include "channel.h"
#include "db.h"
#include "request.h"

struct line_post {
	const char *channel_public_id;
	const char *token;      /* the participant's posting token, as sent */
	const char *text;
	const char *cmid;       /* the client message id, or NULL */
	long long to;           /* a private line's recipient, or 0 */
	/* Out, when it was stored: */
	struct member m;        /* channel_id, client_id, participant_id */
	long long seq;
	const char *lang;       /* the language the line is written in */
	struct db_rows people;  /* everyone present, as chat_lang_of gives them */
};

/* Posts the line as the requester (the signed-in agent, or the visitor of
 * this browser) from our own origin. Returns 0, or the status of the error
 * response it set: the same answers channel_authorize and say.c gave. */
int line_post(struct request *r, struct line_post *lp);

#endif
