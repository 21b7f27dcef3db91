/* Unit tests of lib/buf.c and lib/pool.c: growth, the escapers and the id lists. */
#include "buf.h"
#include "pool.h"
#include "tap.h"

int main(void)
{
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, 'x');
	ok(b.len == 10000 && strlen(b.data) == 10000, "the buffer grows and stays terminated");
	buf_clear(&b);
	buf_html(&b, "<a href=\"x\">O'Neil & co</a>");
	is_str(b.data, "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;", "HTML escaping");
	buf_clear(&b);
	buf_json_string(&b, "line\n\"q\" </script>\x01");
	is_str(b.data, "\"line\\n\\\"q\\\" \\u003c/script\\u003e\\u0001\"", "JSON escaping is HTML-safe");
	buf_clear(&b);
	buf_json_ids(&b, NULL, 0);
	is_str(b.data, "[]", "no ids: an empty JSON array");
	buf_clear(&b);
	const long long ids[] = { 7, 9223372036854775807LL, 42 };
	buf_json_ids(&b, ids, 3);
	is_str(b.data, "[7,9223372036854775807,42]", "ids as a JSON array of numbers");
	buf_free(&b);

	struct pool *pool = pool_new();
	char *big = pool_alloc(pool, 100000);
	big[99999] = 'z';
	is_str(pool_printf(pool, "%s-%d", "n", 7), "n-7", "pool_printf formats");
	ok(big[99999] == 'z', "large pool allocations work");
	pool_free(pool);
	return done_testing();
}
