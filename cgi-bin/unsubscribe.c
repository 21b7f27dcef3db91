/* unsubscribe - the weekly digest's unsubscribe link (/unsubscribe?t=TOKEN,
 * each person's own): GET says whether they get it and offers to stop (or
 * start again); POST changes it. A mail program's one-click unsubscribe
 * (RFC 8058: POST to the link with List-Unsubscribe=One-Click) stops it.
 * The token authorises exactly this, so the POST needs no form token
 * (mail programs have none). Template: templates/unsubscribe.cs.
 * Tests: t/unsubscribe.t, t/digest.t. */
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "mail_admin.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"

enum { IN_TOKEN, IN__MAX };
static const struct input page_inputs[IN__MAX] = {
	[IN_TOKEN] = { "t", INPUT_LINE, true, 32, 0, 0, NULL },
};

static const char *const choices[] = { "stop", "start", NULL };
static const char *const one_click[] = { "One-Click", NULL };
enum { POST_TOKEN, POST_ACTION, POST_ONE_CLICK, POST__MAX };
static const struct input post_inputs[POST__MAX] = {
	[POST_TOKEN] = { "t", INPUT_LINE, false, 32, 0, 0, NULL },
	[POST_ACTION] = { "action", INPUT_CHOICE, false, 0, 0, 0, choices },
	[POST_ONE_CLICK] = { "List-Unsubscribe", INPUT_CHOICE, false, 0, 0, 0, one_click },
};

/* The person the token names; 0, or the status of the error response. */
static int find(struct request *r, const char *token, struct db_rows *person)
{
	if (token == NULL || !crypto_is_public_id(token))
		return resp_error(r, 404, "This link is not (or no longer) valid.");
	int rc = db_query(r->db, r->pool, SQL_UNSUBSCRIBE_BY_TOKEN, person, "s", token);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (person->rows == 0)
		return resp_error(r, 404, "This link is not (or no longer) valid.");
	return 0;
}

static int show(struct request *r, const struct db_rows *person, const char *token, bool wanted,
		const char *notice)
{
	struct view *v = view_new(r);
	view_set(v, "person.name", db_cell(person, 0, 1));
	view_set(v, "client.name", db_cell(person, 0, 3));
	view_set(v, "token", token);
	view_set_int(v, "subscribed", wanted);
	view_set(v, "notice", notice);
	int rc = view_render(r, v, 200, "unsubscribe");
	view_free(v);
	return rc;
}

static int unsubscribe_page(struct request *r)
{
	struct db_rows person;
	int status = find(r, r->in[IN_TOKEN], &person);
	if (status != 0)
		return status;
	return show(r, &person, r->in[IN_TOKEN], db_cell_int(&person, 0, 2) == 0, NULL);
}

static int unsubscribe(struct request *r)
{
	/* One-click posts carry the token in the link, the page's form in its body. */
	const char *token = r->in[POST_TOKEN];
	if (token == NULL) {
		const char *from_link = param_get(r->query, "t");
		token = from_link != NULL && crypto_is_public_id(from_link) ? from_link : NULL;
	}
	struct db_rows person;
	int status = find(r, token, &person);
	if (status != 0)
		return status;
	bool wanted = r->in[POST_ACTION] != NULL && strcmp(r->in[POST_ACTION], "start") == 0;
	int rc = mail_admin_digest(r->db, db_cell_int(&person, 0, 0), wanted);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	return show(r, &person, token, wanted,
		    wanted ? "You will get the weekly digest again." : "You will not get the weekly digest any more.");
}

static const struct action unsubscribe_actions[] = {
	{ METHOD_GET, page_inputs, IN__MAX, GUARD_NONE, unsubscribe_page },
	{ METHOD_POST, post_inputs, POST__MAX, GUARD_NONE, unsubscribe },
};

static const struct program unsubscribe_program = {
	"unsubscribe", false, unsubscribe_actions, COUNT_OF(unsubscribe_actions)
};

int main(int argc, char **argv)
{
	return program_main(&unsubscribe_program, argc, argv);
}
