/* Fuzzes input_validate (lib/input.c) with one input of every declared
 * kind, on urlencoded data: the checks every handler relies on. Promise:
 * a value that passes is what its kind says - a line without control
 * characters, text without them but newlines and tabs, an e-mail address
 * with one @ (lower-cased), a whole number within its bounds, one of the
 * choices, a 64-character lowercase hex token, a 32-character lowercase
 * hex key - and never longer than its limit in characters. */
#include <ctype.h>

#include "fuzz.h"
#include "input.h"
#include "pool.h"
#include "utf8.h"

static const char *const choices[] = { "available", "break", "away", NULL };

enum { IN_LINE, IN_TEXT, IN_EMAIL, IN_PASSWORD, IN_INT, IN_CHOICE, IN_TOKEN, IN_KEY, IN__MAX };
static const struct input spec[IN__MAX] = {
	[IN_LINE] = { "line", INPUT_LINE, false, 20, 0, 0, NULL },
	[IN_TEXT] = { "text", INPUT_TEXT, false, 0, 0, 0, NULL },
	[IN_EMAIL] = { "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	[IN_PASSWORD] = { "password", INPUT_PASSWORD, false, 1024, 0, 0, NULL },
	[IN_INT] = { "int", INPUT_INT, false, 0, -5, 1000000, NULL },
	[IN_CHOICE] = { "choice", INPUT_CHOICE, false, 20, 0, 0, choices },
	[IN_TOKEN] = { "token", INPUT_TOKEN, false, 64, 0, 0, NULL },
	[IN_KEY] = { "key", INPUT_KEY, false, 32, 0, 0, NULL },
};

static int lower_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *pool = pool_new();
	const char *error = NULL;
	struct param *p = input_parse_urlencoded(pool, (const char *)data, size, &error);
	const char *values[IN__MAX];
	long long numbers[IN__MAX];
	if ((p != NULL || error == NULL)
	    && input_validate(pool, p, spec, IN__MAX, values, numbers, &error) == 0) {
		for (int i = 0; i < IN__MAX; i++) {
			const char *v = values[i];
			if (v == NULL)
				continue;
			size_t max = spec[i].max_chars ? spec[i].max_chars : 1000;
			FUZZ_CHECK(utf8_length(v, strlen(v)) <= max);
			for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
				if (i == IN_LINE)
					FUZZ_CHECK(*c >= 0x20 && *c != 0x7f);
				if (i == IN_TEXT)
					FUZZ_CHECK((*c >= 0x20 && *c != 0x7f) || *c == '\n' || *c == '\r'
						   || *c == '\t');
				if (i == IN_EMAIL)
					FUZZ_CHECK(!isupper(*c) && !isspace(*c) && *c != '<' && *c != '>');
			}
			if (i == IN_EMAIL) {
				const char *at = strchr(v, '@');
				FUZZ_CHECK(at != NULL && at != v && strchr(at + 1, '@') == NULL);
			}
			if (i == IN_INT)
				FUZZ_CHECK(numbers[i] >= spec[i].min && numbers[i] <= spec[i].max);
			if (i == IN_CHOICE)
				FUZZ_CHECK(strcmp(v, "available") == 0 || strcmp(v, "break") == 0
					   || strcmp(v, "away") == 0);
			if (i == IN_TOKEN)
				FUZZ_CHECK(lower_hex(v, 64));
			if (i == IN_KEY)
				FUZZ_CHECK(lower_hex(v, 32));
		}
	} else {
		FUZZ_CHECK(error != NULL && error[0] != '\0');
	}
	pool_free(pool);
	return 0;
}
