/* catalogue.h - visitor pages in the visitor's language. Each page's words
 * live in message catalogues, one per language: templates/lang/LANG.hdf
 * (ClearSilver's HDF: "help.title = ..." lines, UTF-8), read under "t." of
 * the view, English first so that a string missing from a catalogue shows
 * in English rather than not at all. Templates say <?cs var:t.help.title ?>
 * instead of the words. t/catalogue.t checks every
 * catalogue has every key of English, and that converted visitor templates
 * hold no words of their own. */
#ifndef BATON_CATALOGUE_H
#define BATON_CATALOGUE_H

#include "render.h"
#include "request.h"
#include "translate.h"

/* The languages there are catalogues for, NULL-terminated. */
extern const char *const catalogue_langs[];

/* The catalogue language for a visitor: their choice (the help link's
 * lang=, may be NULL), else their browser's Accept-Language among the
 * catalogues, else English. */
void catalogue_lang(const struct request *r, const char *choice, char out[TRANSLATE_LANG_MAX]);

/* Reads the catalogue of lang into the view (English beneath it), with
 * t.lang its language. A page whose words all come from the catalogue also
 * sets page.lang (<html lang>). 0, or -1 after logging. */
int catalogue_load(const struct request *r, struct view *v, const char *lang);

#endif
