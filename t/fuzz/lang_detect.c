/* Fuzzes lib/lang_detect.c, which classifies visitors' chat lines (outside
 * input) with libexttextcat. Promises: the answer is 1, 0 or -1; with 1 the
 * language is one of templates/lang/detect.conf's, else none is named; the
 * bytes are read within their length (they need not end in NUL). */
#include "fuzz.h"
#include "lang_detect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char conf[600];
	if (conf[0] == '\0') {
		const char *root = getenv("BATON_ROOT");
		snprintf(conf, sizeof conf, "%s/templates/lang/detect.conf", root ? root : ".");
	}
	/* libexttextcat is not built with the sanitizers: only an unreadable
	 * page right after the bytes catches its reading past them. */
	struct fuzz_guarded text = fuzz_guarded_copy(data, size);
	char out[TRANSLATE_LANG_MAX];
	int rc = lang_detect(conf, text.bytes, size, out);
	FUZZ_CHECK(rc == 1 || rc == 0 || rc == -1);
	if (rc == 1) {
		static const char *const langs[] = { "en", "es", "fr", "de", "pt", "ca", "it" };
		bool known = false;
		for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
			known = known || strcmp(out, langs[i]) == 0;
		FUZZ_CHECK(known);
	} else {
		FUZZ_CHECK(out[0] == '\0');
	}
	fuzz_guarded_free(text);
	return 0;
}
