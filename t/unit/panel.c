/* Unit tests of who may frame the widget's panel (lib/panel.c): the site's
 * domains and their subdomains, any port, and nothing that is not plainly
 * a host name (a header value must never be broken into). */
#include "panel.h"
#include "pool.h"
#include "tap.h"

int main(void)
{
	struct pool *pool = pool_new();
	const char *none[] = { NULL };
	is_str(panel_frame_ancestors(pool, none, 0), "'self'", "no domains: Baton's own pages only");
	const char *two[] = { "shop.example", "127.0.0.1" };
	is_str(panel_frame_ancestors(pool, two, 2),
	       "'self' shop.example:* *.shop.example:* 127.0.0.1:* *.127.0.0.1:*",
	       "each domain, its subdomains, any port");
	const char *bad[] = { "evil.test; script-src *", "a\r\nSet-Cookie: x=1", "*", "", ".x", "ok.test",
			      "UPPER.test", NULL };
	is_str(panel_frame_ancestors(pool, bad, 8), "'self' ok.test:* *.ok.test:*",
	       "anything but a plain lower-case host name is left out");
	pool_free(pool);
	return done_testing();
}
