/* sql_lang.c - SQL texts for languages and translation (lib/chat_lang.c,
 * lib/visitor_lang.c). Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_lang[SQL__MAX] = {
	/* Everyone present and the language they read: a choice made in the
	 * chat, else an agent's profile, else the visitor's request (the
	 * participant_language view, schema 283, as line_post reads it). */
	[SQL_LANG_PEOPLE] =
		"SELECT id, kind, lang FROM participant_language"
		" WHERE channel_id = ? AND left_at IS NULL ORDER BY id",
	/* The visitor's question, the first line of a conversation just opened. */
	[SQL_LANG_FIRST_VISITOR_LINE] =
		"SELECT e.channel_id, ch.client_id, e.participant_id, e.seq, e.body, COALESCE(e.lang, 'en')"
		" FROM channel_event e JOIN channel ch ON ch.id = e.channel_id"
		" JOIN participant p ON p.id = e.participant_id"
		" WHERE ch.public_id = ? AND e.kind = 'line' AND p.kind = 'visitor' ORDER BY e.seq LIMIT 1",
	[SQL_LANG_TRANSLATION_EXISTS] =
		"SELECT seq FROM channel_event WHERE channel_id = ? AND kind = 'translation'"
		" AND ref_seq = ? AND lang = ?",
	/* A canned phrase of this client whose text is the line, and its
	 * written translation into a language. */
	[SQL_LANG_CANNED_TRANSLATION] =
		"SELECT t.body FROM canned_phrase c JOIN canned_phrase_translation t ON t.phrase_id = c.id"
		" WHERE c.id = ? AND c.client_id = ? AND c.body = ? AND t.lang = ?",
	[SQL_LANG_AGENT_SET] = "UPDATE agent SET lang = ? WHERE id = ? AND client_id = ?",
	[SQL_LANG_PARTICIPANT_SET] = "UPDATE participant SET lang = ? WHERE id = ?",
	[SQL_LANG_REQUEST_SET] = "UPDATE help_request SET lang = ? WHERE public_id = ?",
	/* The language one participant reads, present or gone (a transcript
	 * read after the session closed). */
	[SQL_LANG_READER] =
		"SELECT COALESCE(p.lang, a.lang, r.lang, 'en')"
		" FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		" LEFT JOIN agent a ON a.id = p.agent_id"
		" LEFT JOIN help_request r ON r.id = ch.request_id AND p.kind = 'visitor'"
		" WHERE p.id = ? AND p.channel_id = ?",
	/* A visitor's typing: the finished sentences last translated, and
	 * their translation (lib/typing_lang.c). */
	[SQL_LANG_TYPING_CACHE_GET] =
		"SELECT typing_source, typing_translation FROM participant WHERE id = ?",
	[SQL_LANG_TYPING_CACHE_SET] =
		"UPDATE participant SET typing_source = ?, typing_translation = ? WHERE id = ?",
	/* The language a visitor last asked a client for help in (the
	 * acknowledgement of their e-mail speaks it, lib/thread.c). */
	[SQL_LANG_VISITOR_LAST] =
		"SELECT lang FROM help_request WHERE client_id = ? AND visitor_id = ? AND lang IS NOT NULL"
		" ORDER BY id DESC LIMIT 1",
	[SQL_LANG_REQUEST_SET_BY_ID] = "UPDATE help_request SET lang = ? WHERE id = ?",
	/* A visitor writing another language (lib/lang_switch.c): whether a
	 * language was offered since their language last changed. */
	[SQL_LANG_OFFERED] =
		"SELECT seq FROM channel_event WHERE channel_id = ? AND participant_id = ?"
		" AND kind = 'lang_offer' AND lang = ? AND seq > (SELECT COALESCE(MAX(s.seq), 0)"
		"  FROM channel_event s WHERE s.channel_id = ? AND s.recipient_participant_id = ?"
		"  AND s.kind = 'lang')"
		" LIMIT 1",
	[SQL_LANG_VISITOR_IN_CHANNEL] =
		"SELECT p.id, ch.request_id, COALESCE(p.lang, r.lang, 'en')"
		" FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		" LEFT JOIN help_request r ON r.id = ch.request_id"
		" WHERE p.id = ? AND p.channel_id = ? AND p.kind = 'visitor' AND p.left_at IS NULL",
};
