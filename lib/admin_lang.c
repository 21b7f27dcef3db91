/* admin_lang.c - language settings as administrative actions (admin_lang.h). */
#include "admin_lang.h"

#include "account.h"
#include "admin_canned.h"
#include "db.h"
#include "pool.h"
#include "translate.h"

int admin_lang_tag(struct admin_context *ac, const char *lang)
{
	if (lang == NULL || !translate_lang_valid(lang))
		return admin_refuse(ac, 400, "'%s' is not a language tag (two or three letters, such as "
				    "en, es or pt-BR).", lang ? lang : "");
	return 0;
}

int account_set_lang(struct admin_context *ac, long long agent_id, const char *lang)
{
	struct account a;
	int status = admin_lang_tag(ac, lang);
	if (status == 0)
		status = account_find(ac, agent_id, NULL, POWER_STAFF, &a);
	if (status != 0)
		return status;
	int rc = db_begin(ac->db);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_LANG_AGENT_SET, NULL, "sii", lang, a.id, a.client_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, a.client_id, a.reseller_id, "account.lang",
				 pool_printf(ac->pool, "account %s", a.email), "language %s", lang);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "%s reads and writes %s; lines in other languages are translated.",
			  a.name, lang);
}

int admin_canned_translate(struct admin_context *ac, long long phrase_id, const char *lang,
			   const char *text_in)
{
	int refused = 0;
	const char *text = admin_text(ac, "text", INPUT_TEXT, 2000, text_in, false, &refused);
	int status = refused ? refused : admin_lang_tag(ac, lang);
	if (status != 0)
		return status;
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_CANNED_PHRASE_BY_ID, &rows, "i", phrase_id);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return admin_refuse(ac, 404, "There is no such phrase among yours.");
	long long client_id = db_cell_int(&rows, 0, 1);
	long long agent_id = db_cell(&rows, 0, 2) ? db_cell_int(&rows, 0, 2) : 0;
	const char *title = db_cell(&rows, 0, 3);
	if ((status = admin_canned_may_change(ac, client_id, agent_id)) == 404)
		return admin_refuse(ac, 404, "There is no such phrase among yours.");
	if (status != 0)
		return status;
	char base[TRANSLATE_LANG_MAX];
	translate_lang_base(lang, base);
	bool removing = text == NULL || *text == '\0';
	if ((rc = db_begin(ac->db)) == DB_OK)
		rc = removing ? db_exec(ac->db, SQL_SETTINGS_TRANSLATION_DELETE, NULL, "is", phrase_id, base)
			      : db_exec(ac->db, SQL_SETTINGS_TRANSLATION_SET, NULL, "iss", phrase_id, base, text);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "canned.translation",
				 pool_printf(ac->pool, "phrase %s", title), "%s %s", base,
				 removing ? "removed" : "written");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, removing ? "'%s' in %s is machine-translated again."
				       : "'%s' in %s is saved: agents send it as written.", title, base);
}

int admin_canned_translation_list(struct admin_context *ac, long long client_id, struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_STAFF, client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_SETTINGS_TRANSLATION_LIST, out, "i", client_id);
}

int admin_canned_phrase_by_title(struct admin_context *ac, long long client_id, const char *title,
				 long long *phrase_id)
{
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_SETTINGS_CANNED_BY_TITLE, &rows, "is", client_id,
			  title ? title : "");
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return admin_refuse(ac, 404, "The client has no canned phrase '%s' for every agent.",
				    title ? title : "");
	*phrase_id = db_cell_int(&rows, 0, 0);
	return 0;
}
