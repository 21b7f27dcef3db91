/* two_factor.h - optional two-factor sign-in for staff: a code from an
 * authenticator app (TOTP, lib/totp.h) after the password, or one of ten
 * single-use recovery codes. Turning it on, off, and an administrator
 * turning it off for someone who lost their phone are administrative
 * actions (admin.h); the sign-in's second step (cgi-bin/verify.c) and its
 * completion are here too, so that both sign-in steps end the same way. */
#ifndef BATON_TWO_FACTOR_H
#define BATON_TWO_FACTOR_H

#include <stdbool.h>

#include "admin.h"
#include "request.h"

enum { RECOVERY_CODES = 10, SIGNIN_CODE_ATTEMPTS = 5, SIGNIN_CODE_SECONDS = 300 };

#define CHALLENGE_COOKIE "baton_verify"

/* One's own account. Start: a new secret, waiting for a first code (shown
 * on the profile page with its otpauth address). Confirm: with a code from
 * the app it is in force, and ac->link holds the recovery codes, shown once
 * (ac->link_label says so). Off: with the current password. */
int two_factor_start(struct admin_context *ac);
int two_factor_confirm(struct admin_context *ac, const char *code);
int two_factor_off(struct admin_context *ac, const char *password);
/* An administrator (or the operator) turns it off for someone who cannot
 * sign in without it any more. */
int two_factor_reset(struct admin_context *ac, long long agent_id);

/* The enrolment waiting for its first code: the secret in base32 and its
 * otpauth:// address, or NULLs. Returns a db_status. */
int two_factor_pending(struct admin_context *ac, const char **secret, const char **uri);

/* Signing in, after the password: whether the account asks for a code. */
struct signin_account {
	long long id, client_id;
	const char *email;
	const char *role;
	bool two_factor;
};
/* Why a right password starts no session: said by the password step
 * (cgi-bin/signin.c) and, when it happened meanwhile, by the code step. */
extern const char signin_disabled_reason[], signin_stopped_reason[];
/* The password was right: for an account with two-factor sign-in, a
 * challenge (a cookie, five minutes, five tries) and 303 to /verify; else
 * the session starts. Either way the response is set; returns its status. */
int signin_password_accepted(struct request *r, const struct signin_account *a, const char *state);
/* The second step: the code typed for the challenge in this browser's
 * cookie. Done: the session starts (303 on). Wrong: 403 with the reason in
 * *error (the challenge ends after five). No challenge: 404. An account
 * disabled or a desk suspended since the password: 403 with the reason,
 * and the challenge ends. *ended: the challenge is over (sign in again). */
int signin_code(struct request *r, const char *code, const char **error, bool *ended);
/* Starts the session and the agent's state, and records the sign-in: the
 * end of every sign-in. Sets the redirect; returns its status. */
int signin_complete(struct request *r, const struct signin_account *a, const char *state);

#endif
