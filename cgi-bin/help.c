/* help - where a site's help link leads. GET checks the link (site key and
 * the Referer's domain), recognises the visitor, and either asks for a
 * question first (templates/help.cs, which also offers "Call me back" where
 * the client takes calls: cgi-bin/callback.c) or puts the visitor straight
 * into the queue; POST sends the question. Both end on the waiting page.
 * Tests: t/help.t. */
#include "callback.h"
#include "db.h"
#include "helpreq.h"
#include "phone_line.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

/* A site may give the visitor priority with a signed parameter:
 * sig = HMAC-SHA256(site secret, "site=KEY&priority=N&expires=T"). */
#define SIGNED_PRIORITY_INPUTS \
	{ "priority", INPUT_INT, false, 0, 0, 1000, NULL }, \
	{ "expires", INPUT_INT, false, 0, 0, 99999999999LL, NULL }, \
	{ "sig", INPUT_TOKEN, false, 64, 0, 0, NULL }

enum { GET_SITE, GET_TOPIC, GET_PRIORITY, GET_EXPIRES, GET_SIG, GET__MAX };
static const struct input link_inputs[GET__MAX] = {
	[GET_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	[GET_TOPIC] = { "topic", INPUT_LINE, false, 100, 0, 0, NULL },
	SIGNED_PRIORITY_INPUTS,
};

enum { IN_CSRF, IN_SITE, IN_TOPIC, IN_PAGE, IN_NAME, IN_QUESTION, IN_PRIORITY, IN_EXPIRES, IN_SIG,
       IN__MAX };
static const struct input question_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOPIC] = { "topic", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_PAGE] = { "page", INPUT_LINE, true, 2000, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_QUESTION] = { "question", INPUT_TEXT, true, 2000, 0, 0, NULL },
	SIGNED_PRIORITY_INPUTS,
};

/* The signed priority of this link (inputs at `first`: priority, expires,
 * sig): -1 when the link carries none. Sets *status to a 4xx when the
 * signature is missing parts, wrong or expired. */
static long long signed_priority(struct request *r, const struct site_info *site, size_t first,
				 int *status)
{
	*status = 0;
	const char *sig = r->in[first + 2];
	if (r->in[first] == NULL && r->in[first + 1] == NULL && sig == NULL)
		return -1;
	if (r->in[first] == NULL || r->in[first + 1] == NULL || sig == NULL) {
		*status = resp_error(r, 400, "A signed priority needs priority, expires and sig.");
		return -1;
	}
	long long priority = r->in_int[first];
	int rc = helpreq_signed_priority_valid(r, site, r->in[first == GET_PRIORITY ? GET_SITE : IN_SITE],
					       priority, r->in_int[first + 1], sig);
	if (rc < 0)
		*status = rc == DB_DOWN ? resp_unavailable(r) : -1;
	else if (rc == 0)
		*status = resp_error(r, 403, "This help link's priority signature is not valid or "
				     "has expired.");
	return priority;
}

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static int to_queue(struct request *r, const struct site_info *site, const char *topic,
		    const char *name, const char *question, const char *page, long long priority)
{
	long long visitor_id;
	const char *public_id, *refusal = NULL;
	int rc = visitor_identify(r, true, &visitor_id);
	if (rc == DB_OK)
		rc = helpreq_create(r, site, visitor_id, topic, name, question, page, priority,
				    &public_id, &refusal);
	if (rc == HELPREQ_LIMITED) {
		resp_header(r, "Retry-After", "60");
		return resp_error(r, 429, "%s", refusal);
	}
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
	int status;
	long long priority = signed_priority(r, &site, GET_PRIORITY, &status);
	if (status != 0)
		return status;
	if ((rc = db_exec(r->db, SQL_HELP_HIT, NULL, "i", site.id)) != DB_OK)
		return failed(r, rc);
	if (!site.ask_question)
		return to_queue(r, &site, r->in[GET_TOPIC], NULL, NULL, r->referer, priority);

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
	view_set(v, "page", helpreq_page_url(r->pool, r->referer));
	view_set(v, "priority", r->in[GET_PRIORITY]);
	view_set(v, "expires", r->in[GET_EXPIRES]);
	view_set(v, "sig", r->in[GET_SIG]);
	/* "Call me back" beside the question, where the client takes calls. */
	bool calls = false;
	if (callback_enabled(r->db, r->pool, site.client_id, &calls) == DB_OK)
		view_set_int(v, "callback.enabled", calls);
	/* "Call us": the help number, and a code for the page (cgi-bin/callus.c). */
	struct phone_line line;
	bool found = false;
	if (phone_line_load(r->db, r->pool, site.client_id, &line, &found) == DB_OK && found
	    && line.help_number != NULL)
		view_set(v, "callus.number", line.help_number);
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
	int status;
	long long priority = signed_priority(r, &site, IN_PRIORITY, &status);
	if (status != 0)
		return status;
	return to_queue(r, &site, r->in[IN_TOPIC], r->in[IN_NAME], r->in[IN_QUESTION], r->in[IN_PAGE],
			priority);
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
