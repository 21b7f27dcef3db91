/* Fuzzes input_parse_urlencoded (lib/input.c): every query string and form
 * body. Promise: it either refuses with a message, or every name is
 * non-empty and every name and value is valid UTF-8 without NUL; encoding
 * what it gave back and parsing that again gives the same pairs. */
#include "buf.h"
#include "fuzz.h"
#include "input.h"
#include "pool.h"
#include "utf8.h"

static void encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *pool = pool_new();
	const char *error = NULL;
	struct param *p = input_parse_urlencoded(pool, (const char *)data, size, &error);
	if (p == NULL) {
		/* No pairs and no error only for input of nothing but '&'s. */
		if (error == NULL)
			for (size_t i = 0; i < size; i++)
				FUZZ_CHECK(data[i] == '&');
		pool_free(pool);
		return 0;
	}
	FUZZ_CHECK(error == NULL);
	struct buf again;
	buf_init(&again);
	size_t pairs = 0;
	for (struct param *q = p; q != NULL; q = q->next, pairs++) {
		FUZZ_CHECK(q->name[0] != '\0');
		FUZZ_CHECK(utf8_valid(q->name, strlen(q->name)));
		FUZZ_CHECK(utf8_valid(q->value, strlen(q->value)));
		if (again.len > 0)
			buf_putc(&again, '&');
		encode(&again, q->name);
		buf_putc(&again, '=');
		encode(&again, q->value);
	}
	const char *error2 = NULL;
	struct param *r = input_parse_urlencoded(pool, again.data ? again.data : "", again.len, &error2);
	for (struct param *q = p; q != NULL; q = q->next, r = r->next) {
		FUZZ_CHECK(r != NULL);
		FUZZ_CHECK(strcmp(q->name, r->name) == 0 && strcmp(q->value, r->value) == 0);
	}
	FUZZ_CHECK(r == NULL);
	buf_free(&again);
	pool_free(pool);
	return 0;
}
