/* Fuzzes page_view_parse (lib/page_view.c): the body of the site script's
 * page-view beacon (cgi-bin/pageview.c), from anyone on the network.
 * Promise: it refuses with a message, or gives a site key and a trail of
 * 32 hex, an http(s) page of at most 2,000 characters, and seconds within
 * [0, PAGE_VIEW_SECONDS_MAX]; a body over PAGE_VIEW_BODY_MAX is refused. */
#include "fuzz.h"
#include "page_view.h"
#include "pool.h"

static int is_hex32(const char *s)
{
	if (strlen(s) != 32)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *pool = pool_new();
	struct page_view pv;
	const char *error = NULL;
	if (page_view_parse(pool, (const char *)data, size, &pv, &error) != 0) {
		FUZZ_CHECK(error != NULL && error[0] != '\0');
		pool_free(pool);
		return 0;
	}
	FUZZ_CHECK(size <= PAGE_VIEW_BODY_MAX);
	FUZZ_CHECK(is_hex32(pv.site_key));
	FUZZ_CHECK(is_hex32(pv.trail));
	FUZZ_CHECK(strncmp(pv.page, "http://", 7) == 0 || strncmp(pv.page, "https://", 8) == 0);
	FUZZ_CHECK(strlen(pv.page) <= 2000 * 4);
	FUZZ_CHECK(pv.seconds >= 0 && pv.seconds <= PAGE_VIEW_SECONDS_MAX);
	pool_free(pool);
	return 0;
}
