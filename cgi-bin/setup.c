/* setup - the first-run setup in the browser: on a fresh installation,
 * whoever holds the one-time token the server printed (`baton-admin
 * setup-token`, the package's postinst) creates the first operator account
 * and, if wanted, the first client with its site and help link, and is
 * signed in. Without a valid unused token the page says only how to get
 * one; once an operator exists it is gone (404) for good. The transaction
 * is lib/setup.c's; the accounts, the client and its site are made in it by
 * the actions baton-admin runs (lib/admin_clients.c, lib/admin_sites.c,
 * lib/account.c), so their rules are the same. Template: templates/setup.cs. Tests: t/setup.t,
 * t/browser-setup.t. */
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "setup.h"

enum { PAGE_TOKEN, PAGE__MAX };

static const struct input page_inputs[PAGE__MAX] = {
	[PAGE_TOKEN] = { "token", INPUT_LINE, false, 200, 0, 0, NULL },
};

enum {
	IN_CSRF, IN_TOKEN, IN_ORG_NAME, IN_ORG_SLUG, IN_NAME, IN_EMAIL, IN_PASSWORD, IN_PASSWORD2,
	IN_CLIENT_NAME, IN_CLIENT_SLUG, IN_SITE_DOMAIN, IN_PUBLIC_URL, IN_MAIL_DOMAIN, IN_MAIL_FROM,
	IN_OPERATOR_EMAIL, IN__MAX
};

static const struct input setup_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_LINE, true, 200, 0, 0, NULL },
	[IN_ORG_NAME] = { "org_name", INPUT_LINE, true, 200, 0, 0, NULL },
	[IN_ORG_SLUG] = { "org_slug", INPUT_LINE, true, 64, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, true, 100, 0, 0, NULL },
	[IN_EMAIL] = { "email", INPUT_EMAIL, true, 254, 0, 0, NULL },
	[IN_PASSWORD] = { "password", INPUT_PASSWORD, true, 1024, 0, 0, NULL },
	[IN_PASSWORD2] = { "password2", INPUT_PASSWORD, true, 1024, 0, 0, NULL },
	[IN_CLIENT_NAME] = { "client_name", INPUT_LINE, false, 200, 0, 0, NULL },
	[IN_CLIENT_SLUG] = { "client_slug", INPUT_LINE, false, 64, 0, 0, NULL },
	[IN_SITE_DOMAIN] = { "site_domain", INPUT_LINE, false, 253, 0, 0, NULL },
	[IN_PUBLIC_URL] = { "public_url", INPUT_LINE, false, 300, 0, 0, NULL },
	[IN_MAIL_DOMAIN] = { "mail_domain", INPUT_LINE, false, 253, 0, 0, NULL },
	[IN_MAIL_FROM] = { "mail_from", INPUT_EMAIL, false, 253, 0, 0, NULL },
	[IN_OPERATOR_EMAIL] = { "operator_email", INPUT_EMAIL, false, 253, 0, 0, NULL },
};

/* The page for a token that opens nothing: how to get one, or that the
 * setup is over. */
static int closed_page(struct request *r, enum setup_state state)
{
	struct view *v = view_new(r);
	int status = 403;
	if (state == SETUP_DONE) {
		status = 404;
		view_set(v, "setup.state", "done");
	} else {
		view_set(v, "setup.state", state == SETUP_NO_TOKEN ? "no_token" : "refused");
		view_set(v, "message", state == SETUP_EXPIRED_TOKEN
				? "That setup token has expired. Run baton-admin setup-token on the "
				  "server for a new one."
			  : state == SETUP_BAD_TOKEN
				? "That setup token is not valid: it was mistyped, already used, or "
				  "replaced by a newer one. Run baton-admin setup-token on the server "
				  "for a new one."
				: NULL);
		if (state == SETUP_NO_TOKEN)
			status = 200;
	}
	int rc = view_render(r, v, status, "setup");
	view_free(v);
	return rc;
}

