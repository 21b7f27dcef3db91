/* Fuzzes site_event_parse (lib/site_event.c): the body of a site's signed
 * event POST (cgi-bin/track.c), from anyone on the network. Promise: it
 * refuses with a message, or gives a site key of 32 hex, a valid event
 * name, a customer, a 64-hex signature, and a signed part that is exactly
 * the body before "&sig="; the signature check never crashes. */
#include "fuzz.h"
#include "pool.h"
#include "site_event.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *pool = pool_new();
	struct site_event ev;
	const char *error = NULL;
	if (site_event_parse(pool, (const char *)data, size, &ev, &error) != 0) {
		FUZZ_CHECK(error != NULL && error[0] != '\0');
		pool_free(pool);
		return 0;
	}
	FUZZ_CHECK(strlen(ev.site_key) == 32);
	FUZZ_CHECK(site_event_name_valid(ev.event));
	FUZZ_CHECK(ev.customer != NULL && ev.customer[0] != '\0');
	FUZZ_CHECK(strlen(ev.sig) == 64);
	size_t signed_len = strlen(ev.signed_part);
	FUZZ_CHECK(signed_len + 5 + 64 == size);
	FUZZ_CHECK(memcmp(ev.signed_part, data, signed_len) == 0);
	FUZZ_CHECK(memcmp(data + signed_len, "&sig=", 5) == 0);
	FUZZ_CHECK(ev.orders >= -1);
	(void)site_event_signed_by(&ev, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	(void)site_event_fresh(&ev, 1765000000);
	pool_free(pool);
	return 0;
}
