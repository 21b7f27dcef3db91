/* admin_translate.c - the translation engine tried (admin_translate.h). */
#include "admin_translate.h"

#include "admin_lang.h"
#include "buf.h"
#include "config.h"
#include "pool.h"
#include "translate.h"

int admin_translate_try(struct admin_context *ac, const char *from, const char *to, const char *text_in,
			const char **translation, const char **via)
{
	int status = admin_authorize(ac, POWER_OPERATOR, 0);
	if (status == 0)
		status = admin_lang_tag(ac, from);
	if (status == 0)
		status = admin_lang_tag(ac, to);
	int refused = 0;
	const char *text = status == 0 ? admin_text(ac, "text", INPUT_TEXT, 2000, text_in, true, &refused) : NULL;
	if (status == 0 && text == NULL)
		status = refused;
	if (status != 0)
		return status;
	struct buf out;
	buf_init(&out);
	char pivot[TRANSLATE_LANG_MAX] = "";
	enum translate_status st = translate_text(ac->cfg, from, to, text, &out, pivot);
	*translation = pool_strdup(ac->pool, out.data ? out.data : "");
	*via = pool_strdup(ac->pool, pivot);
	buf_free(&out);
	if (st == TRANSLATE_OFF)
		return admin_refuse(ac, 409, "There is no translation engine: set translate_url in baton.conf.");
	if (st == TRANSLATE_NO_PAIR)
		return admin_refuse(ac, 409, "The engine cannot translate %s to %s, directly or through %s.",
				    from, to, ac->cfg->translate_pivots);
	if (st != TRANSLATE_OK)
		return admin_refuse(ac, 503, "The engine at %s did not answer in time.", ac->cfg->translate_url);
	ac->link = *translation;
	ac->link_label = **via ? pool_printf(ac->pool, "From %s into %s, through %s", from, to, *via)
			       : pool_printf(ac->pool, "From %s into %s", from, to);
	return admin_done(ac, "The translation engine answers.");
}
