/* mail_admin.c - mail settings (see mail_admin.h). */
#include "mail_admin.h"

#include <ctype.h>
#include <string.h>

#include "db.h"
#include "mail_queue.h"
#include "pool.h"

/* The address lower-cased, NULL for "none", or "" when it is not one. */
static const char *normalised(struct pool *pool, const char *address)
{
	if (address == NULL || strcmp(address, "none") == 0)
		return NULL;
	if (!mail_is_address(address))
		return "";
	char *lower = pool_strdup(pool, address);
	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return lower;
}

int mail_admin_site_address(struct db *db, struct pool *pool, const char *site_key,
			    const char *address)
{
	const char *value = normalised(pool, address);
	if (value != NULL && *value == '\0')
		return MAIL_ADMIN_BAD_ADDRESS;
	unsigned long long changed = 0;
	struct db_rows found;
	int rc = db_exec(db, SQL_SITE_SET_HELP_ADDRESS, &changed, "ss", value, site_key);
	if (rc == DB_OK && changed == 0) {
		rc = db_query(db, pool, SQL_SITE_KEY_EXISTS, &found, "s", site_key);
		if (rc == DB_OK && found.rows == 0)
			rc = MAIL_ADMIN_NO_SUCH;
	}
	return rc;
}

int mail_admin_client_alerts(struct db *db, struct pool *pool, long long client_id,
			     const char *address)
{
	const char *value = normalised(pool, address);
	if (value != NULL && *value == '\0')
		return MAIL_ADMIN_BAD_ADDRESS;
	return db_exec(db, SQL_CLIENT_SET_ALERT_EMAIL, NULL, "si", value, client_id);
}

int mail_admin_digest(struct db *db, long long agent_id, bool wanted)
{
	unsigned long long changed = 0;
	int rc = db_exec(db, SQL_AGENT_SET_DIGEST, &changed, "ii", wanted ? 0LL : 1LL, agent_id);
	return rc;
}
