/* admin_billing.h - what the operator decides about money: each client's
 * rate, minimum, currency and reseller, resellers and their shares, and the
 * accounts resellers sign in with. Changes are new rows of the histories
 * in lib/terms.h, so months that are over keep their statements. Actions as
 * admin.h says; all of them are the operator's. */
#ifndef BATON_ADMIN_BILLING_H
#define BATON_ADMIN_BILLING_H

#include <stdbool.h>

#include "admin.h"
#include "billing.h"

struct db_rows;

/* Rates and minimums up to a million in the currency's units. */
enum { BILLING_MAX_CENTS = 100000000 };

/* unit "minute" or "session"; rate and minimum in cents (minimum NULL: 0);
 * currency NULL keeps the client's. */
int admin_client_set_rate(struct admin_context *ac, const char *client_slug, const char *unit,
			  const char *rate_cents, const char *minimum_cents, const char *currency);
/* What each started minute of a call costs, on top of the rate (cents;
 * 0: calls are counted, not billed). */
int admin_client_set_call_rate(struct admin_context *ac, const char *client_slug, const char *rate_cents);
/* Inside the caller's transaction (lib/admin_phone.c, which also keeps the
 * telephony settings' rate now): new terms with this phone rate, per
 * started minute on the phone; the operator's. Returns a db_status. */
int admin_terms_set_phone_rate(struct admin_context *ac, long long client_id, long long rate_cents);
/* The same for the event rate (lib/admin_rooms.c keeps the rate now on the
 * client for the settings pages); statements read the history. */
int admin_terms_set_event_rate(struct admin_context *ac, long long client_id,
				enum billing_event_unit unit, long long rate_cents);
/* The reseller who brought the client, or "none". */
int admin_client_set_reseller(struct admin_context *ac, const char *client_slug,
			      const char *reseller_slug);
/* The client's terms as they changed, newest first (columns in the .c). */
int admin_terms_history(struct admin_context *ac, const char *client_slug, struct db_rows *out);

int admin_reseller_create(struct admin_context *ac, const char *slug, const char *name,
			  const char *share_percent);
int admin_reseller_set_share(struct admin_context *ac, const char *slug, const char *share_percent);
/* An account the reseller signs in with, invited (link in ac->link). */
int admin_reseller_invite(struct admin_context *ac, const char *slug, const char *email,
			  const char *name);
/* Suspended: its accounts are signed out and cannot sign in (its clients
 * go on). Removed (confirmation: the slug): its accounts deleted, its
 * clients without a reseller from this month on, itself gone from the
 * lists but kept in the histories for past statements. */
int admin_reseller_suspend(struct admin_context *ac, const char *slug, bool suspend);
int admin_reseller_remove(struct admin_context *ac, const char *slug, const char *confirmation);
/* The reseller with this slug (not a removed one): 0 with *id (and *name
 * when asked for), or 404 with the reason. */
int admin_reseller_find(struct admin_context *ac, const char *slug, long long *id, const char **name);
/* Resellers with their current share and clients (columns in the .c). */
int admin_reseller_list(struct admin_context *ac, struct db_rows *out);

#endif
