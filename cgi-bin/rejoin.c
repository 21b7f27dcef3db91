/* rejoin - the link in an appointment's confirmation and reminder mails
 * (/rejoin?r=REQUEST&k=TOKEN): GET shows the appointment and a button (a
 * mail program that opens links to check them changes nothing); POST puts
 * this browser's visitor at the head of the queue and on the waiting page.
 * The token is the link's own (lib/appointment.c). Template:
 * templates/rejoin.cs. Tests: t/rejoin.t, t/appointment-mail.t. */
#include <string.h>

#include "appointment.h"
#include "catalogue.h"
#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"

enum { IN_REQUEST, IN_KEY, IN__MAX };
static const struct input page_inputs[IN__MAX] = {
	[IN_REQUEST] = { "r", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_KEY] = { "k", INPUT_LINE, true, 32, 0, 0, NULL },
};

enum { POST_CSRF, POST_REQUEST, POST_KEY, POST__MAX };
static const struct input post_inputs[POST__MAX] = {
	[POST_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[POST_REQUEST] = { "r", INPUT_LINE, true, 32, 0, 0, NULL },
	[POST_KEY] = { "k", INPUT_LINE, true, 32, 0, 0, NULL },
};

static int find(struct request *r, const char *id, const char *key, struct appointment_link *a)
{
	int rc = appointment_find(r, id, key, a);
	if (rc == APPOINTMENT_BAD_LINK)
		return resp_error(r, 404, "This link does not lead to an appointment. Use the link "
				  "in the latest e-mail about it.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	return rc == DB_OK ? 0 : -1;
}

static bool is_over(const struct appointment_link *a)
{
	return strcmp(a->state, "cancelled") == 0 || strcmp(a->state, "accepted") == 0
	       || strcmp(a->state, "closed") == 0 || strcmp(a->state, "message") == 0;
}

static int rejoin_page(struct request *r)
{
	struct appointment_link a;
	int status = find(r, r->in[IN_REQUEST], r->in[IN_KEY], &a);
	if (status != 0)
		return status;
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	struct view *v = view_new(r);
	/* In the visitor's language: the one of their request (lib/catalogue.h). */
	char lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, a.lang, lang);
	catalogue_load(r, v, lang);
	view_set(v, "page.lang", lang);
	if (a.at > 0)
		view_set(v, "appointment.when_text", catalogue_datetime(v, r->pool, (time_t)a.at));
	view_set(v, "csrf", token);
	view_set(v, "appointment.id", a.public_id);
	view_set(v, "appointment.key", r->in[IN_KEY]);
	view_set(v, "appointment.client", a.client_name);
	view_set(v, "appointment.when", a.when);
	view_set(v, "appointment.state", a.state);
	view_set_int(v, "appointment.over", is_over(&a));
	int rc = view_render(r, v, 200, "rejoin");
	view_free(v);
	return rc;
}

static int rejoin(struct request *r)
{
	struct appointment_link a;
	int status = find(r, r->in[POST_REQUEST], r->in[POST_KEY], &a);
	if (status != 0)
		return status;
	if (is_over(&a))
		return resp_error(r, 409, "This appointment is over: it was cancelled or has taken place.");
	int rc = appointment_rejoin(r, &a);
	if (rc == APPOINTMENT_OVER)
		return resp_error(r, 409, "This appointment is over: it was cancelled or has taken place.");
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	return resp_redirect(r, pool_printf(r->pool, "/wait?r=%s", a.public_id));
}

static const struct action rejoin_actions[] = {
	{ METHOD_GET, page_inputs, IN__MAX, GUARD_NONE, rejoin_page },
	{ METHOD_POST, post_inputs, POST__MAX, GUARD_FORM_CSRF, rejoin },
};

static const struct program rejoin_program = {
	"rejoin", false, rejoin_actions, COUNT_OF(rejoin_actions)
};

int main(int argc, char **argv)
{
	return program_main(&rejoin_program, argc, argv);
}
