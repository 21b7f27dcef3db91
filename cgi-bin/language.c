/* language - an agent of a conversation switches the visitor's
 * language for it, as the offer beside the chat proposes when the visitor
 * writes another language than theirs (lib/lang_switch.c): translation
 * follows at the next line, the visitor's page reloads in the language,
 * and a "lang" event archives the switch. POST channel, token (the page's
 * security token), visitor (the visitor's participant id), lang.
 * Tests: t/language.t, t/browser-language.t. */
#include <string.h>

#include "channel.h"
#include "db.h"
#include "lang_switch.h"
#include "pool.h"
#include "program.h"
#include "response.h"
#include "translate.h"

enum { IN_CHANNEL, IN_TOKEN, IN_VISITOR, IN_LANG, IN__MAX };
static const struct input language_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_VISITOR] = { "visitor", INPUT_INT, true, 0, 1, 1000000000000LL, NULL },
	[IN_LANG] = { "lang", INPUT_LINE, true, 16, 0, 0, NULL },
};

static int language(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	/* A supervisor watching silently would give themselves away: what
	 * they do is for staff only, and the visitor's page would not follow. */
	if (strcmp(m.kind, "supervisor") == 0)
		return resp_error(r, 403, "You are watching silently: ask the agent to switch the "
				  "visitor's language.");
	if (strcmp(m.kind, "agent") != 0)
		return resp_error(r, 403, "Only the staff of this conversation can switch the "
				  "visitor's language.");
	if (!translate_lang_valid(r->in[IN_LANG]))
		return resp_error(r, 400, "The field 'lang' must be a language tag, such as es or pt-BR.");
	char lang[TRANSLATE_LANG_MAX];
	translate_lang_base(r->in[IN_LANG], lang);
	long long seq = 0;
	int rc = lang_switch(r->db, r->pool, m.channel_id, m.participant_id, r->in_int[IN_VISITOR],
			     lang, &seq);
	if (rc == LANG_SWITCH_NO_VISITOR)
		return resp_error(r, 400, "The field 'visitor' must name a visitor in this conversation.");
	if (rc != DB_OK)
		return channel_failed(r, rc);
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"lang\":\"%s\",\"changed\":%s,\"seq\":%lld}",
						     lang, seq > 0 ? "true" : "false", seq));
	return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", r->in[IN_CHANNEL]));
}

static const struct action language_actions[] = {
	{ METHOD_POST, language_inputs, IN__MAX, GUARD_NONE, language },
};

static const struct program language_program = {
	"language", false, language_actions, COUNT_OF(language_actions)
};

int main(int argc, char **argv)
{
	return program_main(&language_program, argc, argv);
}
