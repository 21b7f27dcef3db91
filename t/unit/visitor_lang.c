/* Unit tests of lib/visitor_lang.c: the best language of Accept-Language. */
#include "tap.h"
#include "visitor_lang.h"

int main(void)
{
	char out[TRANSLATE_LANG_MAX];
	static const char *const catalogues[] = { "en", "es", "fr", "de", "pt", NULL };

	visitor_lang_from_accept("de-DE,de;q=0.9,en;q=0.8", NULL, out);
	is_str(out, "de", "a German browser reads German");
	visitor_lang_from_accept("en;q=0.5, es-MX;q=0.9", NULL, out);
	is_str(out, "es", "the highest q wins, not the first");
	visitor_lang_from_accept("nl, fr;q=0.7", catalogues, out);
	is_str(out, "fr", "among catalogues, the best one there is");
	visitor_lang_from_accept("*, es;q=0", NULL, out);
	is_str(out, "", "a star and q=0 give nothing");
	visitor_lang_from_accept("es;q=1.0, en;q=1", NULL, out);
	is_str(out, "es", "first on a tie");
	visitor_lang_from_accept(";;,,;q=, x-klingon;q=0.9,pt-BR;Q=0.5", NULL, out);
	is_str(out, "pt", "junk is skipped");
	visitor_lang_from_accept(NULL, NULL, out);
	is_str(out, "", "no header, nothing");
	done_testing();
}
