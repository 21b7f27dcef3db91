/* admin_canned.c - canned phrases and addresses (see admin_canned.h). */
#include "admin_canned.h"

#include <string.h>

#include "account.h"
#include "db.h"
#include "pool.h"

/* The statements and words of each kind. */
static const struct {
	const char *noun, *body_field;
	size_t body_max;
	enum sql_id insert, find, update, delete_, list;
} kinds[] = {
	[CANNED_PHRASE] = { "phrase", "text", 2000, SQL_CANNED_INSERT, SQL_CANNED_PHRASE_BY_ID,
			    SQL_CANNED_PHRASE_UPDATE, SQL_CANNED_PHRASE_DELETE, SQL_CANNED_PHRASE_LIST },
	[CANNED_ADDRESS] = { "address", "url", 2000, SQL_CANNED_ADDRESS_INSERT, SQL_CANNED_ADDRESS_BY_ID,
			     SQL_CANNED_ADDRESS_UPDATE, SQL_CANNED_ADDRESS_DELETE, SQL_CANNED_ADDRESS_LIST },
};

/* The title and body of a phrase or address: 0, or 400 with the reason. */
static int check_entry(struct admin_context *ac, enum canned_kind kind, const char **title,
		       const char **body)
{
	int refused;
	*title = admin_text(ac, "title", INPUT_LINE, 100, *title, true, &refused);
	if (*title == NULL)
		return refused;
	*body = admin_text(ac, kinds[kind].body_field, kind == CANNED_PHRASE ? INPUT_TEXT : INPUT_LINE,
			   kinds[kind].body_max, *body, true, &refused);
	if (*body == NULL)
		return refused;
	if (kind == CANNED_ADDRESS && strncmp(*body, "https://", 8) != 0
	    && strncmp(*body, "http://", 7) != 0)
		return admin_refuse(ac, 400, "'%s' is not a web address (it must start with http:// or "
				    "https://).", *body);
	return 0;
}

/* Who may change an entry of client_id owned by agent_id (0: everyone's):
 * the client's administrators any, each agent their own. */
int admin_canned_may_change(struct admin_context *ac, long long client_id, long long agent_id)
{
	if (agent_id != 0 && agent_id == ac->agent_id)
		return admin_authorize(ac, POWER_STAFF, client_id);
	return admin_authorize(ac, POWER_ADMINISTER, client_id);
}

int admin_canned_add(struct admin_context *ac, enum canned_kind kind, long long client_id,
		     long long agent_id, const char *title, const char *body)
{
	int status = check_entry(ac, kind, &title, &body);
	if (status == 0)
		status = admin_canned_may_change(ac, client_id, agent_id);
	if (status != 0)
		return status;
	const char *owner = "everyone";
	if (agent_id != 0) {
		struct account a;
		status = account_find(ac, agent_id, NULL, POWER_STAFF, &a);
		if (status != 0)
			return status;
		if (a.client_id != client_id)
			return admin_refuse(ac, 404, "There is no such person among yours.");
		owner = a.email;
	}
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, kinds[kind].insert, NULL, "inss", client_id, agent_id, title, body);
	long long id = rc == DB_OK ? (long long)db_last_insert_id(ac->db) : 0;
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, kind == CANNED_PHRASE ? "canned.add" : "address.add",
				 pool_printf(ac->pool, "%s '%s'", kinds[kind].noun, title), "for %s: %s",
				 owner, body);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	ac->new_id = id;
	return admin_done(ac, "canned %s '%s' added", kinds[kind].noun, title);
}

struct entry {
	long long id, client_id, agent_id;
	const char *title, *body;
};

static int find_entry(struct admin_context *ac, enum canned_kind kind, long long id, struct entry *e)
{
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, kinds[kind].find, &rows, "i", id);
	if (rc != DB_OK)
		return rc;
	if (rows.rows == 0)
		return admin_refuse(ac, 404, "There is no such %s among yours.", kinds[kind].noun);
	e->id = db_cell_int(&rows, 0, 0);
	e->client_id = db_cell_int(&rows, 0, 1);
	e->agent_id = db_cell(&rows, 0, 2) ? db_cell_int(&rows, 0, 2) : 0;
	e->title = db_cell(&rows, 0, 3);
	e->body = db_cell(&rows, 0, 4);
	int status = admin_canned_may_change(ac, e->client_id, e->agent_id);
	if (status == 404)
		return admin_refuse(ac, 404, "There is no such %s among yours.", kinds[kind].noun);
	return status;
}

int admin_canned_edit(struct admin_context *ac, enum canned_kind kind, long long id,
		      const char *title, const char *body)
{
	struct entry e;
	int status = check_entry(ac, kind, &title, &body);
	if (status == 0)
		status = find_entry(ac, kind, id, &e);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, kinds[kind].update, NULL, "ssi", title, body, e.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, e.client_id, 0, kind == CANNED_PHRASE ? "canned.edit" : "address.edit",
				 pool_printf(ac->pool, "%s '%s'", kinds[kind].noun, e.title), "now '%s': %s",
				 title, body);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The %s '%s' is saved.", kinds[kind].noun, title);
}

int admin_canned_delete(struct admin_context *ac, enum canned_kind kind, long long id)
{
	struct entry e;
	int status = find_entry(ac, kind, id, &e);
	if (status != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, kinds[kind].delete_, NULL, "i", e.id);
	if (rc == DB_OK)
		rc = admin_audit(ac, e.client_id, 0, kind == CANNED_PHRASE ? "canned.delete" : "address.delete",
				 pool_printf(ac->pool, "%s '%s'", kinds[kind].noun, e.title), "%s", e.body);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The %s '%s' is deleted.", kinds[kind].noun, e.title);
}

int admin_canned_address_move(struct admin_context *ac, long long client_id, const char *title,
			      const char *url)
{
	int status = check_entry(ac, CANNED_ADDRESS, &title, &url);
	if (status == 0)
		status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	struct db_rows found;
	int rc = db_query(ac->db, ac->pool, SQL_CANNED_ADDRESS_FIND, &found, "is", client_id, title);
	if (rc != DB_OK)
		return rc;
	if (found.rows == 0)
		return admin_canned_add(ac, CANNED_ADDRESS, client_id, 0, title, url);
	if ((status = admin_canned_edit(ac, CANNED_ADDRESS, db_cell_int(&found, 0, 0), title, url)) != 0)
		return status;
	return admin_done(ac, "canned address '%s' now leads to %s", title, url);
}

int admin_canned_list(struct admin_context *ac, enum canned_kind kind, long long client_id,
		      struct db_rows *out)
{
	int status = admin_authorize(ac, POWER_STAFF, client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, kinds[kind].list, out, "ii", client_id, ac->agent_id);
}
