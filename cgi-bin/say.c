/* say - a participant posts a chat line to their channel (or, with `to`, a
 * private line that only that one other participant sees). The line counts
 * as sent once this answers: it is stored with its sequence number. A
 * client message id makes a retried post harmless. Tests: t/say.t,
 * t/say-statements.t. */
#include <ctype.h>
#include <string.h>

#include "channel.h"
#include "chat_lang.h"
#include "db.h"
#include "line_post.h"
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
