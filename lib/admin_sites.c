/* admin_sites.c - sites and their domains (see admin_sites.h). */
#include "admin_sites.h"

#include <string.h>

#include "crypto.h"
#include "db.h"
#include "pool.h"

struct site {
	long long id, client_id;
	const char *name, *key;
	bool ask_question;
};

static int find_site(struct admin_context *ac, long long site_id, const char *key, struct site *s)
{
	struct db_rows rows;
	int rc = site_id > 0 ? db_query(ac->db, ac->pool, SQL_SITE_BY_ID, &rows, "i", site_id)
			     : db_query(ac->db, ac->pool, SQL_SITE_BY_KEY_ADMIN, &rows, "s", key ? key : "");
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return site_id > 0 ? admin_refuse(ac, 404, "There is no such site among yours.")
				   : admin_refuse(ac, 404, "There is no site with the key %s.", key ? key : "");
	s->id = db_cell_int(&rows, 0, 0);
	s->client_id = db_cell_int(&rows, 0, 1);
	s->name = db_cell(&rows, 0, 2);
	s->key = db_cell(&rows, 0, 3);
	s->ask_question = db_cell_int(&rows, 0, 4) != 0;
	int status = admin_authorize(ac, POWER_ADMINISTER, s->client_id);
	if (status == 404)
		return admin_refuse(ac, 404, "There is no such site among yours.");
	return status;
}

int admin_split_domains(struct admin_context *ac, const char *text, const char **out, int max)
{
	int n = 0;
	const char *p = text ? text : "";
	while (*p && n < max) {
		p += strspn(p, " ,;\t\r\n");
		size_t len = strcspn(p, " ,;\t\r\n");
		if (len > 0)
			out[n++] = pool_strndup(ac->pool, p, len);
		p += len;
	}
	return n;
}

int admin_site_add(struct admin_context *ac, long long client_id, const char *name_in,
		   const char *const *domains, int domain_count)
{
	int refused;
	const char *name = admin_text(ac, "name", INPUT_LINE, 200, name_in, true, &refused);
	if (name == NULL)
		return refused;
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	if (domain_count < 1)
		return admin_refuse(ac, 400, "Give at least one domain the site's pages are on "
				    "(e.g. shop.example.com).");
	const char **checked = pool_zalloc(ac->pool, (size_t)domain_count * sizeof *checked);
	for (int i = 0; i < domain_count; i++)
		if ((checked[i] = admin_domain(ac, domains[i], &refused)) == NULL)
			return refused;
	char token[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	char *key = pool_strndup(ac->pool, token, 32);
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SITE_INSERT, NULL, "iss", client_id, name, key);
	long long site_id = rc == DB_OK ? (long long)db_last_insert_id(ac->db) : 0;
	for (int i = 0; rc == DB_OK && i < domain_count; i++) {
		rc = db_exec(ac->db, SQL_SITE_DOMAIN_INSERT, NULL, "is", site_id, checked[i]);
		if (rc == DB_DUPLICATE)
			rc = admin_refuse(ac, 400, "The domain %s is given twice.", checked[i]);
	}
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "site.add", pool_printf(ac->pool, "site %s", name),
				 "key %s, %d domain%s", key, domain_count, domain_count == 1 ? "" : "s");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	ac->new_id = site_id;
	ac->link = key;
	return admin_done(ac, "site created; its key is %s", key);
}

int admin_site_rename(struct admin_context *ac, long long site_id, const char *name_in)
{
	struct site s;
	int refused;
	const char *name = admin_text(ac, "name", INPUT_LINE, 200, name_in, true, &refused);
	if (name == NULL)
		return refused;
	int status = find_site(ac, site_id, NULL, &s);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SITE_RENAME, NULL, "si", name, s.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, s.client_id, 0, "site.rename", pool_printf(ac->pool, "site %s", s.key),
				 "'%s' -> '%s'", s.name, name);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The site is now called %s.", name);
}

