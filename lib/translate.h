/* translate.h - machine translation of chat lines behind one small
 * interface: an APY-style HTTP engine (Apertium's apertium-apy, or another
 * engine a hosting provider runs that answers the same request), pairs
 * tried direct first and then through each pivot language of
 * translate_pivots. Tests: t/unit/translate.c, t/translate.t. */
#ifndef BATON_TRANSLATE_H
#define BATON_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "config.h"

enum translate_status {
	TRANSLATE_OK,
	TRANSLATE_OFF,     /* no engine configured */
	TRANSLATE_NO_PAIR, /* neither direct nor through a pivot */
	TRANSLATE_FAILED,  /* the engine did not answer in time, or garbled */
};

#define TRANSLATE_LANG_MAX 8

/* Whether s is a language tag Baton keeps ("es", "pt-BR", "spa"): 2-3
 * letters, optionally a region. */
bool translate_lang_valid(const char *s);
/* The language part of a tag, lower case, two letters where known
 * ("es-MX" -> "es", "spa" -> "es"); out holds TRANSLATE_LANG_MAX bytes. */
void translate_lang_base(const char *tag, char *out);
/* Whether two tags name the same language (readers then need nothing). */
bool translate_same_lang(const char *a, const char *b);

/* The engine's (Apertium's) code for a tag ("es" -> "spa"); out holds
 * TRANSLATE_LANG_MAX bytes. */
const char *lang_tag_engine_code(const char *tag, char *out);

/* Translates text from one language to another into out (cleared first).
 * Direct pairs are tried first, then each pivot; `via` (may be NULL)
 * receives the pivot used, "" for a direct pair. */
enum translate_status translate_text(const struct config *cfg, const char *from, const char *to,
				     const char *text, struct buf *out, char via[TRANSLATE_LANG_MAX]);

/* Parses an engine's answer: 0 with the translated text in out, 1 when
 * the engine says the pair is not installed, -1 for anything else. A
 * parser of outside input: t/fuzz/translate_reply.c. */
int translate_reply_parse(const char *body, size_t len, struct buf *out);

#endif
