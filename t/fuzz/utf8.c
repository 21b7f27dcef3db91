/* Fuzzes utf8_valid and utf8_length (lib/utf8.c) against a decoder written
 * here from RFC 3629's definition: valid exactly when the reference
 * decodes every code point (no overlong form, no surrogate, nothing past
 * U+10FFFF, no NUL), and then the length is the number of code points. */
#include <stdbool.h>

#include "fuzz.h"
#include "utf8.h"

static bool reference(const uint8_t *s, size_t len, size_t *points)
{
	*points = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n;
		if (s[i] < 0x80) { cp = s[i]; n = 1; }
		else if ((s[i] & 0xE0) == 0xC0) { cp = s[i] & 0x1F; n = 2; }
		else if ((s[i] & 0xF0) == 0xE0) { cp = s[i] & 0x0F; n = 3; }
		else if ((s[i] & 0xF8) == 0xF0) { cp = s[i] & 0x07; n = 4; }
		else return false;
		if (i + n > len)
			return false;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0)
			return false;
		(*points)++;
		i += n;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t points;
	bool expected = reference(data, size, &points);
	bool valid = utf8_valid((const char *)data, size);
	FUZZ_CHECK(valid == expected);
	if (valid)
		FUZZ_CHECK(utf8_length((const char *)data, size) == points);
	return 0;
}
