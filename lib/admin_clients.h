/* admin_clients.h - the clients of an installation as the operator and
 * resellers manage them: creating one with its first administrator,
 * suspending, deleting with all its data, and the house client where the
 * operator's and resellers' own accounts live. Actions as admin.h says. */
#ifndef BATON_ADMIN_CLIENTS_H
#define BATON_ADMIN_CLIENTS_H

#include <stdbool.h>

#include "admin.h"

struct db_rows;

/* Finds the client with this slug that the actor may act on with `power`:
 * 0 with *client_id, or 404/403 with the reason. */
int admin_client_find(struct admin_context *ac, const char *slug, enum admin_power power,
		      long long *client_id);

/* A new client; with admin_email, its first administrator is invited (the
 * link in ac->link). The operator may name a reseller (NULL: none); a
 * reseller's new client is its own. */
int admin_client_create(struct admin_context *ac, const char *slug, const char *name,
			const char *admin_email, const char *admin_name, const char *reseller_slug);
/* Suspended: its staff are signed out and cannot sign in, its help links
 * are refused. The operator's. */
int admin_client_suspend(struct admin_context *ac, const char *slug, bool suspend);
/* Deletes the client and everything it owns (sites, agents, sessions and
 * their archive, visitors' profiles with it...). confirmation must repeat
 * the slug. The operator's. */
int admin_client_delete(struct admin_context *ac, const char *slug, const char *confirmation);
/* The clients the actor may see: all for the operator, its own for a
 * reseller, with this month's usage (columns in admin_clients.c). */
int admin_client_list(struct admin_context *ac, struct db_rows *out);

/* The installation's own client (made when asked for and missing). */
int admin_house_client(struct admin_context *ac, bool create, long long *client_id);
/* The same, made with this slug and name when missing (the first-run setup
 * names it after the operator's organisation); an existing one is kept as
 * it is. The operator's. */
int admin_house_client_named(struct admin_context *ac, const char *slug, const char *name,
			     long long *client_id);
/* An operator account in the house client: with a password, or invited
 * (password NULL; the link in ac->link). */
int admin_operator_add(struct admin_context *ac, const char *email, const char *name,
		       const char *password);

#endif
