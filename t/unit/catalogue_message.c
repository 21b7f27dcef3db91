/* Unit tests of lib/catalogue.c's catalogue_message with the real
 * catalogues (templates/lang/): an error message the C code writes in
 * English comes out in the loaded language, word for word or with its
 * values ({field}, {min}, {max}) kept; a message no catalogue has, or one
 * that only starts like a known one, stays as it is. */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "config.h"
#include "pool.h"
#include "render.h"
#include "tap.h"

static struct config cfg;

static const char *said(struct pool *pool, const char *lang, const char *message)
{
	struct view *v = view_new_mail(pool, &cfg);
	catalogue_load_dir(v, cfg.templates_dir, lang);
	return catalogue_message(v, cfg.templates_dir, pool, message);
}

int main(void)
{
	const char *root = getenv("BATON_ROOT");
	snprintf(cfg.templates_dir, sizeof cfg.templates_dir, "%s/templates", root ? root : ".");
	struct pool *pool = pool_new();

	is_str(said(pool, "es", "This conversation has ended."), "Esta conversación ha terminado.",
	       "word for word, in Spanish");
	is_str(said(pool, "en", "This conversation has ended."), "This conversation has ended.",
	       "in English, as written");
	is_str(said(pool, "de", "The field 'visitor' is required."), "Das Feld 'visitor' ist erforderlich.",
	       "a value kept in its place");
	is_str(said(pool, "fr", "The field 'n' must be a whole number from 1 to 1000000000000."),
	       "Le champ 'n' doit être un nombre entier de 1 à 1000000000000.", "three values kept");
	is_str(said(pool, "pt", "Acme Ltd takes no phone calls."), "Acme Ltd não atende chamadas telefónicas.",
	       "a value at the start");
	is_str(said(pool, "es", "Nothing a catalogue has."), "Nothing a catalogue has.", "an unknown message stays");
	is_str(said(pool, "es", "This conversation has ended. And more."), "This conversation has ended. And more.",
	       "one that only starts like a known one stays");
	is_str(said(pool, "es", "The field '' is required."), "The field '' is required.",
	       "an empty value is no match");
	return done_testing();
}
