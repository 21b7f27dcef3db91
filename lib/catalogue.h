/* catalogue.h - visitor pages and e-mails in the visitor's language. Each
 * page's words live in message catalogues, one per language:
 * templates/lang/LANG.hdf (ClearSilver's HDF: "help.title = ..." lines,
 * UTF-8), read under "t." of the view, English first so that a string
 * missing from a catalogue shows in English rather than not at all.
 * Templates say <?cs var:t.help.title ?> instead of the words; a sentence
 * with a value in it marks the place with {n} (or {name}...) and a plural
 * has KEY.one and KEY.other: templates/lang.cs's macros fill them. A
 * hosting provider adds a language by adding its catalogue file and its
 * tag to catalogue_langs (INSTALL, "Languages"). t/catalogue.t checks every
 * catalogue has every key of English, and that visitor templates hold no
 * words of their own. */
#ifndef BATON_CATALOGUE_H
#define BATON_CATALOGUE_H

#include <time.h>

#include "render.h"
#include "request.h"
#include "translate.h"

/* The languages there are catalogues for, NULL-terminated. */
extern const char *const catalogue_langs[];

/* The catalogue language for a visitor: their choice (the help link's
 * lang=, the language picker's, or their request's, may be NULL), else
 * their browser's Accept-Language among the catalogues, else English. */
void catalogue_lang(const struct request *r, const char *choice, char out[TRANSLATE_LANG_MAX]);

/* Reads the catalogue of lang into the view (English beneath it), with
 * t.lang its language and t.plural.zero the plural form of 0 ("one" in
 * French and Portuguese, else "other"). A page whose words all come from
 * the catalogue also sets page.lang (<html lang>). 0, or -1 after
 * logging. */
int catalogue_load(const struct request *r, struct view *v, const char *lang);
/* A visitor page in the visitor's language: catalogue_lang's choice
 * (choice as there) loaded, and page.lang (<html lang>) set to it. */
void catalogue_page(const struct request *r, struct view *v, const char *choice);
/* The same for a view of no request (an e-mail): lang as stored with the
 * visitor's request, English when there is no catalogue for it. */
int catalogue_load_dir(struct view *v, const char *templates_dir, const char *lang);

/* The catalogue's text at KEY (English's if the language has none) with
 * the values, in order, in place of its {...}s: for words outside a
 * template, such as an e-mail's subject. */
const char *catalogue_say(struct view *v, struct pool *pool, const char *key,
			  const char *const values[], size_t count);

/* An error message (resp_error's, written in English in the C code) in
 * the loaded catalogue's words: English's error.msg.KEY whose text is the
 * message names the key, as a message id does in GNU gettext; a {name} in
 * that text stands for a value ("The field '{field}' is required."), put
 * in the translation's {name}. The message as it is when no catalogue has
 * it. Allocated from pool. */
const char *catalogue_message(struct view *v, const char *templates_dir, struct pool *pool,
			      const char *message);

/* The plural form of n (KEY.one or KEY.other by the loaded language's
 * rule, as templates/lang.cs's count macro picks) filled with n. */
const char *catalogue_count(struct view *v, struct pool *pool, const char *key, long long n);

/* A wait in the loaded catalogue's words ("about 5 minutes", "unos 5
 * minutos"): band and minutes as queue_wait_band gives them; "" for none. */
const char *catalogue_estimate(struct view *v, struct pool *pool, const char *band, long long minutes);

/* A moment as the loaded catalogue writes a date and time (its
 * date.format with {weekday}, {day}, {month}, {year} and {time};
 * date.weekday.0..6 from Sunday, date.month.1..12),
 * in UTC, which it says; the visitor's pages show it again in the
 * browser's own time zone (htdocs/js/wait.js, transcript). */
const char *catalogue_datetime(struct view *v, struct pool *pool, time_t when);

#endif
