/* Fuzzes helpreq_page_url (lib/helpreq.c): a visitor's Referer as Baton
 * stores it and puts it in forms. Promise: at most 2000 bytes, all
 * printable ASCII without spaces (everything else %-escaped), and the
 * same as the input when the input was already so. */
#include "fuzz.h"
#include "helpreq.h"
#include "pool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *referer = fuzz_string(data, size);
	struct pool *pool = pool_new();
	const char *out = helpreq_page_url(pool, referer);
	FUZZ_CHECK(out != NULL && strlen(out) <= 2000);
	bool plain = true;
	for (const unsigned char *c = (const unsigned char *)referer; *c; c++)
		plain &= *c > 0x20 && *c < 0x7f;
	for (const unsigned char *c = (const unsigned char *)out; *c; c++)
		FUZZ_CHECK(*c > 0x20 && *c < 0x7f);
	if (plain && strlen(referer) <= 2000)
		FUZZ_CHECK(strcmp(out, referer) == 0);
	pool_free(pool);
	free(referer);
	return 0;
}
