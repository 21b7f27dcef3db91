/* staff.c - roles and the one rule for seeing a client's data. */
#include "staff.h"

#include <string.h>

#include "db.h"
#include "response.h"

enum staff_role staff_role_named(const char *name)
{
	if (name == NULL)
		return ROLE_AGENT;
	if (strcmp(name, "operator") == 0) return ROLE_OPERATOR;
	if (strcmp(name, "admin") == 0) return ROLE_ADMIN;
	if (strcmp(name, "supervisor") == 0) return ROLE_SUPERVISOR;
	if (strcmp(name, "reseller") == 0) return ROLE_RESELLER;
	return ROLE_AGENT;
}

enum staff_role staff_role(const struct session *s)
{
	return staff_role_named(s ? s->role : NULL);
}

bool staff_may_see_client(const struct session *s, long long client_id, enum staff_role at_least)
{
	if (s == NULL)
		return false;
	enum staff_role role = staff_role(s);
	if (role == ROLE_OPERATOR)
		return true;
	return s->client_id == client_id && role >= at_least;
}

int staff_client_for_request(struct request *r, const char *slug, enum staff_role at_least,
			     long long *client_id)
{
	*client_id = r->session->client_id;
	if (slug != NULL && *slug != '\0') {
		struct db_rows rows;
		int rc = db_query(r->db, r->pool, SQL_CLIENT_BY_SLUG, &rows, "s", slug);
		if (rc == DB_DOWN)
			return resp_unavailable(r);
		if (rc != DB_OK)
			return -1;
		/* Only the operator learns whether a slug exists: to everyone
		 * else an unknown client looks like anyone else's. */
		if (rows.rows == 0 && staff_role(r->session) == ROLE_OPERATOR)
			return resp_error(r, 404, "There is no such client.");
		*client_id = rows.rows ? db_cell_int(&rows, 0, 0) : -1;
	}
	if (!staff_may_see_client(r->session, *client_id, at_least))
		return resp_error(r, 403, "This is for %s of this client only.",
				  at_least >= ROLE_ADMIN ? "administrators" : "supervisors");
	return 0;
}
