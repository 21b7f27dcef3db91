/* Unit tests of lib/lang_detect.c with Debian's libexttextcat and its
 * fingerprints: a chat line in each of the chat's languages is told apart,
 * a line too short to tell is not guessed at, and bytes that are no text
 * at all give no language. */
#include <stdlib.h>
#include <string.h>

#include "lang_detect.h"
#include "tap.h"

static char conf[600];

static const char *detect(const char *text)
{
	static char out[TRANSLATE_LANG_MAX];
	int rc = lang_detect(conf, text, strlen(text), out);
	return rc == 1 ? out : rc == 0 ? "(not sure)" : "(error)";
}

int main(void)
{
	const char *root = getenv("BATON_ROOT");
	snprintf(conf, sizeof conf, "%s/templates/lang/detect.conf", root ? root : ".");

	is_str(detect("Hola, necesito ayuda con mi pedido, no ha llegado todavía a mi casa."), "es", "Spanish");
	is_str(detect("Hello, I need some help with my order, it has not arrived at my house yet."), "en", "English");
	is_str(detect("Bonjour, j'ai besoin d'aide pour ma commande, elle n'est toujours pas arrivée chez moi."), "fr", "French");
	is_str(detect("Hallo, ich brauche Hilfe mit meiner Bestellung, sie ist noch nicht bei mir angekommen."), "de", "German");
	is_str(detect("Olá, preciso de ajuda com a minha encomenda, ainda não chegou a minha casa."), "pt", "Portuguese");
	is_str(detect("Hola"), "(not sure)", "a word is too short to tell");
	is_str(detect("1234567890 1234567890 1234567890 !!!"), "(not sure)", "digits are no language");
	char out[TRANSLATE_LANG_MAX];
	ok(lang_detect("/nonexistent/detect.conf", "Hola, necesito ayuda con mi pedido.", 36, out) == -1 && out[0] == '\0',
	   "without its fingerprints it says so, and names no language");
	return done_testing();
}
