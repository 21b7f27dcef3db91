/* say - a participant posts a chat line to their channel (or, with `to`, a
 * private line that only that one other participant sees). The line counts
 * as sent once this answers: it is stored with its sequence number. A
 * client message id makes a retried post harmless. Translations and the
 * detection of a visitor's language follow the stored line, never before
 * it (lib/chat_lang.c, lib/lang_switch.c). Tests: t/say.t, t/language.t. */
#include <ctype.h>
#include <string.h>

#include "channel.h"
#include "chat_lang.h"
#include "db.h"
#include "lang_switch.h"
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

/* A visitor who writes another language than theirs: staff are offered
 * to switch it (lib/lang_switch.c). A failure costs the offer, not the line. */
static void offer_switch(struct request *r, const struct member *m, const char *lang)
{
	const char *conf = pool_printf(r->pool, "%s/lang/detect.conf", r->cfg->templates_dir);
	int rc = lang_switch_offer(r->db, r->pool, conf, m->channel_id, m->participant_id, lang,
				   NULL);
	if (rc != DB_OK)
		log_warn("language detection after a line in channel %lld: not offered (%d)",
			 m->channel_id, rc);
}

static int say(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	if (blank(r->in[IN_TEXT]))
		return resp_error(r, 400, "The line is empty.");
	if (r->in[IN_CMID] != NULL && !valid_cmid(r->in[IN_CMID]))
		return resp_error(r, 400, "The field 'cmid' may hold only letters, digits, '-' and '_'.");
	long long to = r->in_int[IN_TO];
	/* A supervisor watching silently prompts the agents only: a line the
	 * visitor could see would give them away. */
	bool silent = strcmp(m.kind, "supervisor") == 0;
	if (silent && to == 0)
		return resp_error(r, 403, "You are watching silently: prompt the agent with a private line.");
	int rc = DB_OK;
	if (to != 0) {
		struct db_rows recipient;
		rc = db_query(r->db, r->pool, SQL_PARTICIPANT_IN_CHANNEL, &recipient, "ii", to,
			      m.channel_id);
		/* A visitor cannot write to a supervisor watching silently: answered
		 * as for a stranger, so that trying ids reveals no one. */
		bool hidden = rc == DB_OK && recipient.rows > 0 && strcmp(m.kind, "visitor") == 0
			      && strcmp(db_cell(&recipient, 0, 1), "supervisor") == 0;
		if (rc == DB_OK && (recipient.rows == 0 || to == m.participant_id || hidden))
			return resp_error(r, 400, "A private line goes to one other person in this "
					  "conversation.");
		if (rc == DB_OK && silent && strcmp(db_cell(&recipient, 0, 1), "visitor") == 0)
			return resp_error(r, 403, "You are watching silently: prompt the agent, not the "
					  "visitor.");
	}
	long long seq = 0;
	const char *lang = NULL;
	struct db_rows people;
	if (rc == DB_OK)
		rc = chat_lang_of(r->db, r->pool, m.channel_id, m.participant_id, &lang, &people);
	if (rc == DB_OK)
		rc = channel_post_lang(r->db, m.channel_id, m.participant_id, to,
				       to ? "private" : "line", r->in[IN_TEXT], r->in[IN_CMID], lang, 0,
				       &seq);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	/* Stored and ordered: readers of other languages get translations next. */
	chat_lang_translate_line(r, &m, &people, seq, to, lang, r->in[IN_TEXT], r->in_int[IN_CANNED]);
	if (strcmp(m.kind, "visitor") == 0)
		offer_switch(r, &m, lang);
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld}", seq));
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
