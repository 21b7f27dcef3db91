/* Unit tests of lib/translate.c's pure parts: language tags and the
 * engine's answer. The engine itself is
 * tested against the stack's real Apertium in t/translate.t. */
#include <string.h>

#include "tap.h"
#include "translate.h"

int main(void)
{
	char base[TRANSLATE_LANG_MAX];
	struct buf out;
	buf_init(&out);

	ok(translate_lang_valid("es"), "es is a language tag");
	ok(translate_lang_valid("pt-BR"), "pt-BR is one");
	ok(translate_lang_valid("spa"), "spa is one");
	ok(!translate_lang_valid("e"), "e is not");
	ok(!translate_lang_valid("es-"), "es- is not");
	ok(!translate_lang_valid("es;q=0.9"), "an Accept-Language item is not");
	ok(!translate_lang_valid(""), "nothing is not");
	translate_lang_base("es-MX", base);
	is_str(base, "es", "es-MX is Spanish");
	translate_lang_base("SPA", base);
	is_str(base, "es", "SPA is Spanish");
	ok(translate_same_lang("en-GB", "eng"), "en-GB and eng are the same language");
	ok(!translate_same_lang("en", "es"), "en and es are not");

	const char *reply = "{\"responseData\": {\"translatedText\": \"Hola, \\u00bfc\\u00f3mo "
			    "est\\u00e1s?\\n\\\"bien\\\" \\ud83d\\ude00\"}, \"responseStatus\": 200}";
	ok(translate_reply_parse(reply, strlen(reply), &out) == 0, "an answer parses");
	is_str(out.data, "Hola, \xc2\xbf" "c\xc3\xb3mo est\xc3\xa1s?\n\"bien\" \xf0\x9f\x98\x80",
	       "escapes, accents and a surrogate pair are decoded");
	const char *missing = "{\"status\": \"error\", \"code\": 400, \"explanation\": \"That pair "
			      "is not installed\"}";
	ok(translate_reply_parse(missing, strlen(missing), &out) == 1, "a missing pair is told");
	const char *cut = "{\"responseData\": {\"translatedText\": \"Hola";
	ok(translate_reply_parse(cut, strlen(cut), &out) == -1, "a cut answer fails");
	const char *bad = "{\"translatedText\": \"a\\x\"}";
	ok(translate_reply_parse(bad, strlen(bad), &out) == -1, "a bad escape fails");
	ok(translate_reply_parse("", 0, &out) == -1, "nothing fails");

	struct config cfg;
	config_defaults(&cfg);
	cfg.translate_url[0] = '\0';
	ok(translate_text(&cfg, "es", "en", "Hola", &out, NULL) == TRANSLATE_OFF,
	   "no engine configured: translation is off");
	buf_free(&out);
	done_testing();
}
