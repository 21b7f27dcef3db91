/* admin_logs.c - reading the audit and refused-link logs (see admin_logs.h). */
#include "admin_logs.h"

#include "db.h"

int admin_audit_list(struct admin_context *ac, long long client_id, long long before_id,
		     struct db_rows *out)
{
	long long before = before_id > 0 ? before_id : (1LL << 62);
	if (ac->role == ROLE_RESELLER)
		return db_query(ac->db, ac->pool, SQL_AUDIT_OF_RESELLER, out, "ii", ac->reseller_id, before);
	if (ac->role == ROLE_OPERATOR && client_id == 0)
		return db_query(ac->db, ac->pool, SQL_AUDIT_ALL, out, "i", before);
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id ? client_id : ac->client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_AUDIT_OF_CLIENT, out, "ii",
			client_id ? client_id : ac->client_id, before);
}

int admin_refused_list(struct admin_context *ac, long long client_id, struct db_rows *out)
{
	if (ac->role == ROLE_OPERATOR && client_id == 0)
		return db_query(ac->db, ac->pool, SQL_REFUSED_ALL, out, "");
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id ? client_id : ac->client_id);
	if (status != 0)
		return status;
	return db_query(ac->db, ac->pool, SQL_REFUSED_OF_CLIENT, out, "i",
			client_id ? client_id : ac->client_id);
}
