/* chat_lang.h - chat between people who read different languages. A line
 * is stored once, at once, in its original with its language; then, for
 * each other language its readers read, a "translation" event names the
 * line's seq and carries the translation (a canned phrase's written
 * translation where the line is one, else the engine's), or no body when
 * the engine could not give one: readers then keep the original, marked
 * "translation unavailable". Tests: t/translate.t, t/browser-translate.t. */
#ifndef BATON_CHAT_LANG_H
#define BATON_CHAT_LANG_H

#include "channel.h"
#include "db.h"
#include "pool.h"
#include "request.h"

/* The language a participant of a channel writes and reads ("en" when
 * nothing says otherwise). people (may be NULL) receives everyone present
 * with their languages, for chat_lang_translate_line. */
int chat_lang_of(struct db *db, struct pool *pool, long long channel_id, long long participant_id,
		 const char **lang, struct db_rows *people);

/* The language a participant reads, whether still present or not (a
 * transcript after the session closed): "en" when nothing says otherwise. */
int chat_lang_reader(struct db *db, struct pool *pool, long long channel_id, long long participant_id,
		     const char **lang);

/* After line `seq` by m (to: a private line's recipient, or 0) in `lang`,
 * with people as chat_lang_of gave them before the line: posts its
 * translations. canned_id names the canned phrase the line is, or 0. A
 * failure is logged and leaves readers the original. */
void chat_lang_translate_line(struct request *r, const struct member *m, const struct db_rows *people,
			      long long seq, long long to, const char *lang, const char *text,
			      long long canned_id);

/* After an accept: the visitor's question, the conversation's first line,
 * translated for the agent like any line. A failure is logged. */
void chat_lang_translate_question(struct request *r, const char *channel_public_id);

#endif
