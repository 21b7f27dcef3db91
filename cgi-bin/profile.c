/* profile - a person's own account, for everyone signed in: their name,
 * picture, password, which news chimes or shows a desktop notification (a
 * new offer, a line in a conversation in the background, a line from a
 * supervisor), and two-factor sign-in (a key for an authenticator app, with
 * its QR code drawn by htdocs/js/profile.js, then recovery codes), the
 * language they read and write, and (supervisors, administrators) the
 * weekly digest. Every form calls lib/account.c, lib/two_factor.c,
 * lib/admin_lang.c or lib/admin_mail.c. Template: templates/profile.cs.
 * Tests: t/profile.t, t/admin-settings.t, t/browser-two-factor.t. */
#include <stdio.h>

#include "account.h"
#include "admin_lang.h"
#include "admin_mail.h"
#include "admin_page.h"
#include "channel.h"
#include "db.h"
#include "pool.h"
#include "render.h"
#include "two_factor.h"

static const struct input profile_inputs[] = {
	{ "name", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "avatar", INPUT_LINE, false, 32, 0, 0, NULL },
	{ "current", INPUT_PASSWORD, false, PASSWORD_MAX_CHARS, 0, 0, NULL },
	{ "password", INPUT_PASSWORD, false, PASSWORD_MAX_CHARS, 0, 0, NULL },
	{ "again", INPUT_PASSWORD, false, PASSWORD_MAX_CHARS, 0, 0, NULL },
	{ "sound_offer", INPUT_INT, false, 0, 0, 1, NULL },
	{ "sound_line", INPUT_INT, false, 0, 0, 1, NULL },
	{ "sound_supervisor", INPUT_INT, false, 0, 0, 1, NULL },
	{ "desktop_offer", INPUT_INT, false, 0, 0, 1, NULL },
	{ "desktop_line", INPUT_INT, false, 0, 0, 1, NULL },
	{ "desktop_supervisor", INPUT_INT, false, 0, 0, 1, NULL },
	{ "code", INPUT_LINE, false, 30, 0, 0, NULL },
	{ "lang", INPUT_LINE, false, 12, 0, 0, NULL },
	{ "digest", INPUT_INT, false, 0, 0, 1, NULL },
};

static int set_name(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_rename(ac, ac->agent_id, admin_field(r, "name"));
}

static int set_avatar(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_own_avatar(ac, admin_field(r, "avatar"));
}

static int set_password(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_change_password(ac, admin_field(r, "current"), admin_field(r, "password"),
				       admin_field(r, "again"), r->session->id);
}

static int set_preferences(struct request *r, struct admin_context *ac, long long client_id)
{
	bool on[ACCOUNT_PREFERENCES];
	for (int i = 0; i < ACCOUNT_PREFERENCES; i++)
		on[i] = admin_field_int(r, account_preferences[i]) != 0;
	return account_set_preferences(ac, on);
}

static int two_factor_on(struct request *r, struct admin_context *ac, long long client_id)
{
	return two_factor_start(ac);
}

static int two_factor_code(struct request *r, struct admin_context *ac, long long client_id)
{
	return two_factor_confirm(ac, admin_field(r, "code"));
}

static int two_factor_stop(struct request *r, struct admin_context *ac, long long client_id)
{
	return two_factor_off(ac, admin_field(r, "current"));
}

/* The language one reads and writes (issue 18): lines in others are
 * translated. */
static int set_lang(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_lang(ac, ac->agent_id, admin_field(r, "lang"));
}

/* Whether one gets the weekly digest (issue 13). */
static int set_digest(struct request *r, struct admin_context *ac, long long client_id)
{
	return account_set_digest(ac, ac->agent_id, admin_field_int(r, "digest") != 0);
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	struct db_rows me;
	int rc = db_query(ac->db, ac->pool, SQL_ACCOUNT_PROFILE, &me, "i", ac->agent_id);
	if (rc != DB_OK)
		return rc;
	if (me.rows == 0)
		return admin_refuse(ac, 404, "Your account is gone.");
	view_set(v, "profile.name", db_cell(&me, 0, 0));
	view_set(v, "profile.email", db_cell(&me, 0, 1));
	view_set(v, "profile.avatar", db_cell(&me, 0, 2));
	for (int i = 0; i < ACCOUNT_PREFERENCES; i++)
		view_set(v, pool_printf(r->pool, "profile.%s", account_preferences[i]),
			 db_cell(&me, 0, (size_t)(3 + i)));
	view_set(v, "profile.two_factor", db_cell(&me, 0, 9));
	view_set(v, "profile.recovery_left", db_cell(&me, 0, 10));
	struct db_rows lang;
	if ((rc = db_query(ac->db, ac->pool, SQL_SETTINGS_AGENT_LANG, &lang, "i", ac->agent_id)) != DB_OK)
		return rc;
	if (lang.rows > 0) {
		view_set(v, "profile.lang", db_cell(&lang, 0, 0));
		view_set_int(v, "profile.digest", db_cell_int(&lang, 0, 1) == 0);
	}
	for (size_t i = 0; channel_avatars[i] != NULL; i++)
		view_set(v, pool_printf(r->pool, "avatars.%zu", i), channel_avatars[i]);
	const char *secret, *uri;
	if ((rc = two_factor_pending(ac, &secret, &uri)) != 0)
		return rc;
	if (secret != NULL) {
		/* In groups of four, as apps show keys typed by hand. */
		struct buf grouped;
		buf_init(&grouped);
		for (size_t i = 0; secret[i]; i++) {
			if (i && i % 4 == 0)
				buf_putc(&grouped, ' ');
			buf_putc(&grouped, secret[i]);
		}
		view_set(v, "two_factor.key", grouped.data);
		view_set(v, "two_factor.uri", uri);
		buf_free(&grouped);
	}
	return 0;
}

static const struct admin_form profile_forms[] = {
	{ "name", set_name }, { "avatar", set_avatar }, { "password", set_password },
	{ "preferences", set_preferences }, { "two-factor-start", two_factor_on },
	{ "two-factor-confirm", two_factor_code }, { "two-factor-off", two_factor_stop },
	{ "lang", set_lang }, { "digest", set_digest },
};

static const struct admin_page profile_page = {
	"profile", POWER_STAFF, true, profile_inputs, COUNT_OF(profile_inputs), profile_forms,
	COUNT_OF(profile_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&profile_page, argc, argv);
}
