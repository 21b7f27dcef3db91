/* admin_translate.h - the Baton operator tries the translation engine
 * (issue 18), from the Health page or `baton-admin translate`. In a file
 * of its own: it pulls in lib/translate.c and so libcurl, which only the
 * programs that translate link. */
#ifndef BATON_ADMIN_TRANSLATE_H
#define BATON_ADMIN_TRANSLATE_H

#include "admin.h"

/* The Baton operator tries the translation engine (translate_url) as chat
 * lines go through it: 0 with the translation in *translation (also
 * ac->link, to show) and the pivot language in *via ("" for a direct
 * pair); 400 for a bad tag or text, 409 when no engine is configured or it
 * has no such pair, 503 when it did not answer in time. */
int admin_translate_try(struct admin_context *ac, const char *from, const char *to, const char *text,
			const char **translation, const char **via);

#endif
