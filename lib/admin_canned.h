/* admin_canned.h - canned phrases (lines an agent sends with one click) and
 * canned addresses (pages an agent leads to with one click). The client's
 * administrators keep the ones for everyone (and may give one agent their
 * own); each agent keeps their own. Actions as admin.h says. */
#ifndef BATON_ADMIN_CANNED_H
#define BATON_ADMIN_CANNED_H

#include <stdbool.h>

#include "admin.h"

struct db_rows;

enum canned_kind { CANNED_PHRASE, CANNED_ADDRESS };

/* A phrase (body: its text) or an address (body: its http(s) URL) for
 * everyone at client_id (agent_id 0) or for one agent of it. */
int admin_canned_add(struct admin_context *ac, enum canned_kind kind, long long client_id,
		     long long agent_id, const char *title, const char *body);
int admin_canned_edit(struct admin_context *ac, enum canned_kind kind, long long id,
		      const char *title, const char *body);
int admin_canned_delete(struct admin_context *ac, enum canned_kind kind, long long id);
/* The client-wide address with this title now leads to url (added if
 * there is none): `make run` keeps the demo's addresses on its port. */
int admin_canned_address_move(struct admin_context *ac, long long client_id, const char *title,
			      const char *url);
/* What the actor may edit: the client's own (for its admins) and theirs. */
int admin_canned_list(struct admin_context *ac, enum canned_kind kind, long long client_id,
		      struct db_rows *out);
/* The one rule for changing an entry of client_id owned by agent_id (0:
 * everyone's): the client's administrators any, each agent their own.
 * 0, or 403/404 with the reason (its translations follow it: admin_lang.h). */
int admin_canned_may_change(struct admin_context *ac, long long client_id, long long agent_id);

#endif
