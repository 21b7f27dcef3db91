/* callback - "Call me back": a visitor leaves a telephone number (made
 * E.164 with the client's default country), to be called now or at a
 * preferred time on their own clock, with an optional question and e-mail
 * address. From the help page (site, page) it makes a call-back request;
 * from the waiting page (r) the visitor's waiting request becomes one.
 * Both end on the waiting page, which shows the place in the list, the
 * anticipated wait or the time of the call, and offers to cancel.
 * Tests: t/callback.t. */
#include <string.h>
#include <time.h>

#include "callback.h"
#include "db.h"
#include "helpreq.h"
#include "pool.h"
#include "profile.h"
#include "program.h"
#include "response.h"
#include "visitor.h"

static const char *const when_choices[] = { "now", "later", NULL };

enum { IN_CSRF, IN_SITE, IN_PAGE, IN_REQUEST, IN_PHONE, IN_WHEN, IN_DATE, IN_TIME, IN_OFFSET,
       IN_EMAIL, IN_NAME, IN_QUESTION, IN__MAX };
static const struct input callback_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	/* From the help page: the site's key and the page the link was on. */
	[IN_SITE] = { "site", INPUT_LINE, false, 64, 0, 0, NULL },
	[IN_PAGE] = { "page", INPUT_LINE, false, 2000, 0, 0, NULL },
	/* From the waiting page: the visitor's request. */
	[IN_REQUEST] = { "r", INPUT_LINE, false, 32, 0, 0, NULL },
	[IN_PHONE] = { "phone", INPUT_LINE, true, 40, 0, 0, NULL },
	[IN_WHEN] = { "when", INPUT_CHOICE, false, 0, 0, 0, when_choices },
	[IN_DATE] = { "date", INPUT_LINE, false, 10, 0, 0, NULL },
	[IN_TIME] = { "time", INPUT_LINE, false, 5, 0, 0, NULL },
	/* Minutes to add to local time for UTC (JavaScript's getTimezoneOffset). */
	[IN_OFFSET] = { "offset", INPUT_INT, false, 0, -840, 840, NULL },
	[IN_EMAIL] = { "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_QUESTION] = { "question", INPUT_TEXT, false, 2000, 0, 0, NULL },
};

/* The form's fields: 0, or the status of the 400 it set when the time is
 * missing or not real. */
static int read_form(struct request *r, struct callback_form *f)
{
	memset(f, 0, sizeof *f);
	f->phone = r->in[IN_PHONE];
	f->email = r->in[IN_EMAIL];
	f->name = r->in[IN_NAME];
	f->question = r->in[IN_QUESTION];
	f->page_url = r->in[IN_PAGE];
	if (r->in[IN_WHEN] == NULL || strcmp(r->in[IN_WHEN], "now") == 0)
		return 0;
	if (r->in[IN_DATE] == NULL || r->in[IN_TIME] == NULL)
		return resp_error(r, 400, "Give the day and the time you would like to be called.");
	time_t when = helpreq_local_time(r->in[IN_DATE], r->in[IN_TIME], r->in_int[IN_OFFSET]);
	if (when < 0)
		return resp_error(r, 400, "Give the date as YYYY-MM-DD and the time as HH:MM.");
	f->preferred = when;
	return 0;
}

static int answer(struct request *r, int rc, const char *error, const char *public_id)
{
	if (rc == CALLBACK_INVALID || rc == CALLBACK_OFF)
		return resp_error(r, rc == CALLBACK_OFF ? 403 : 400, "%s", error);
	if (rc == HELPREQ_CLOSED)
		return resp_error(r, 409, "Your request is no longer waiting.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	return resp_redirect(r, pool_printf(r->pool, "/wait?r=%s", public_id));
}

struct convert_arg {
	const struct callback_form *form;
	const char *error;
};

static int convert(struct request *r, const struct request_status *st, void *arg)
{
	struct convert_arg *c = arg;
	return callback_convert(r, st, c->form, &c->error);
}

/* The waiting page's "Call me back instead". */
static int from_waiting(struct request *r, const struct callback_form *f)
{
	struct request_status st;
	int status = helpreq_load_for_visitor(r, r->in[IN_REQUEST], &st);
	if (status != 0)
		return status;
	if (!st.estimate.desk.takes_calls)
		return resp_error(r, 403, "Call-backs are not among the ways of connecting offered "
				  "to you here.");
	struct convert_arg arg = { f, NULL };
	return answer(r, convert(r, &st, &arg), arg.error, r->in[IN_REQUEST]);
}

/* The help page's "Call me back". */
static int from_help(struct request *r, const struct callback_form *f)
{
	struct site_info site;
	const char *refusal;
	if (r->in[IN_SITE] == NULL || r->in[IN_PAGE] == NULL)
		return resp_error(r, 400, "A call-back needs the site and page it was asked on.");
	/* The page the link was on travels in the form: it is checked again. */
	int rc = helpreq_check_link(r, r->in[IN_SITE], r->in[IN_PAGE], &site, &refusal);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (refusal != NULL)
		return resp_error(r, 403, "%s", refusal);
	long long visitor_id;
	if ((rc = visitor_identify(r, true, &visitor_id)) != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	/* The client's rules decide whether this visitor is offered a call-back. */
	struct treatment t;
	struct profile_ask ask = { .page = r->in[IN_PAGE], .site = site.name };
	if ((rc = profile_treat(r->db, r->pool, site.client_id, visitor_id, &ask, &t)) != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (!treatment_offers(&t, "callback"))
		return resp_error(r, 403, "Call-backs are not among the ways of connecting offered "
				  "to you here.");
	const char *public_id = NULL, *error = NULL;
	rc = callback_request(r, &site, visitor_id, f, &public_id, &error);
	return answer(r, rc, error, public_id);
}

static int ask_callback(struct request *r)
{
	struct callback_form f;
	int status = read_form(r, &f);
	if (status != 0)
		return status;
	return r->in[IN_REQUEST] != NULL ? from_waiting(r, &f) : from_help(r, &f);
}

static const struct action callback_actions[] = {
	{ METHOD_POST, callback_inputs, IN__MAX, GUARD_FORM_CSRF, ask_callback },
};

static const struct program callback_program = {
	"callback", false, callback_actions, COUNT_OF(callback_actions)
};

int main(int argc, char **argv)
{
	return program_main(&callback_program, argc, argv);
}
