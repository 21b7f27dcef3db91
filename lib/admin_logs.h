/* admin_logs.h - the records administrators read: the audit log (who
 * changed what, when, from where) and the refused-link log (help links
 * from pages of unregistered domains). The operator reads every row (or one
 * client's), a client's administrators their client's, a reseller the rows
 * about itself and its clients. */
#ifndef BATON_ADMIN_LOGS_H
#define BATON_ADMIN_LOGS_H

#include "admin.h"

struct db_rows;

/* Newest first, 100 at a time, older than row before_id (0: from the
 * newest). client_id 0: all the actor may read. Columns: id, at, actor,
 * role, address, client slug, action, object, detail. */
int admin_audit_list(struct admin_context *ac, long long client_id, long long before_id,
		     struct db_rows *out);
/* Newest first, 200. Columns: at, client slug, site name, site key,
 * referer, reason, address. */
int admin_refused_list(struct admin_context *ac, long long client_id, struct db_rows *out);

#endif
