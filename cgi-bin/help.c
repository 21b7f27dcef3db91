/* help - where a site's help link leads. GET checks the link (site key and
 * the Referer's domain), recognises the visitor, and either asks for a
 * question first (templates/help.cs) or puts the visitor straight into the
 * queue; POST sends the question. Both end on the waiting page.
 * Tests: t/help.t. */
#include "db.h"
#include "helpreq.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

enum { GET_SITE, GET_TOPIC, GET__MAX };
static const struct input link_inputs[GET__MAX] = {
	[GET_SITE] = { "site", INPUT_LINE, true, 64, 0, 0, NULL },
	[GET_TOPIC] = { "topic", INPUT_LINE, false, 100, 0, 0, NULL },
};

enum { IN_CSRF, IN_SITE, IN_TOPIC, IN_PAGE, IN_NAME, IN_QUESTION, IN__MAX };
static const struct input question_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_SITE] = { "site", INPUT_LINE, true, 64, 0, 0, NULL },
	[IN_TOPIC] = { "topic", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_PAGE] = { "page", INPUT_LINE, true, 2000, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_QUESTION] = { "question", INPUT_TEXT, true, 2000, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static int to_queue(struct request *r, const struct site_info *site, const char *topic,
		    const char *name, const char *question, const char *page)
{
	long long visitor_id;
	const char *public_id;
	int rc = visitor_identify(r, true, &visitor_id);
	if (rc == DB_OK)
		rc = helpreq_create(r, site, visitor_id, topic, name, question, page, &public_id);
	if (rc != DB_OK)
		return failed(r, rc);
	return resp_redirect(r, pool_printf(r->pool, "/wait?r=%s", public_id));
}

static int help_link(struct request *r)
{
	struct site_info site;
	const char *refusal;
	int rc = helpreq_check_link(r, r->in[GET_SITE], r->referer, &site, &refusal);
	if (rc != DB_OK)
		return failed(r, rc);
	if (refusal != NULL)
		return resp_error(r, 403, "%s", refusal);
	if ((rc = db_exec(r->db, SQL_HELP_HIT, NULL, "i", site.id)) != DB_OK)
		return failed(r, rc);
	if (!site.ask_question)
		return to_queue(r, &site, r->in[GET_TOPIC], NULL, NULL, r->referer);

	long long visitor_id;
	if ((rc = visitor_identify(r, true, &visitor_id)) != DB_OK)
		return failed(r, rc);
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	struct view *v = view_new(r);
	view_set(v, "csrf", token);
	view_set(v, "site.key", r->in[GET_SITE]);
	view_set(v, "site.client", site.client_name);
	view_set(v, "topic", r->in[GET_TOPIC]);
	view_set(v, "page", r->referer);
	rc = view_render(r, v, 200, "help");
	view_free(v);
	return rc;
}

static int help_question(struct request *r)
{
	struct site_info site;
	const char *refusal;
	/* The page the link was on travels in the form: it is checked again. */
	int rc = helpreq_check_link(r, r->in[IN_SITE], r->in[IN_PAGE], &site, &refusal);
	if (rc != DB_OK)
		return failed(r, rc);
	if (refusal != NULL)
		return resp_error(r, 403, "%s", refusal);
	return to_queue(r, &site, r->in[IN_TOPIC], r->in[IN_NAME], r->in[IN_QUESTION], r->in[IN_PAGE]);
}

static const struct action help_actions[] = {
	{ METHOD_GET, link_inputs, GET__MAX, GUARD_NONE, help_link },
	{ METHOD_POST, question_inputs, IN__MAX, GUARD_FORM_CSRF, help_question },
};

static const struct program help_program = { "help", false, help_actions, COUNT_OF(help_actions) };

int main(int argc, char **argv)
{
	return program_main(&help_program, argc, argv);
}
