/* provision.h - creating clients, sites and staff accounts: the one place
 * both tools/baton-admin and the first-run setup page (cgi-bin/setup.c)
 * do it, so the rules (slugs, domains, roles, passwords) are the same.
 *
 * Each returns DB_OK, a db_status (DB_DOWN, DB_ERROR, DB_RETRY from the
 * database; DB_DUPLICATE when a unique key refused the row), or
 * PROVISION_INVALID when the input breaks a rule; for those two *why says
 * what is wrong in a sentence a person can act on. Text inputs must
 * already have passed input_validate() (one line, length). None of them
 * opens a transaction: the caller holds one when it creates several things
 * that belong together. */
#ifndef BATON_PROVISION_H
#define BATON_PROVISION_H

struct config;
struct db;
struct pool;

enum { PROVISION_INVALID = -20, PROVISION_MIN_PASSWORD = 10 };

/* NULL when slug is 1 to 64 of a-z, 0-9 and '-' (it goes into addresses);
 * otherwise what is wrong with it. */
const char *provision_slug_problem(struct pool *pool, const char *slug);

int provision_client(struct db *db, struct pool *pool, const char *slug, const char *name,
		     long long *client_id, const char **why);

/* A site of client_id with its domains (host names, lower-cased here);
 * key gets the site's key for its help link (32 characters and NUL). */
int provision_site(struct db *db, struct pool *pool, long long client_id, const char *name,
		   const char *const *domains, int domain_count, char key[33], const char **why);

/* role: agent, supervisor, admin or operator. */
int provision_agent(struct db *db, struct pool *pool, const struct config *cfg,
		    long long client_id, const char *email, const char *name, const char *role,
		    const char *password, long long *agent_id, const char **why);

#endif
