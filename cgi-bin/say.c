/* say - a participant posts a chat line to their channel (or, with `to`, a
 * private line that only that one other participant sees). The line counts
 * as sent once this answers: it is stored with its sequence number. A
 * client message id makes a retried post harmless. Translations and the
 * detection of a visitor's language follow the stored line, never before
 * it (lib/chat_lang.c, lib/lang_switch.c). Tests: t/say.t,
 * t/say-statements.t, t/language.t. */
#include <ctype.h>
#include <string.h>

#include "channel.h"
#include "chat_lang.h"
#include "db.h"
#include "lang_switch.h"
#include "line_post.h"
#include "log.h"
#include "pool.h"
#include "program.h"
#include "response.h"

enum { IN_CHANNEL, IN_TOKEN, IN_TEXT, IN_CMID, IN_TO, IN_CANNED, IN__MAX };
static const struct input say_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_TEXT] = { "text", INPUT_TEXT, true, CHANNEL_LINE_MAX, 0, 0, NULL },
	[IN_CMID] = { "cmid", INPUT_LINE, false, 64, 0, 0, NULL },
	/* A private line ("sidebar") for this one participant. */
	[IN_TO] = { "to", INPUT_INT, false, 0, 1, 1000000000000LL, NULL },
	/* The canned phrase the line is: its written translations are used. */
	[IN_CANNED] = { "canned", INPUT_INT, false, 0, 1, 1000000000000LL, NULL },
};

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static bool valid_cmid(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

/* A visitor who writes another language than theirs: their agents are
 * offered to switch it (lib/lang_switch.c). A failure costs the offer, not
 * the line; a line too short to tell costs nothing at all. */
static void offer_switch(struct request *r, const struct line_post *lp)
{
	bool visitor = false;
	for (size_t i = 0; i < lp->people.rows; i++)
		if (db_cell_int(&lp->people, i, 0) == lp->m.participant_id)
			visitor = strcmp(db_cell(&lp->people, i, 1), "visitor") == 0;
	if (!visitor)
		return;
	const char *conf = pool_printf(r->pool, "%s/lang/detect.conf", r->cfg->templates_dir);
	int rc = lang_switch_offer(r->db, r->pool, conf, lp->m.channel_id, lp->m.participant_id,
				   lp->lang, r->in[IN_TEXT], NULL);
	if (rc != DB_OK)
		log_warn("language detection after a line in channel %lld: not offered (%d)",
			 lp->m.channel_id, rc);
}

static int say(struct request *r)
{
	if (blank(r->in[IN_TEXT]))
		return resp_error(r, 400, "The line is empty.");
	if (r->in[IN_CMID] != NULL && !valid_cmid(r->in[IN_CMID]))
		return resp_error(r, 400, "The field 'cmid' may hold only letters, digits, '-' and '_'.");
	/* Who sends it, whether they may, and the line stored: one request
	 * to the database (lib/line_post.c). */
	struct line_post lp = { .channel_public_id = r->in[IN_CHANNEL], .token = r->in[IN_TOKEN],
				.text = r->in[IN_TEXT], .cmid = r->in[IN_CMID], .to = r->in_int[IN_TO] };
	int status = line_post(r, &lp);
	if (status != 0)
		return status;
	/* Stored and ordered: readers of other languages get translations next. */
	chat_lang_translate_line(r, &lp.m, &lp.people, lp.seq, lp.to, lp.lang, r->in[IN_TEXT],
				 r->in_int[IN_CANNED]);
	offer_switch(r, &lp);
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld}", lp.seq));
	return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", r->in[IN_CHANNEL]));
}

static const struct action say_actions[] = {
	{ METHOD_POST, say_inputs, IN__MAX, GUARD_NONE, say },
};

static const struct program say_program = { "say", false, say_actions, COUNT_OF(say_actions) };

int main(int argc, char **argv)
{
	return program_main(&say_program, argc, argv);
}
