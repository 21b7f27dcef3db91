/* Unit tests of lib/line_senders.c: a sender is found only by every part
 * of what identifies them, and only for LINE_SENDER_SECONDS. */
#include "line_senders.h"
#include "tap.h"

#define HASH(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
		c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

int main(void)
{
	const char *channel = "0123456789abcdef0123456789abcdef";
	struct line_sender_key visitor = { NULL, HASH("v"), channel, HASH("a") };
	struct line_sender_key agent = { HASH("s"), NULL, channel, HASH("b") };
	struct line_sender found, kept = { .channel_id = 7, .participant_id = 11, .staff = false };

	ok(!line_senders_find(&visitor, 1000, &found), "nobody is remembered at first");
	line_senders_remember(&visitor, 1000, &kept);
	ok(line_senders_find(&visitor, 1000, &found), "a sender is found once remembered");
	ok(found.channel_id == 7 && found.participant_id == 11 && !found.staff,
	   "with the channel and participant they were found in");
	ok(line_senders_find(&visitor, 1000 + LINE_SENDER_SECONDS - 1, &found),
	   "until just before their time is up");
	ok(!line_senders_find(&visitor, 1000 + LINE_SENDER_SECONDS, &found), "and not after");

	line_senders_remember(&visitor, 2000, &kept);
	struct line_sender_key other = visitor;
	other.visitor = HASH("w");
	ok(!line_senders_find(&other, 2000, &found), "another browser with the same token is not them");
	other = visitor;
	other.session = HASH("s");
	ok(!line_senders_find(&other, 2000, &found), "nor the same browser once signed in as staff");
	other = visitor;
	other.channel = "fedcba9876543210fedcba9876543210";
	ok(!line_senders_find(&other, 2000, &found), "nor the same token in another channel");

	struct line_sender staff = { .channel_id = 7, .participant_id = 12, .staff = true };
	line_senders_remember(&agent, 2000, &staff);
	ok(line_senders_find(&agent, 2000, &found) && found.staff && found.participant_id == 12,
	   "an agent is remembered as found by their session");
	ok(line_senders_find(&visitor, 2000, &found) && found.participant_id == 11,
	   "beside the visitor");
	line_senders_forget(&agent);
	ok(!line_senders_find(&agent, 2000, &found), "a forgotten sender is not found");
	ok(line_senders_find(&visitor, 2000, &found), "and the others still are");
	line_senders_forget(&other);
	ok(line_senders_find(&visitor, 2000, &found), "forgetting someone else forgets no one");

	struct line_sender_key odd = visitor;
	odd.token = "not-a-hash-but-far-longer-than-any-hash-is-allowed-to-be-0123456789";
	line_senders_remember(&odd, 2000, &kept);
	ok(!line_senders_find(&odd, 2000, &found), "a key longer than a hash is never kept");
	odd.token = NULL;
	ok(!line_senders_find(&odd, 2000, &found), "nor one without a token");
	return done_testing();
}
