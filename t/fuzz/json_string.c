/* Fuzzes buf_json_string (lib/buf.c): every text Baton sends to browsers
 * in JSON (chat lines, names, addresses). Promise: the result is one JSON
 * string literal - no raw control character, quote or backslash inside,
 * no < > & (so it is safe inside HTML too) - that decodes back to the
 * input byte for byte. */
#include <stdbool.h>

#include "buf.h"
#include "fuzz.h"

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	struct buf b, back;
	buf_init(&b);
	buf_init(&back);
	buf_json_string(&b, text);
	const char *p = b.data;
	FUZZ_CHECK(b.len >= 2 && p[0] == '"' && p[b.len - 1] == '"');
	for (size_t i = 1; i + 1 < b.len; i++) {
		unsigned char c = (unsigned char)p[i];
		FUZZ_CHECK(c >= 0x20 && c != '"' && c != '<' && c != '>' && c != '&');
		if (c != '\\') {
			buf_putc(&back, (char)c);
			continue;
		}
		char e = p[++i];
		if (e == 'u') {
			FUZZ_CHECK(i + 4 < b.len - 1);
			int v = 0;
			for (int k = 1; k <= 4; k++) {
				int h = hex(p[i + k]);
				FUZZ_CHECK(h >= 0);
				v = v * 16 + h;
			}
			FUZZ_CHECK(v > 0 && v < 0x80);
			buf_putc(&back, (char)v);
			i += 4;
		} else {
			FUZZ_CHECK(strchr("\"\\nrt", e) != NULL);
			buf_putc(&back, e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
		}
	}
	FUZZ_CHECK(strcmp(back.data ? back.data : "", text) == 0);
	buf_free(&b);
	buf_free(&back);
	free(text);
	return 0;
}
