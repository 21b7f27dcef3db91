/* myprofile - a visitor sees what one client keeps about them (the
 * profile across that client's sites: lib/profile.h), and deletes it.
 * The help form links here ("See or delete what we keep"); the visitor is
 * known only by their cookie, so nobody else's profile can be asked for.
 * Tests: t/profiles.t. */
#include "catalogue.h"
#include "db.h"
#include "pool.h"
#include "profile.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

enum { GET_SITE, GET_DELETED, GET__MAX };
static const char *const yes[] = { "1", NULL };
static const struct input show_inputs[GET__MAX] = {
	[GET_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	[GET_DELETED] = { "deleted", INPUT_CHOICE, false, 1, 0, 0, yes },
};

enum { IN_CSRF, IN_SITE, IN__MAX };
static const struct input delete_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

/* The client of a site key: 0 with *client_id and *client_name, or the
 * error response's status. */
static int site_client(struct request *r, const char *key, long long *client_id,
		       const char **client_name)
{
	struct db_rows site;
	int rc = db_query(r->db, r->pool, SQL_PROFILE_SITE_CLIENT, &site, "s", key);
	if (rc != DB_OK)
		return failed(r, rc);
	if (site.rows == 0)
		return resp_error(r, 404, "No site registered with Baton has this key.");
	*client_id = db_cell_int(&site, 0, 0);
	*client_name = db_cell(&site, 0, 1);
	return 0;
}

static int show(struct request *r)
{
	long long client_id, visitor_id;
	const char *client_name;
	int status = site_client(r, r->in[GET_SITE], &client_id, &client_name);
	if (status != 0)
		return status;
	int rc = visitor_identify(r, false, &visitor_id);
	if (rc != DB_OK)
		return failed(r, rc);
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	struct view *v = view_new(r);
	/* In the visitor's language (Accept-Language). */
	catalogue_page(r, v, NULL);
	view_set(v, "csrf", token);
	view_set(v, "site.key", r->in[GET_SITE]);
	view_set(v, "site.client", client_name);
	view_set_int(v, "deleted", r->in[GET_DELETED] != NULL);
	if (visitor_id != 0 && (rc = profile_to_view(r->db, r->pool, client_id, visitor_id, v)) != DB_OK) {
		view_free(v);
		return failed(r, rc);
	}
	rc = view_render(r, v, 200, "myprofile");
	view_free(v);
	return rc;
}

static int delete(struct request *r)
{
	long long client_id, visitor_id;
	const char *client_name;
	int status = site_client(r, r->in[IN_SITE], &client_id, &client_name);
	if (status != 0)
		return status;
	int rc = visitor_identify(r, false, &visitor_id);
	if (rc == DB_OK && visitor_id != 0)
		rc = profile_delete(r->db, client_id, visitor_id);
	if (rc != DB_OK)
		return failed(r, rc);
	return resp_redirect(r, pool_printf(r->pool, "/myprofile?site=%s&deleted=1", r->in[IN_SITE]));
}

static const struct action myprofile_actions[] = {
	{ METHOD_GET, show_inputs, GET__MAX, GUARD_NONE, show },
	{ METHOD_POST, delete_inputs, IN__MAX, GUARD_FORM_CSRF, delete },
};

static const struct program myprofile_program = {
	"myprofile", false, myprofile_actions, COUNT_OF(myprofile_actions)
};

int main(int argc, char **argv)
{
	return program_main(&myprofile_program, argc, argv);
}
