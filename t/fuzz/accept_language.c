/* Fuzz harness: lib/visitor_lang.c's Accept-Language parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "visitor_lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const only[] = { "en", "es", "de", NULL };
	char *s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	char out[TRANSLATE_LANG_MAX];
	visitor_lang_from_accept(s, NULL, out);
	visitor_lang_from_accept(s, only, out);
	free(s);
	return 0;
}
