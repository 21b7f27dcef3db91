/* Fuzz harness for the mirror message check (lib/mirror.c): the input is a
 * message body as a browser would post it, checked as sent by each kind of
 * participant. What is accepted is UTF-8, within the size, an object that
 * begins {"t":"NAME" and ends with }, and never from both sides nor from a
 * supervisor; an accepted focus message is exactly {"t":"focus","i":N}
 * or that with ,"masked":true. Seeds: t/fuzz/corpus/mirror/. */
#include <stdbool.h>

#include "fuzz.h"
#include "mirror.h"
#include "utf8.h"

/* The focus message's shape, said another way than lib/mirror.c does. */
static bool focus_exact(const char *body, size_t len)
{
	unsigned long n = 0;
	int used = 0;
	char tail[16] = "";
	if (sscanf(body, "{\"t\":\"focus\",\"i\":%9lu%n", &n, &used) != 1 || used <= 17)
		return false;
	if (body[17] < '0' || body[17] > '9' || (body[17] == '0' && used > 18))
		return false;
	size_t rest = len - (size_t)used;
	if (rest >= sizeof tail)
		return false;
	memcpy(tail, body + used, rest);
	return strcmp(tail, "}") == 0 || strcmp(tail, ",\"masked\":true}") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = fuzz_string(data, size);
	size_t len = strlen(body);
	static const char *const kinds[] = { "visitor", "agent", "supervisor" };
	bool accepted[3];
	for (size_t k = 0; k < 3; k++) {
		bool forbidden;
		const char *problem = mirror_check(body, len, kinds[k], &forbidden);
		accepted[k] = problem == NULL;
		if (accepted[k]) {
			FUZZ_CHECK(len <= MIRROR_BODY_MAX);
			FUZZ_CHECK(utf8_valid(body, len));
			FUZZ_CHECK(strncmp(body, "{\"t\":\"", 6) == 0 && body[len - 1] == '}');
			if (strncmp(body, "{\"t\":\"focus\"", 13) == 0)
				FUZZ_CHECK(focus_exact(body, len));
		}
	}
	FUZZ_CHECK(!(accepted[0] && accepted[1]));
	FUZZ_CHECK(!accepted[2]);
	free(body);
	return 0;
}