int admin_site_set_ask_question(struct admin_context *ac, long long site_id, bool ask)
{
	struct site s;
	int status = find_site(ac, site_id, NULL, &s);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SITE_SET_ASK_QUESTION, NULL, "ii", (long long)ask, s.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, s.client_id, 0, "site.question", pool_printf(ac->pool, "site %s", s.name),
				 "visitors %s a question first", ask ? "type" : "do not type");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, ask ? "Visitors of %s type their question before they wait."
			  : "Visitors of %s wait at once, without typing a question.", s.name);
}

int admin_site_domain_add(struct admin_context *ac, long long site_id, const char *value)
{
	struct site s;
	int refused;
	const char *domain = admin_domain(ac, value, &refused);
	if (domain == NULL)
		return refused;
	int status = find_site(ac, site_id, NULL, &s);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK) {
		rc = db_exec(ac->db, SQL_SITE_DOMAIN_INSERT, NULL, "is", s.id, domain);
		if (rc == DB_DUPLICATE)
			rc = admin_refuse(ac, 409, "%s is one of the site's domains already.", domain);
	}
	if (rc == DB_OK)
		rc = admin_audit(ac, s.client_id, 0, "site.domain.add", pool_printf(ac->pool, "site %s",
				 s.name), "%s", domain);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Help links on %s (and below it) now work for %s.", domain, s.name);
}

int admin_site_domain_remove(struct admin_context *ac, long long site_id, const char *value)
{
	struct site s;
	int refused;
	const char *domain = admin_domain(ac, value, &refused);
	if (domain == NULL)
		return refused;
	int status = find_site(ac, site_id, NULL, &s);
	if (status != 0)
		return status;
	struct db_rows count;
	unsigned long long removed = 0;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_SITE_DOMAIN_COUNT, &count, "i", s.id);
	if (rc == DB_OK && db_cell_int(&count, 0, 0) <= 1)
		rc = admin_refuse(ac, 409, "A site needs at least one domain: add another before "
				  "removing %s.", domain);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SITE_DOMAIN_DELETE, &removed, "is", s.id, domain);
	if (rc == DB_OK && removed == 0)
		rc = admin_refuse(ac, 404, "%s is not one of the site's domains.", domain);
	if (rc == DB_OK)
		rc = admin_audit(ac, s.client_id, 0, "site.domain.remove", pool_printf(ac->pool, "site %s",
				 s.name), "%s", domain);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Help links on %s no longer work for %s.", domain, s.name);
}

int admin_site_delete(struct admin_context *ac, long long site_id, const char *confirmation)
{
	struct site s;
	int status = find_site(ac, site_id, NULL, &s);
	if (status != 0)
		return status;
	if (confirmation == NULL || strcmp(confirmation, s.name) != 0)
		return admin_refuse(ac, 400, "To delete the site, type its name (%s) to confirm.", s.name);
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SITE_HITS_DELETE, NULL, "i", s.id);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SITE_DELETE, NULL, "i", s.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, s.client_id, 0, "site.delete", pool_printf(ac->pool, "site %s", s.name),
				 "key %s", s.key);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The site %s is deleted; its help links no longer work.", s.name);
}

int admin_site_new_secret(struct admin_context *ac, long long site_id, const char *site_key)
{
	struct site s;
	int status = find_site(ac, site_id, site_key, &s);
	if (status != 0)
		return status;
	char secret[TOKEN_HEX_LEN + 1];
	if (crypto_token(secret) != 0)
		return DB_ERROR;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SITE_SET_SECRET, NULL, "ss", secret, s.key);
	if (rc == DB_OK)
		rc = admin_audit(ac, s.client_id, 0, "site.secret", pool_printf(ac->pool, "site %s", s.name),
				 "a new signing secret");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	ac->link = pool_strdup(ac->pool, secret);
	return admin_done(ac, "site secret: %s", secret);
}
