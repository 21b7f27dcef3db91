/* admin_lang.h - the language settings of issue 18 as administrative
 * actions (admin.h: checked, authorized per role and client, audited), for
 * the administration pages and tools/baton-admin alike:
 *   an agent's language   what they read and write; lines in others are
 *                         translated for them (agents page, own profile);
 *   a canned phrase's own translation into a language, used instead of
 *                         machine translation (canned phrases page).
 * Languages are tags as lib/translate.h keeps them (en, es, pt-BR). */
#ifndef BATON_ADMIN_LANG_H
#define BATON_ADMIN_LANG_H

#include "admin.h"

struct db_rows;

/* A language tag Baton keeps (lib/translate.h): 0, or 400 with the reason. */
int admin_lang_tag(struct admin_context *ac, const char *lang);

/* One's own language, or an administrator's choice for their staff. */
int account_set_lang(struct admin_context *ac, long long agent_id, const char *lang);

/* The phrase's translation into lang (kept under its base language: es-MX
 * as es); text "" removes it. Who may change the phrase may translate it
 * (admin_canned_may_change). */
int admin_canned_translate(struct admin_context *ac, long long phrase_id, const char *lang,
			   const char *text);
/* phrase_id, lang, text of the client's phrases' translations. */
int admin_canned_translation_list(struct admin_context *ac, long long client_id,
				  struct db_rows *out);
/* The id of the client's phrase for everyone with this title (baton-admin
 * names phrases by title): 0, or 404 with the reason. */
int admin_canned_phrase_by_title(struct admin_context *ac, long long client_id, const char *title,
				 long long *phrase_id);

#endif
