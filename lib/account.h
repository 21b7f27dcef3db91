/* account.h - staff accounts: inviting people, links to set a password
 * (invitations and resets: single use, expiring), roles, capacity,
 * deactivation, and what each person changes of their own account. Every
 * function is an administrative action as admin.h describes: the browser's
 * pages and tools/baton-admin call the same ones. */
#ifndef BATON_ACCOUNT_H
#define BATON_ACCOUNT_H

#include <stdbool.h>

#include "admin.h"

struct db_rows;

enum { PASSWORD_MIN_CHARS = 10, PASSWORD_MAX_CHARS = 1024, CAPACITY_MAX = 50 };

/* The roles an administrator gives on the Agents page. */
extern const char *const account_desk_roles[];

/* An account as actions and pages see it. */
struct account {
	long long id;
	long long client_id;
	long long reseller_id;     /* 0 unless role reseller */
	const char *email;
	const char *name;
	const char *role;
	const char *client_slug;
	bool disabled;
	bool has_password;
	long long max_sessions;
};

/* Finds the account with this id (or e-mail address, when id is 0) that the
 * actor may manage with `power` (POWER_ADMINISTER for an administrator's
 * actions, POWER_STAFF for one's own). 0, or 404/403 with the reason. */
int account_find(struct admin_context *ac, long long id, const char *email, enum admin_power power,
		 struct account *out);

/* Invites someone into client_id with a role: an account with no password
 * yet, and a link to set one (ac->link). Role reseller needs reseller_id.
 * 0 with ac->new_id, or a refusal. Runs inside the caller's transaction when
 * in_transaction, else in its own. */
int account_invite(struct admin_context *ac, long long client_id, const char *email,
		   const char *name, const char *role, long long reseller_id, bool in_transaction);
/* The same with a password given now (tools/baton-admin, the demo). */
int account_add(struct admin_context *ac, long long client_id, const char *email, const char *name,
		const char *role, long long reseller_id, const char *password);

/* The one place a link to set a password is made: invitations ("invitation")
 * and resets ("reset"). Older links of the account stop working. Sets
 * ac->link to the address to hand over (and, once Baton sends e-mail, this
 * is where the link is mailed to the account's address). Inside the
 * caller's transaction; returns a db_status. */
int account_link_issue(struct admin_context *ac, const struct account *a, const char *kind);

/* What a link (the token in it) leads to, for the page that sets the
 * password: 0 with *a filled and *kind set, or 404 when the link is unknown,
 * used or expired. */
int account_link_check(struct admin_context *ac, const char *token, struct account *a,
		       const char **kind);
/* Sets the password through a link and uses it up; every session of the
 * account ends (a reset must shut out whoever knew the old password).
 * 0, or a refusal (404 for a dead link, 400 for a weak password). */
int account_link_use(struct admin_context *ac, const char *token, const char *password,
		     const char *again);

/* An administrator's actions on an account of their client. */
int account_reset(struct admin_context *ac, long long agent_id);
int account_set_role(struct admin_context *ac, long long agent_id, const char *role);
int account_set_capacity(struct admin_context *ac, long long agent_id, const char *capacity);
int account_set_active(struct admin_context *ac, long long agent_id, bool active);
int account_rename(struct admin_context *ac, long long agent_id, const char *name);
/* tools/baton-admin: a new password set directly (agent passwd). */
int account_set_password_by_admin(struct admin_context *ac, const char *email,
				  const char *password);

/* A person's own account. */
int account_change_password(struct admin_context *ac, const char *current, const char *password,
			    const char *again, long long keep_session_id);
int account_set_own_avatar(struct admin_context *ac, const char *avatar);

/* What news chimes and what shows a desktop notification: a new offer, a
 * line in a conversation in the background, a line from a supervisor. */
enum { ACCOUNT_PREFERENCES = 6 };
extern const char *const account_preferences[];   /* sound_offer ... desktop_supervisor */
int account_set_preferences(struct admin_context *ac, const bool on[ACCOUNT_PREFERENCES]);

/* The client's accounts for the Agents page (columns in account.c). */
int account_list(struct admin_context *ac, long long client_id, struct db_rows *out);

/* Checks a new password: 0, or 400 with the reason. */
int account_password_acceptable(struct admin_context *ac, const char *password, const char *again);

#endif
