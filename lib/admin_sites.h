/* admin_sites.h - a client's sites as its administrators manage them: the
 * site, the domains its help links are accepted from, whether visitors
 * type a question first, and the secret that signs priorities in links.
 * Actions as admin.h says (POWER_ADMINISTER on the site's client). */
#ifndef BATON_ADMIN_SITES_H
#define BATON_ADMIN_SITES_H

#include <stdbool.h>

#include "admin.h"

struct db_rows;

/* A site with its domains (at least one); ac->link gets nothing, ac->message
 * names the site's key. */
int admin_site_add(struct admin_context *ac, long long client_id, const char *name,
		   const char *const *domains, int domain_count);
int admin_site_rename(struct admin_context *ac, long long site_id, const char *name);
int admin_site_set_ask_question(struct admin_context *ac, long long site_id, bool ask);
int admin_site_domain_add(struct admin_context *ac, long long site_id, const char *domain);
int admin_site_domain_remove(struct admin_context *ac, long long site_id, const char *domain);
/* Deletes the site and its domains; its past sessions stay in the archive.
 * confirmation must repeat the site's name. */
int admin_site_delete(struct admin_context *ac, long long site_id, const char *confirmation);
/* A new signing secret (site_id, or the site's key when site_id is 0): the
 * secret is in ac->link, to show once. */
int admin_site_new_secret(struct admin_context *ac, long long site_id, const char *site_key);

/* Splits a list of domains typed by people (spaces, commas or new lines)
 * into at most max entries. Returns the count. */
int admin_split_domains(struct admin_context *ac, const char *text, const char **out, int max);

#endif
