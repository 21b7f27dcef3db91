/* mail_admin.h - the mail settings staff change (tools/baton-admin now, the
 * browser administration later: both call these): a site's help address, a
 * client's alert address, and whether a person gets the weekly digest. */
#ifndef BATON_MAIL_ADMIN_H
#define BATON_MAIL_ADMIN_H

#include <stdbool.h>

struct db;
struct pool;

enum {
	MAIL_ADMIN_BAD_ADDRESS = -31, /* not an e-mail address Baton can use */
	MAIL_ADMIN_NO_SUCH = -32,     /* no such site or agent */
};

/* address NULL (or "none") removes it. DB_DUPLICATE: another site has it. */
int mail_admin_site_address(struct db *db, struct pool *pool, const char *site_key,
			    const char *address);
int mail_admin_client_alerts(struct db *db, struct pool *pool, long long client_id,
			     const char *address);
int mail_admin_digest(struct db *db, long long agent_id, bool wanted);

#endif
