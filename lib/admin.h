/* admin.h - what every administrative action shares, whether a page in the
 * browser or tools/baton-admin calls it: who acts (struct admin_context),
 * the one authorization check per role and tenant, checking values with the
 * declared-input rules, clear refusals, and the audit log.
 *
 * An action is one C function in lib/admin_*.c or lib/account.c that
 *   1. checks its values (admin_text, admin_int...),
 *   2. asks admin_authorize() whether this actor may act on this client,
 *   3. makes the change and writes its audit row (admin_audit) in one
 *      transaction,
 * and returns 0 (done; ac->message says what was done), a 4xx status (refused;
 * ac->message says why, for people) or a negative db_status. The page
 * (lib/admin_page.c) and the command line only translate that. */
#ifndef BATON_ADMIN_H
#define BATON_ADMIN_H

#include <stdbool.h>
#include <stddef.h>

#include "input.h"
#include "staff.h"

struct config;
struct db;
struct pool;
struct request;

struct admin_context {
	struct db *db;
	struct pool *pool;
	const struct config *cfg;

	/* Who acts. */
	long long agent_id;        /* 0: baton-admin on the server's shell */
	long long client_id;       /* the actor's own client (0 for the shell) */
	long long reseller_id;     /* role reseller: theirs */
	enum staff_role role;      /* the shell acts as the operator */
	const char *who;           /* e-mail address, or "baton-admin (user)" */
	const char *from;          /* IP address, or "shell" */
	const char *base_url;      /* for links in invitations ("" when unknown) */

	/* What came of it. */
	const char *message;       /* done: what; refused: why */
	const char *link;          /* an invitation or reset link to hand over once */
	const char *link_label;    /* what it is, when not such a link */
	long long new_id;          /* the id of what was created */

	/* A change to what routing and the live desks see (admin_touch_queue). */
	long long queue_client;
	unsigned long long queue_version;

	/* The caller holds the transaction (the first-run setup makes the
	 * operator, a client and its site in one): actions run inside it, and
	 * admin_begin() and admin_finish() neither start nor end it. */
	bool caller_transaction;
};

/* The actor behind a signed-in request. */
void admin_context_for_request(struct admin_context *ac, struct request *r);
/* baton-admin: the operator, on the shell of this server. */
void admin_context_for_shell(struct admin_context *ac, struct db *db, struct pool *pool,
			     const struct config *cfg);

/* Sets ac->message and returns status (a 4xx): `return admin_refuse(...)`. */
int admin_refuse(struct admin_context *ac, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sets ac->message (what was done) and returns 0. */
int admin_done(struct admin_context *ac, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Checks value by the declared-input rules (kind, at most max characters).
 * Returns the value (e-mail addresses lower-cased), or NULL: then either the
 * value was absent and not required (*refused 0) or it is refused (*refused
 * 400, the reason in ac->message). */
const char *admin_text(struct admin_context *ac, const char *field, enum input_kind kind,
		       size_t max, const char *value, bool required, int *refused);
/* A whole number within [min, max]: 0, or 400 with the reason. */
int admin_int(struct admin_context *ac, const char *field, const char *value, long long min,
	      long long max, long long *out);
/* A slug for clients and resellers (it goes into addresses): 1-64 of a-z,
 * 0-9 and '-'. 0, or 400 with the reason. */
int admin_slug(struct admin_context *ac, const char *field, const char *value);
/* A domain as help links are checked against it (and mail_domain): a
 * host name or address, lower-cased here, no scheme, port or path. NULL,
 * with the reason (*refused 400), when it is not one. */
const char *admin_domain(struct admin_context *ac, const char *value, int *refused);

/* What an action needs of the actor, for one client. */
enum admin_power {
	POWER_STAFF,       /* any staff member of the client (their own things) */
	POWER_SUPERVISE,   /* the client's supervisors and admins */
	POWER_ADMINISTER,  /* the client's admins: sites, agents, settings */
	POWER_ACCOUNT,     /* the client's reseller: create, see usage and statements */
	POWER_OPERATOR,    /* the Baton operator alone: rates, resellers, suspension */
};
/* The one rule for who may act on client_id (0: on no client in particular,
 * for POWER_OPERATOR). The operator may do everything; a reseller only
 * POWER_ACCOUNT on its own clients; staff their own client's, by role.
 * Returns 0, or 403/404 with the reason (a client the actor may not know of
 * is "not found", as for one that does not exist). */
int admin_authorize(struct admin_context *ac, enum admin_power power, long long client_id);

/* Writes who did what to the audit log, inside the action's transaction.
 * client_id and reseller_id name the tenants concerned (0: none); object is
 * what was acted on ("agent ann@x.example"), detail the change in words.
 * Returns a db_status. */
int admin_audit(struct admin_context *ac, long long client_id, long long reseller_id,
		const char *action, const char *object, const char *detail_fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Inside the transaction: the change matters to routing and to the live
 * desks of client_id (capacity, an agent signed out). After the commit
 * admin_finish() wakes the client's consoles and routes its queue. */
int admin_touch_queue(struct admin_context *ac, long long client_id);

/* Starts an action's transaction (nothing when the caller holds one):
 * a db_status. */
int admin_begin(struct admin_context *ac);
/* Ends a transaction: commit when rc is DB_OK, else roll back. Returns rc
 * (or the commit's failure). When the caller holds the transaction it only
 * returns rc: committing, rolling back and waking the desks (an action that
 * touches a queue) are then the caller's. */
int admin_finish(struct admin_context *ac, int rc);

/* True for the name of one of the pictures people choose from. */
bool admin_avatar_known(const char *avatar);

#endif
