/* lang_switch.c - see lang_switch.h. */
#include "lang_switch.h"

#include <ctype.h>
#include <string.h>

#include "channel.h"
#include "lang_detect.h"

/* Words of two letters or more (a byte of a UTF-8 sequence counts as a
 * letter: accented and other scripts' letters are). */
static size_t words(const char *text, size_t len)
{
	size_t count = 0, run = 0;
	for (size_t i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)text[i] : ' ';
		if (isalpha(c) || c >= 0x80) {
			run++;
			continue;
		}
		if (run >= 2)
			count++;
		run = 0;
	}
	return count;
}

int lang_switch_sure(const char *detect_conf, const char *text, size_t len, const char *lang_now,
		     char out[TRANSLATE_LANG_MAX])
{
	out[0] = '\0';
	if (len < LANG_SWITCH_MIN_BYTES || words(text, len) < LANG_SWITCH_MIN_WORDS)
		return 0;
	int rc = lang_detect(detect_conf, text, len, out);
	if (rc == 1 && translate_same_lang(out, lang_now))
		rc = 0;
	return rc;
}

int lang_switch_offer(struct db *db, struct pool *pool, const char *detect_conf,
		      long long channel_id, long long visitor, const char *lang_now, const char *line,
		      char offered[TRANSLATE_LANG_MAX])
{
	char detected[TRANSLATE_LANG_MAX];
	struct db_rows before;
	if (offered != NULL)
		offered[0] = '\0';
	if (lang_switch_sure(detect_conf, line, strlen(line), lang_now, detected) != 1)
		return DB_OK;
	/* One offer a language until the visitor's language changes: an agent
	 * who lets it be is not asked again at every line. */
	int rc = db_query(db, pool, SQL_LANG_OFFERED, &before, "iisii", channel_id, visitor, detected,
			  channel_id, visitor);
	if (rc != DB_OK || before.rows > 0)
		return rc;
	long long seq = 0;
	rc = channel_post_lang(db, channel_id, visitor, 0, "lang_offer", detected, NULL, detected, 0,
			       &seq);
	if (rc == DB_OK && offered != NULL)
		memcpy(offered, detected, TRANSLATE_LANG_MAX);
	return rc;
}

int lang_switch(struct db *db, struct pool *pool, long long channel_id, long long by,
		long long visitor, const char *lang, long long *seq)
{
	char base[TRANSLATE_LANG_MAX];
	struct db_rows who;
	translate_lang_base(lang, base);
	int rc = db_query(db, pool, SQL_LANG_VISITOR_IN_CHANNEL, &who, "ii", visitor, channel_id);
	if (rc != DB_OK)
		return rc;
	if (who.rows == 0)
		return LANG_SWITCH_NO_VISITOR;
	*seq = 0;
	if (translate_same_lang(db_cell(&who, 0, 2), base))
		return DB_OK;
	/* The language first, then the event that says so: whoever reads the
	 * event (the visitor's page, reloading) finds the language changed. */
	rc = db_exec(db, SQL_LANG_PARTICIPANT_SET, NULL, "si", base, visitor);
	if (rc == DB_OK && db_cell(&who, 0, 1) != NULL)
		rc = db_exec(db, SQL_LANG_REQUEST_SET_BY_ID, NULL, "si", base, db_cell_int(&who, 0, 1));
	if (rc == DB_OK)
		rc = channel_post_lang(db, channel_id, by, visitor, "lang", base, NULL, base, 0, seq);
	return rc;
}
