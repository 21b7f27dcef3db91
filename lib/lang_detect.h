/* lang_detect.h - which language a visitor's line is written in, for
 * offering the agent to switch the visitor's language when they type in
 * another than their browser's (issue 18). libexttextcat's n-gram
 * classifier (Debian's libexttextcat-2.0-0) with the fingerprints of
 * libexttextcat-data, restricted to the chat's languages by
 * templates/lang/detect.conf. Outside input: t/fuzz/lang_detect.c. */
#ifndef BATON_LANG_DETECT_H
#define BATON_LANG_DETECT_H

#include <stddef.h>

#include "translate.h"

/* Where libexttextcat-data keeps its fingerprints. */
#define LANG_DETECT_FINGERPRINTS "/usr/share/libexttextcat/"

/* Shorter lines say too little to tell (bytes). */
#define LANG_DETECT_MIN_BYTES 20

/* Only the first this many bytes are classified. */
#define LANG_DETECT_MAX_BYTES 1000

/* Classifies text (len bytes, UTF-8, need not end in NUL) with the
 * languages of conf (templates/lang/detect.conf). 1 and out set when one
 * language stands out; 0 when the text is too short or the languages are
 * too close to call; -1 when the classifier cannot start (logged once). */
int lang_detect(const char *conf, const char *text, size_t len, char out[TRANSLATE_LANG_MAX]);

#endif
