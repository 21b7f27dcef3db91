/* typing_lang.h - a visitor's typing preview for staff who read another
 * language: translated a finished sentence at a time (issue 18, as the
 * seed has it), never word by word. Setting translate_typing. Tests:
 * t/unit/typing_lang.c, t/typing-translate.t. */
#ifndef BATON_TYPING_LANG_H
#define BATON_TYPING_LANG_H

#include <stddef.h>

#include "channel.h"
#include "request.h"

/* How much of text is finished sentences: up to and including the last
 * ".", "!", "?" or "…" that ends the text or is followed by a space. 0
 * when no sentence is finished yet. Pure (t/unit/typing_lang.c). */
size_t typing_lang_finished(const char *text);

/* What staff see of member m typing text: text itself when m is not a
 * visitor, every staff reader shares their language, the setting is off
 * or text is empty; otherwise the translation of its finished sentences
 * (reused while they stay the same), with " …" for the unfinished rest,
 * or "…" alone (typing, words not shown) before the first sentence ends
 * or when the engine fails. */
const char *typing_lang_preview(struct request *r, const struct member *m, const char *text);

#endif
