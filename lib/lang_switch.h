/* lang_switch.h - a visitor who writes another language than the one
 * Baton serves them in (issue 18). After each of a visitor's lines is
 * stored, the detector (lib/lang_detect.c) reads it; when it is sure the
 * visitor writes another language, the agents of the conversation get an offer
 * to switch ("lang_offer" event, staff only). Accepting it (/language,
 * cgi-bin/language.c) switches the visitor's language for the
 * conversation: translation and the visitor's pages follow, and a "lang"
 * event archives who switched it to what. Tests: t/language.t,
 * t/browser-language.t, t/unit/lang_detect.c. */
#ifndef BATON_LANG_SWITCH_H
#define BATON_LANG_SWITCH_H

#include "db.h"
#include "pool.h"
#include "translate.h"

/* How much of the visitor's writing the detector needs: a line of
 * LANG_SWITCH_MIN_BYTES bytes or more and LANG_SWITCH_MIN_WORDS words (of
 * two letters or more: "xxxx…" is no sentence, though n-grams would call
 * it French), in which libexttextcat names one language alone
 * (lang_detect). A shorter line
 * ("ok", "Gracias", "Hola, buenos días") is too little to bother the agent
 * with a guess, and costs no statement: /say stays one request to the
 * database (t/say-statements.t). */
#define LANG_SWITCH_MIN_BYTES 40
#define LANG_SWITCH_MIN_WORDS 5

/* The rule: whether a visitor who writes `text` (a line, len bytes)
 * while served in lang_now ("" for none) is offered to switch,
 * with the detector of detect_conf. 1 and out set to the language to
 * offer; 0 when there is too little text, no language stands out, or it
 * is lang_now; -1 when the detector cannot start (logged once). The chat
 * (lang_switch_offer) and `baton-admin detect` use it alike. */
int lang_switch_sure(const char *detect_conf, const char *text, size_t len, const char *lang_now,
		     char out[TRANSLATE_LANG_MAX]);

/* The participant named is not a visitor present in the channel. */
enum { LANG_SWITCH_NO_VISITOR = -30 };

/* After the visitor `visitor` wrote `line` in `lang_now` (their language
 * for the conversation): when the rule (lang_switch_sure) finds it in
 * another language, not offered since the visitor's language last
 * changed, posts a "lang_offer" event (from the visitor, lang and body:
 * the language detected). *offered (may be NULL) gets the language
 * offered, or "". Returns a db_status; the detector's own failure is
 * logged by it and offers nothing. */
int lang_switch_offer(struct db *db, struct pool *pool, const char *detect_conf,
		      long long channel_id, long long visitor, const char *lang_now, const char *line,
		      char offered[TRANSLATE_LANG_MAX]);

/* Switches the language of the visitor `visitor` of the channel to lang
 * (a valid tag; its base language is kept) for the conversation and their
 * request, and archives it as a "lang" event by `by` to the visitor
 * (lang and body: the language); *seq is its seq, or 0 when the visitor
 * read lang already (nothing changes). The caller has checked that `by`
 * may. Returns a db_status, CHANNEL_CLOSED,
 * or LANG_SWITCH_NO_VISITOR. */
int lang_switch(struct db *db, struct pool *pool, long long channel_id, long long by,
		long long visitor, const char *lang, long long *seq);

#endif
