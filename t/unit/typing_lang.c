/* Unit tests of lib/typing_lang.c: how much of a typing preview is
 * finished sentences, the part translated. */
#include "tap.h"
#include "typing_lang.h"

int main(void)
{
	ok(typing_lang_finished("Hola, necesito ay") == 0, "no sentence finished: nothing");
	ok(typing_lang_finished("Hola.") == 5, "a sentence ending the text is finished");
	ok(typing_lang_finished("Hola. Necesito ay") == 5, "the finished one, not the one being typed");
	ok(typing_lang_finished("¿Dónde está? ¡Ya! Y") == 21, "the last of several, with ? and !");
	ok(typing_lang_finished("Cuesta 3.50 euros") == 0, "a decimal point ends no sentence");
	ok(typing_lang_finished("Pues\xe2\x80\xa6 no s") == 7, "an ellipsis ends one too");
	ok(typing_lang_finished("www.example.com") == 0, "nor do a web address's dots");
	ok(typing_lang_finished("") == 0, "empty: nothing");
	done_testing();
}
