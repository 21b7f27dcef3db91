/* provision.c - clients, sites and staff accounts, for baton-admin and the
 * first-run setup page alike. */
#include "provision.h"

#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"

const char *provision_slug_problem(struct pool *pool, const char *slug)
{
	size_t n = strlen(slug);
	if (n == 0 || n > 64)
		return "A short name (slug) needs 1 to 64 characters.";
	for (const char *p = slug; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return pool_printf(pool, "The short name '%s' may hold only a-z, 0-9 and '-'.",
					   slug);
	return NULL;
}

int provision_client(struct db *db, struct pool *pool, const char *slug, const char *name,
		     long long *client_id, const char **why)
{
	*why = provision_slug_problem(pool, slug);
	if (*why != NULL)
		return PROVISION_INVALID;
	int rc = db_exec(db, SQL_CLIENT_INSERT, NULL, "ss", slug, name);
	if (rc == DB_DUPLICATE)
		*why = pool_printf(pool, "A client with the short name '%s' already exists.", slug);
	if (rc == DB_OK && client_id != NULL)
		*client_id = (long long)db_last_insert_id(db);
	return rc;
}

/* A domain as help links are checked against it: a host name, no scheme,
 * port or path, lower-cased. NULL when it is not one. */
static char *domain_name(struct pool *pool, const char *domain)
{
	size_t n = strlen(domain);
	if (n == 0 || n > 253 || strpbrk(domain, "/: \t@?#") != NULL)
		return NULL;
	char *lower = pool_strdup(pool, domain);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return lower;
}

int provision_site(struct db *db, struct pool *pool, long long client_id, const char *name,
		   const char *const *domains, int domain_count, char key[33], const char **why)
{
	*why = NULL;
	if (domain_count < 1) {
		*why = "A site needs at least one domain (its help links work only on its domains).";
		return PROVISION_INVALID;
	}
	char *lower[domain_count];
	for (int i = 0; i < domain_count; i++) {
		lower[i] = domain_name(pool, domains[i]);
		if (lower[i] == NULL) {
			*why = pool_printf(pool, "'%s' is not a domain name (give example.com, no "
						 "scheme or path).", domains[i]);
			return PROVISION_INVALID;
		}
	}
	char token[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	memcpy(key, token, 32);
	key[32] = '\0';
	int rc = db_exec(db, SQL_SITE_INSERT, NULL, "iss", client_id, name, key);
	long long site_id = (long long)db_last_insert_id(db);
	for (int i = 0; rc == DB_OK && i < domain_count; i++)
		rc = db_exec(db, SQL_SITE_DOMAIN_INSERT, NULL, "is", site_id, lower[i]);
	if (rc == DB_DUPLICATE)
		*why = "That site or one of its domains is already registered.";
	return rc;
}

int provision_agent(struct db *db, struct pool *pool, const struct config *cfg,
		    long long client_id, const char *email, const char *name, const char *role,
		    const char *password, long long *agent_id, const char **why)
{
	*why = NULL;
	if (strcmp(role, "agent") != 0 && strcmp(role, "supervisor") != 0
	    && strcmp(role, "admin") != 0 && strcmp(role, "operator") != 0) {
		*why = pool_printf(pool, "The role '%s' must be agent, supervisor or admin (or "
					 "operator, for the Baton operator).", role);
		return PROVISION_INVALID;
	}
	if (password == NULL || strlen(password) < PROVISION_MIN_PASSWORD) {
		*why = "A password needs at least 10 characters.";
		return PROVISION_INVALID;
	}
	char *hash = pool_alloc(pool, PASSWORD_HASH_MAX);
	if (crypto_password_hash(password, cfg->password_iterations, hash) != 0)
		return DB_ERROR;
	/* No reseller: the setup makes the installation's own accounts. */
	int rc = db_exec(db, SQL_AGENT_INSERT, NULL, "issssn", client_id, email, name, role, hash,
			 (long long)0);
	if (rc == DB_DUPLICATE)
		*why = pool_printf(pool, "An account with the e-mail address %s already exists.",
				   email);
	if (rc == DB_OK && agent_id != NULL)
		*agent_id = (long long)db_last_insert_id(db);
	return rc;
}
