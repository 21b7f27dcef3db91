/* Unit tests of channel_event_keeps_places (lib/channel.c): which kinds of
 * channel event the poll program may let a pass outlive. Every kind that
 * comes with a change of someone's place in a channel ends it, and so does
 * any kind the function does not know. */
#include "channel.h"
#include "tap.h"

int main(void)
{
	static const char *const places[] = { "join", "leave", "transfer", "close", "removed",
					      "monitor", "call", "phone", "stage", "pass" };
	static const char *const calm[] = { "line", "private", "address", "window", "lead", "mark",
					    "erase", "draw", "rtc", "translation", "lang_offer", "lang" };
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
		ok(!channel_event_keeps_places(places[i]), "'%s' may change someone's place", places[i]);
	for (size_t i = 0; i < sizeof calm / sizeof calm[0]; i++)
		ok(channel_event_keeps_places(calm[i]), "'%s' changes no one's place", calm[i]);
	ok(!channel_event_keeps_places("a-kind-added-later"), "a kind it does not know counts as a change");
	ok(!channel_event_keeps_places(""), "so does an empty one");
	ok(!channel_event_keeps_places(NULL), "and none at all");
	ok(!channel_event_keeps_places("Line"), "kinds are compared exactly");
	return done_testing();
}
