/* chat_lang.c - see chat_lang.h. */
#include "chat_lang.h"

#include <string.h>

#include "buf.h"
#include "log.h"
#include "translate.h"

int chat_lang_of(struct db *db, struct pool *pool, long long channel_id, long long participant_id,
		 const char **lang, struct db_rows *people)
{
	struct db_rows mine;
	if (people == NULL)
		people = &mine;
	*lang = "en";
	int rc = db_query(db, pool, SQL_LANG_PEOPLE, people, "i", channel_id);
	if (rc != DB_OK)
		return rc;
	for (size_t i = 0; i < people->rows; i++)
		if (db_cell_int(people, i, 0) == participant_id)
			*lang = db_cell(people, i, 2);
	return DB_OK;
}

int chat_lang_reader(struct db *db, struct pool *pool, long long channel_id, long long participant_id,
		     const char **lang)
{
	struct db_rows row;
	*lang = "en";
	int rc = db_query(db, pool, SQL_LANG_READER, &row, "ii", participant_id, channel_id);
	if (rc == DB_OK && row.rows > 0)
		*lang = db_cell(&row, 0, 0);
	return rc;
}

/* Whether lang was already seen among the first n readers' languages. */
static bool listed_before(const struct db_rows *people, size_t n, const char *lang, const char *skip)
{
	for (size_t i = 0; i < n; i++) {
		const char *l = db_cell(people, i, 2);
		if (!translate_same_lang(l, skip) && translate_same_lang(l, lang))
			return true;
	}
	return false;
}

/* One translation of the line into `into`, stored as its own event. */
static void post_translation(struct request *r, const struct member *m, long long seq,
			     long long to, const char *lang, const char *into, const char *text,
			     long long canned_id)
{
	struct db_rows done, canned;
	char base[TRANSLATE_LANG_MAX];
	translate_lang_base(into, base);
	/* A retried post (same client message id) gets no second translation. */
	if (db_query(r->db, r->pool, SQL_LANG_TRANSLATION_EXISTS, &done, "iis", m->channel_id, seq,
		     base) != DB_OK || done.rows > 0)
		return;
	const char *body = NULL;
	if (canned_id > 0 && db_query(r->db, r->pool, SQL_LANG_CANNED_TRANSLATION, &canned, "iiss",
				      canned_id, m->client_id, text, base) == DB_OK && canned.rows > 0)
		body = db_cell(&canned, 0, 0);
	struct buf out;
	buf_init(&out);
	if (body == NULL) {
		enum translate_status st = translate_text(r->cfg, lang, base, text, &out, NULL);
		if (st == TRANSLATE_OK && out.data != NULL)
			body = out.data;
		else if (st != TRANSLATE_OFF)
			log_warn("translation %s -> %s of line %lld in channel %lld: %s", lang, base, seq,
				 m->channel_id, st == TRANSLATE_NO_PAIR ? "no pair" : "engine failed");
	}
	long long tseq = 0;
	int rc = channel_post_lang(r->db, m->channel_id, m->participant_id, to, "translation", body,
				   NULL, base, seq, &tseq);
	if (rc != DB_OK)
		log_warn("translation of line %lld in channel %lld not stored (%d)", seq, m->channel_id,
			 rc);
	buf_free(&out);
}

void chat_lang_translate_line(struct request *r, const struct member *m, const struct db_rows *people,
			      long long seq, long long to, const char *lang, const char *text,
			      long long canned_id)
{
	for (size_t i = 0; i < people->rows; i++) {
		long long who = db_cell_int(people, i, 0);
		const char *reads = db_cell(people, i, 2);
		if (who == m->participant_id || (to != 0 && who != to))
			continue;
		if (translate_same_lang(reads, lang) || listed_before(people, i, reads, lang))
			continue;
		post_translation(r, m, seq, to, lang, reads, text, canned_id);
	}
}

void chat_lang_translate_question(struct request *r, const char *channel_public_id)
{
	struct db_rows line, people;
	if (db_query(r->db, r->pool, SQL_LANG_FIRST_VISITOR_LINE, &line, "s", channel_public_id)
		    != DB_OK || line.rows == 0)
		return;
	struct member m = {
		.channel_id = db_cell_int(&line, 0, 0),
		.client_id = db_cell_int(&line, 0, 1),
		.participant_id = db_cell_int(&line, 0, 2),
	};
	const char *lang = NULL;
	if (chat_lang_of(r->db, r->pool, m.channel_id, m.participant_id, &lang, &people) != DB_OK)
		return;
	chat_lang_translate_line(r, &m, &people, db_cell_int(&line, 0, 3), 0,
				 db_cell(&line, 0, 5), db_cell(&line, 0, 4), 0);
}
