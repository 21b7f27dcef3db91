/* typing_lang.c - see typing_lang.h. */
#include "typing_lang.h"

#include <string.h>

#include "buf.h"
#include "chat_lang.h"
#include "db.h"
#include "log.h"
#include "pool.h"
#include "translate.h"

size_t typing_lang_finished(const char *text)
{
	static const char ellipsis[] = "\xe2\x80\xa6"; /* … in UTF-8 */
	size_t end = 0;
	for (size_t i = 0; text[i] != '\0'; i++) {
		size_t mark = 0;
		if (text[i] == '.' || text[i] == '!' || text[i] == '?')
			mark = 1;
		else if (strncmp(text + i, ellipsis, 3) == 0)
			mark = 3;
		if (mark == 0)
			continue;
		char next = text[i + mark];
		if (next == '\0' || next == ' ' || next == '\n')
			end = i + mark;
		i += mark - 1;
	}
	return end;
}

/* The language of the first staff reader who reads another language than
 * the typer's, or NULL. */
static const char *staff_lang(const struct db_rows *people, const char *typer_lang)
{
	for (size_t i = 0; i < people->rows; i++) {
		const char *kind = db_cell(people, i, 1), *lang = db_cell(people, i, 2);
		if (kind != NULL && strcmp(kind, "visitor") != 0 && !translate_same_lang(lang, typer_lang))
			return lang;
	}
	return NULL;
}

const char *typing_lang_preview(struct request *r, const struct member *m, const char *text)
{
	if (text == NULL || *text == '\0' || !r->cfg->translate_typing || strcmp(m->kind, "visitor") != 0)
		return text;
	struct db_rows people, cache;
	const char *from = NULL;
	if (chat_lang_of(r->db, r->pool, m->channel_id, m->participant_id, &from, &people) != DB_OK)
		return "…";
	const char *to = staff_lang(&people, from);
	if (to == NULL)
		return text;
	size_t done = typing_lang_finished(text);
	if (done == 0)
		return "…";
	const char *source = pool_strndup(r->pool, text, done);
	const char *rest = text[done] != '\0' && strspn(text + done, " \n") < strlen(text + done) ? " …" : "";
	if (db_query(r->db, r->pool, SQL_LANG_TYPING_CACHE_GET, &cache, "i", m->participant_id) == DB_OK
	    && cache.rows > 0 && db_cell(&cache, 0, 0) != NULL && db_cell(&cache, 0, 1) != NULL
	    && strcmp(db_cell(&cache, 0, 0), source) == 0)
		return pool_printf(r->pool, "%s%s", db_cell(&cache, 0, 1), rest);
	struct buf out;
	buf_init(&out);
	char via[TRANSLATE_LANG_MAX];
	enum translate_status st = translate_text(r->cfg, from, to, source, &out, via);
	const char *translated = st == TRANSLATE_OK && out.data != NULL ? pool_strdup(r->pool, out.data) : NULL;
	buf_free(&out);
	if (translated == NULL) {
		/* Nothing untranslated slips through: staff see only "is typing". */
		log_warn("typing preview %s to %s not translated (%d)", from, to, (int)st);
		return "…";
	}
	if (db_exec(r->db, SQL_LANG_TYPING_CACHE_SET, NULL, "ssi", source, translated, m->participant_id) != DB_OK)
		log_warn("the typing translation of participant %lld was not kept", m->participant_id);
	return pool_printf(r->pool, "%s%s", translated, rest);
}