/* The database check shown on the form: the schema the installation runs. */
static int show_form(struct request *r, int status, const char *token, const char *message)
{
	struct db_rows schema;
	int rc = db_query(r->db, r->pool, SQL_SETUP_SCHEMA_VERSION, &schema, "");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	const char *csrf = form_csrf_token(r);
	if (csrf == NULL)
		return -1;
	struct view *v = view_new(r);
	view_set(v, "setup.state", "open");
	view_set(v, "csrf", csrf);
	view_set(v, "token", token);
	view_set(v, "message", message);
	view_set(v, "db.version", db_cell(&schema, 0, 0));
	view_set(v, "db.migrations", db_cell(&schema, 0, 1));
	/* The public address check: links in mail and the help links use
	 * public_url; a page reached at another address is a warning sign. */
	const char *origin = request_origin(r);
	view_set(v, "address.public_url", r->cfg->public_url[0] ? r->cfg->public_url : NULL);
	view_set(v, "address.origin", origin);
	view_set(v, "address.differs", r->cfg->public_url[0] && strcmp(r->cfg->public_url, origin) != 0
					       ? "1" : NULL);
	/* The address and mail settings start as baton.conf has them. */
	view_set(v, "form.public_url", r->cfg->public_url[0] ? r->cfg->public_url : origin);
	view_set(v, "form.mail_domain", r->cfg->mail_domain);
	view_set(v, "form.mail_from", r->cfg->mail_from);
	view_set(v, "form.operator_email", r->cfg->operator_email);
	view_set(v, "conf.path", config_path());
	static const char *const kept[] = { "org_name", "org_slug", "name", "email", "client_name",
					    "client_slug", "site_domain", "public_url", "mail_domain",
					    "mail_from", "operator_email" };
	static const int kept_in[] = { IN_ORG_NAME, IN_ORG_SLUG, IN_NAME, IN_EMAIL, IN_CLIENT_NAME,
				       IN_CLIENT_SLUG, IN_SITE_DOMAIN, IN_PUBLIC_URL, IN_MAIL_DOMAIN,
				       IN_MAIL_FROM, IN_OPERATOR_EMAIL };
	for (size_t i = 0; r->method == METHOD_POST && i < COUNT_OF(kept); i++)
		view_set(v, pool_printf(r->pool, "form.%s", kept[i]), r->in[kept_in[i]]);
	rc = view_render(r, v, status, "setup");
	view_free(v);
	return rc;
}

static int setup_page(struct request *r)
{
	const char *token = r->in[PAGE_TOKEN];
	enum setup_state state;
	int rc = setup_check(r->db, r->pool, token, &state);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (state != SETUP_OPEN)
		return closed_page(r, state);
	return show_form(r, 200, token, NULL);
}

static int done_page(struct request *r, const struct setup_form *f, const struct setup_result *res)
{
	const char *base = res->base;
	struct view *v = view_new(r);
	view_set(v, "conf.path", config_path());
	view_set(v, "conf.lines", res->conf_lines[0] ? res->conf_lines : NULL);
	view_set(v, "setup.state", "created");
	view_set(v, "done.email", f->email);
	view_set(v, "done.name", f->name);
	if (res->has_site) {
		view_set(v, "done.client", f->client_name);
		view_set(v, "done.domain", f->site_domain);
		view_set(v, "done.link", pool_printf(r->pool, "<a href=\"%s/help?site=%s\" "
						      "referrerpolicy=\"no-referrer-when-downgrade\">Talk to us</a>",
						      base, res->site_key));
	}
	int rc = view_render(r, v, 200, "setup");
	view_free(v);
	return rc;
}

static int setup_submit(struct request *r)
{
	const char *token = r->in[IN_TOKEN];
	struct setup_form f = {
		.org_name = r->in[IN_ORG_NAME], .org_slug = r->in[IN_ORG_SLUG],
		.name = r->in[IN_NAME], .email = r->in[IN_EMAIL], .password = r->in[IN_PASSWORD],
		.password2 = r->in[IN_PASSWORD2],
		.client_name = r->in[IN_CLIENT_NAME], .client_slug = r->in[IN_CLIENT_SLUG],
		.site_domain = r->in[IN_SITE_DOMAIN],
		.base = r->cfg->public_url[0] ? r->cfg->public_url : request_origin(r),
		.from = r->remote_addr,
		.settings = { r->in[IN_PUBLIC_URL], r->in[IN_MAIL_DOMAIN], r->in[IN_MAIL_FROM],
			      r->in[IN_OPERATOR_EMAIL] },
	};
	/* The first client is all or nothing: its name, short name and domain. */
	int client_parts = (f.client_name != NULL) + (f.client_slug != NULL) + (f.site_domain != NULL);
	if (client_parts != 0 && client_parts != 3)
		return show_form(r, 400, token, "For a first client give its name, its short name "
						 "and its site's domain, or leave all three empty.");

	enum setup_state state;
	struct setup_result res;
	const char *why = NULL;
	int rc = setup_create(r->db, r->pool, r->cfg, token, &f, &state, &res, &why);
	if (rc >= 400)
		return show_form(r, rc, token, why);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (state != SETUP_OPEN)
		return closed_page(r, state);

	rc = session_start(r, res.operator_id);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	resp_cookie(r, FORM_CSRF_COOKIE, "", 0, "Strict");
	return done_page(r, &f, &res);
}

static const struct action setup_actions[] = {
	{ METHOD_GET, page_inputs, PAGE__MAX, GUARD_NONE, setup_page },
	{ METHOD_POST, setup_inputs, IN__MAX, GUARD_FORM_CSRF, setup_submit },
};

static const struct program setup_program = {
	"setup", false, setup_actions, COUNT_OF(setup_actions)
};

int main(int argc, char **argv)
{
	return program_main(&setup_program, argc, argv);
}
