/* lang_tag.c - language tags (see translate.h): what Baton keeps, what the
 * translation engine calls each language. Apart from
 * translate.c so that pages can use them without the HTTP client. */
#include "translate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Two-letter tags (what browsers send) and the codes Apertium's pairs use. */
static const struct {
	const char *two, *three;
} codes[] = {
	{ "en", "eng" }, { "es", "spa" }, { "fr", "fra" }, { "de", "deu" }, { "pt", "por" },
	{ "it", "ita" }, { "ca", "cat" }, { "gl", "glg" }, { "eu", "eus" }, { "oc", "oci" },
	{ "ro", "ron" }, { "nl", "nld" }, { "sv", "swe" }, { "da", "dan" }, { "nb", "nob" },
	{ "nn", "nno" }, { "is", "isl" }, { "eo", "epo" }, { "ru", "rus" }, { "uk", "ukr" },
};

bool translate_lang_valid(const char *s)
{
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return false;
	if (s[n] == '\0')
		return true;
	if (s[n] != '-' && s[n] != '_')
		return false;
	size_t m = 0;
	while (isalnum((unsigned char)s[n + 1 + m]))
		m++;
	return m >= 2 && m <= 3 && s[n + 1 + m] == '\0';
}

void translate_lang_base(const char *tag, char *out)
{
	size_t n = 0;
	while (n < 3 && isalpha((unsigned char)tag[n])) {
		out[n] = (char)tolower((unsigned char)tag[n]);
		n++;
	}
	out[n] = '\0';
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(out, codes[i].three) == 0)
			snprintf(out, TRANSLATE_LANG_MAX, "%s", codes[i].two);
}

bool translate_same_lang(const char *a, const char *b)
{
	char x[TRANSLATE_LANG_MAX], y[TRANSLATE_LANG_MAX];
	translate_lang_base(a, x);
	translate_lang_base(b, y);
	return strcmp(x, y) == 0;
}

const char *lang_tag_engine_code(const char *tag, char *out)
{
	translate_lang_base(tag, out);
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(out, codes[i].two) == 0)
			return codes[i].three;
	return out;
}
