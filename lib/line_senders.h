/* line_senders.h - the senders of chat lines line_post found lately,
 * remembered by each process for a short while (issue 21: authorizing
 * from memory). A remembered sender's next public line is stored by
 * line_post_known, which checks again whatever can have changed meanwhile
 * (schema/283-line-post-known.sql), so what is kept here is only what
 * cannot change: which participant a browser is in a channel, and whether
 * it was found by a staff session. Bounded: a fixed table, an entry
 * overwritten by a newer one with the same slot, and none kept longer
 * than LINE_SENDER_SECONDS. Tests: t/say-known.t, t/unit/line_senders.c. */
#ifndef BATON_LINE_SENDERS_H
#define BATON_LINE_SENDERS_H

#include <stdbool.h>
#include <time.h>

/* line_post's last-seen stamps are written when a sender goes back to it,
 * at least this often. */
enum { LINE_SENDER_SECONDS = 30 };

/* What identifies a sender: the hashes of the session and visitor cookies
 * (NULL when absent), the channel's public id and the hash of the posting
 * token the page sent. */
struct line_sender_key {
	const char *session;
	const char *visitor;
	const char *channel;
	const char *token;
};

struct line_sender {
	long long channel_id;
	long long participant_id;
	bool staff; /* found by their session: its rule is checked again */
};

/* Whether the sender is remembered, and what for, as of `now`. */
bool line_senders_find(const struct line_sender_key *key, time_t now, struct line_sender *out);
void line_senders_remember(const struct line_sender_key *key, time_t now,
			   const struct line_sender *sender);
void line_senders_forget(const struct line_sender_key *key);

#endif
