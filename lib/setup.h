/* setup.h - the first-run setup: a fresh installation's first operator
 * account (and, if wanted, its first client and site), made in the browser
 * (cgi-bin/setup.c) by whoever holds the one-time token the server printed
 * (`baton-admin setup-token`, the package's postinst). Nobody else can take
 * the installation over: without a valid unused token nothing is shown
 * beyond how to get one, and once an operator exists the setup is gone. */
#ifndef BATON_SETUP_H
#define BATON_SETUP_H

#include "crypto.h"
#include "setup_conf.h"

struct config;
struct db;
struct pool;

/* How long a printed token opens the setup page. */
enum { SETUP_TOKEN_SECONDS = 3 * 24 * 3600 };

enum setup_state {
	SETUP_OPEN,          /* the token is valid and unused, no operator yet */
	SETUP_NO_TOKEN,      /* no token given */
	SETUP_BAD_TOKEN,     /* unknown, replaced by a newer one, or already used */
	SETUP_EXPIRED_TOKEN, /* older than SETUP_TOKEN_SECONDS */
	SETUP_DONE,          /* an operator exists: the setup is over for good */
};

/* A new one-time token in token (64 hex characters); it replaces any
 * earlier unused one. Stores only its SHA-256. Returns a db_status; a token
 * is issued even when setup is over, but it opens nothing then. */
int setup_token_issue(struct db *db, char token[TOKEN_HEX_LEN + 1]);

/* Whether an operator exists yet (*done): a db_status. */
int setup_done(struct db *db, struct pool *pool, bool *done);

/* Whether the installation has no staff account at all (*fresh): only
 * then does the sign-in page point to the setup (a demo or an installation
 * made with baton-admin has accounts, if no operator). A db_status. */
int setup_fresh(struct db *db, struct pool *pool, bool *fresh);

/* What the setup page may show for token (NULL: none given): a db_status,
 * the answer in *state. */
int setup_check(struct db *db, struct pool *pool, const char *token, enum setup_state *state);

struct setup_form {
	const char *org_name, *org_slug;          /* the operator's own organisation */
	const char *name, *email;                 /* the operator */
	const char *password, *password2;         /* typed twice */
	const char *client_name, *client_slug;    /* optional: the first client ... */
	const char *site_domain;                  /* ... and its site's domain */
	struct setup_settings settings;           /* address and mail (setup_conf.h) */
	const char *base;                         /* the address the page was reached
	                                             at: the links in the welcome mail
	                                             when settings give none */
	const char *from;                         /* the browser's address, for the
	                                             audit log */
};

struct setup_result {
	long long operator_id;
	bool has_site;
	char site_key[33];  /* for the first site's help link */
	const char *base;   /* the installation's address, for links */
	const char *conf_lines;  /* baton.conf lines for the settings ("" when none) */
};

/* In one transaction: checks the token and that no operator exists (*state
 * says when not: nothing is made), creates the organisation as the
 * installation's own client with the operator in it, the first client with
 * its site if asked for (the actions baton-admin runs: admin_clients.h,
 * admin_sites.h, account.h, audited as the setup), queues a welcome mail to
 * the operator (the test of the mail settings: it arrives only if they
 * work), and spends the token. Returns 0, a negative db_status, or a 4xx
 * status as those actions refuse, with *why saying what to correct. */
int setup_create(struct db *db, struct pool *pool, const struct config *cfg, const char *token,
		 const struct setup_form *form, enum setup_state *state,
		 struct setup_result *result, const char **why);

#endif
