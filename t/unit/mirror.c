/* Unit tests of lib/mirror.c: which mirror messages are stored, from whom. */
#include "mirror.h"
#include "tap.h"

static const char *check(const char *body, const char *kind, bool *forbidden)
{
	return mirror_check(body, strlen(body), kind, forbidden);
}

int main(void)
{
	bool forbidden;
	ok(check("{\"t\":\"snap\",\"id\":1,\"part\":0,\"parts\":1,\"d\":\"{}\"}", "visitor", &forbidden) == NULL,
	   "the visitor sends a snapshot");
	ok(check("{\"t\":\"input\",\"i\":4,\"v\":\"\xe2\x80\xa2\"}", "visitor", &forbidden) == NULL, "and typing");
	ok(check("{\"t\":\"fill\",\"i\":4,\"v\":\"x\"}", "agent", &forbidden) == NULL, "the agent fills a field");
	ok(check("{\"t\":\"click\",\"i\":4}", "agent", &forbidden) == NULL, "and clicks");
	ok(check("{\"t\":\"snap\"}", "agent", &forbidden) != NULL && forbidden, "the agent sends no page of their own");
	ok(check("{\"t\":\"fill\",\"i\":4}", "visitor", &forbidden) != NULL && forbidden, "the visitor sends no fill");
	ok(check("{\"t\":\"click\",\"i\":4}", "supervisor", &forbidden) != NULL && forbidden,
	   "a supervisor watching silently sends nothing");
	ok(check("{\"t\":\"declined\"}", "visitor", &forbidden) == NULL, "the visitor declines (nothing of the page)");
	ok(check("{\"t\":\"cannot\",\"why\":\"canvas\"}", "visitor", &forbidden) == NULL,
	   "or their page says it cannot be mirrored");
	ok(check("{\"t\":\"declined\"}", "agent", &forbidden) != NULL && forbidden, "the agent declines for nobody");
	ok(check("{\"t\":\"drop\"}", "visitor", &forbidden) != NULL && !forbidden, "an unknown message is refused");
	ok(check("{\"t\":\"snap", "visitor", &forbidden) != NULL, "a truncated one too");
	ok(check("[\"t\",\"snap\"]", "visitor", &forbidden) != NULL, "and one that is not an object");
	ok(mirror_check("{\"t\":\"stop\"\xff}", 13, "visitor", &forbidden) != NULL, "and one that is not UTF-8");
	ok(check("{\"t\":\"focus\",\"i\":12}", "visitor", &forbidden) == NULL, "the visitor's focus: which element");
	ok(check("{\"t\":\"focus\",\"i\":9,\"masked\":true}", "visitor", &forbidden) == NULL, "a masked one, said so");
	ok(check("{\"t\":\"focus\",\"i\":0}", "visitor", &forbidden) == NULL, "or none");
	ok(check("{\"t\":\"focus\",\"i\":12}", "agent", &forbidden) != NULL && forbidden, "the agent sends no focus");
	static const char *const bad_focus[] = {
		"{\"t\":\"focus\",\"i\":9,\"v\":\"4111 1111 1111 1111\"}", "{\"t\":\"focus\",\"i\":9,\"masked\":false}",
		"{\"t\":\"focus\",\"i\":\"9\"}", "{\"t\":\"focus\",\"i\":-9}", "{\"t\":\"focus\",\"i\":09}",
		"{\"t\":\"focus\",\"i\":1234567890}", "{\"t\":\"focus\"}", "{\"t\":\"focus\",\"i\":}",
		"{\"t\":\"focus\",\"i\":9,\"masked\":true,\"v\":\"x\"}", "{\"t\":\"focus\",\"i\":9 }",
	};
	for (size_t k = 0; k < sizeof bad_focus / sizeof *bad_focus; k++)
		ok(check(bad_focus[k], "visitor", &forbidden) != NULL && !forbidden, "a focus message with anything else: %s",
		   bad_focus[k]);
	static char big[MIRROR_BODY_MAX + 20];
	memset(big, 'a', sizeof big - 1);
	memcpy(big, "{\"t\":\"mut\",\"x\":\"", 16);
	big[sizeof big - 3] = '"';
	big[sizeof big - 2] = '}';
	ok(check(big, "visitor", &forbidden) != NULL, "and one over the size a stored event holds");
	return done_testing();
}
