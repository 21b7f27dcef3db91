/* visitor_lang.h - the language a visitor reads: their choice (the help
 * link's or form's `lang`, which the site's help button fills from the
 * page's <html lang>, or the language picker), else their browser's
 * Accept-Language, else English. Tests: t/unit/visitor_lang.c, t/translate.t. */
#ifndef BATON_VISITOR_LANG_H
#define BATON_VISITOR_LANG_H

#include <stddef.h>

#include "request.h"
#include "translate.h"

/* The best language of an Accept-Language header (highest q, first on a
 * tie; "*" and q=0 skipped) as a base tag ("es"), or "" if none. Among
 * `only` (NULL-terminated) when given. A parser of outside input:
 * t/fuzz/accept_language.c. */
void visitor_lang_from_accept(const char *header, const char *const *only,
			      char out[TRANSLATE_LANG_MAX]);

/* The visitor's language for this request, given their choice (may be
 * NULL or invalid: then ignored). */
void visitor_lang(const struct request *r, const char *choice, char out[TRANSLATE_LANG_MAX]);

/* Stores it as the language of the visitor's help request. */
int visitor_lang_remember(struct request *r, const char *request_public_id, const char *lang);

#endif
