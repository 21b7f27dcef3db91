/* Fuzzes input_parse_cookies (lib/input.c): the Cookie header. Promise:
 * never fails; every pair it keeps has a non-empty name without '=' or
 * ';', a value without ';', and param_get finds a value for each name. */
#include "fuzz.h"
#include "input.h"
#include "pool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *header = fuzz_string(data, size);
	struct pool *pool = pool_new();
	struct param *p = input_parse_cookies(pool, header);
	for (struct param *q = p; q != NULL; q = q->next) {
		FUZZ_CHECK(q->name[0] != '\0');
		FUZZ_CHECK(strchr(q->name, '=') == NULL && strchr(q->name, ';') == NULL);
		FUZZ_CHECK(strchr(q->value, ';') == NULL);
		FUZZ_CHECK(strstr(header, q->name) != NULL);
		FUZZ_CHECK(param_get(p, q->name) != NULL);
	}
	pool_free(pool);
	free(header);
	return 0;
}
