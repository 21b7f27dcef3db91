/* admin_mail.h - the mail settings of issue 13 as administrative actions
 * (admin.h: checked, authorized per role and client, audited), for the
 * administration pages and tools/baton-admin alike; the storing is
 * lib/mail_admin.c's:
 *   a site's help address   mail to it becomes a help request (sites page);
 *   a client's alert address where it hears of help links on domains it
 *                           has not registered (desk settings);
 *   the weekly digest       whether a supervisor or administrator gets it
 *                           (agents page, and one's own profile).
 * An address of "" or "none" removes it. */
#ifndef BATON_ADMIN_MAIL_H
#define BATON_ADMIN_MAIL_H

#include <stdbool.h>

#include "admin.h"

/* site_id, or the site's key when site_id is 0 (baton-admin). 409 when
 * another site has the address. */
int admin_site_help_address(struct admin_context *ac, long long site_id, const char *site_key,
			    const char *address);
int admin_client_alert_email(struct admin_context *ac, long long client_id, const char *address);
/* One's own choice, or an administrator's for their staff. */
int account_set_digest(struct admin_context *ac, long long agent_id, bool wanted);

#endif
