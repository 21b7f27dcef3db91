/* help - where a site's help link leads. GET checks the link (site key and
 * the Referer's domain), recognises the visitor, takes them back to their
 * open request or conversation if they have one (a second click, another
 * page of the site: never a second request), and otherwise either asks for
 * a question first (templates/help.cs, with what the desk is like now, and
 * "Call me back" and "Call us" where the client takes calls:
 * cgi-bin/callback.c, cgi-bin/callus.c) or puts the visitor straight into
 * the queue; POST sends the question. Both end on the waiting page. The
 * optional page=URL (added by the site scripts) names the page asked from
 * when it is on the Referer's host. The widget's panel opens here too, in
 * a frame (lib/panel.c). A newcomer to a desk its client counts as
 * overloaded is not queued but shown the overflow page
 * (templates/overflow.cs, lib/overflow.h), whose message and schedule
 * forms come back here (contact=, or date= and time=) and make the request
 * a message or a booking.
 * Tests: t/help.t, t/overflow.t. */
#include <string.h>

#include "admin_desk.h"
#include "callback.h"
#include "catalogue.h"
#include "db.h"
#include "estimate.h"
#include "helpreq.h"
#include "overflow.h"
#include "page_view.h"
#include "panel.h"
#include "log.h"
#include "phone_line.h"
#include "pool.h"
#include "profile.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"
#include "visitor_lang.h"

/* A site may give the visitor priority, and name them as its customer (whose
 * profile its signed events fill: cgi-bin/track.c) with their plan, name and
 * e-mail address, with signed parameters (lib/helpreq.h has the message):
 * sig = HMAC-SHA256(site secret, "site=KEY[&customer=REF][&priority=N]
 * [&plan=P][&customer_name=NAME][&customer_email=E]&expires=T"). */
#define SIGNED_PRIORITY_INPUTS \
	{ "priority", INPUT_INT, false, 0, 0, 1000, NULL }, \
	{ "expires", INPUT_INT, false, 0, 0, 99999999999LL, NULL }, \
	{ "sig", INPUT_TOKEN, false, 64, 0, 0, NULL }, \
	{ "customer", INPUT_LINE, false, 100, 0, 0, NULL }, \
	{ "plan", INPUT_LINE, false, 40, 0, 0, NULL }, \
	{ "customer_name", INPUT_LINE, false, 100, 0, 0, NULL }, \
	{ "customer_email", INPUT_EMAIL, false, 254, 0, 0, NULL }

/* The visitor's language (the page's <html lang> or their choice): lib/visitor_lang.c. */
#define LANG_INPUT { "lang", INPUT_LINE, false, 12, 0, 0, NULL }

enum { GET_SITE, GET_TOPIC, GET_PRIORITY, GET_EXPIRES, GET_SIG, GET_CUSTOMER, GET_PLAN,
       GET_CUSTOMER_NAME, GET_CUSTOMER_EMAIL, GET_PAGE, GET_LANG,
       GET_EVENTS, GET_TRACK, GET_TRAIL, GET__MAX };
static const char *const track_choices[] = { "0", "1", NULL };
static const struct input link_inputs[GET__MAX] = {
	[GET_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	[GET_TOPIC] = { "topic", INPUT_LINE, false, 100, 0, 0, NULL },
	SIGNED_PRIORITY_INPUTS,
	[GET_PAGE] = { "page", INPUT_LINE, false, 2000, 0, 0, NULL },
	[GET_LANG] = LANG_INPUT,
	/* The site script's Baton.event() names, for the profile's trail. */
	[GET_EVENTS] = { "events", INPUT_LINE, false, 900, 0, 0, NULL },
	/* track=0: the visitor declined the site's tracking (the site script
	 * says so when the page sets BatonTracking = false). */
	[GET_TRACK] = { "track", INPUT_CHOICE, false, 1, 0, 0, track_choices },
	/* The tab's trail of pages seen (lib/page_view.h) becomes the visitor's. */
	[GET_TRAIL] = { "trail", INPUT_KEY, false, 32, 0, 0, NULL },
};

enum { IN_CSRF, IN_SITE, IN_TOPIC, IN_PAGE, IN_NAME, IN_QUESTION, IN_PRIORITY, IN_EXPIRES, IN_SIG,
       IN_CUSTOMER, IN_PLAN, IN_CUSTOMER_NAME, IN_CUSTOMER_EMAIL, IN_LANG, IN_EMAIL, IN_VIDEO,
       IN_CONTACT, IN_DATE, IN_TIME, IN_OFFSET, IN__MAX };
static const char *const yes[] = { "1", NULL };
static const struct input question_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOPIC] = { "topic", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_PAGE] = { "page", INPUT_LINE, true, 2000, 0, 0, NULL },
	[IN_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[IN_QUESTION] = { "question", INPUT_TEXT, true, 2000, 0, 0, NULL },
	SIGNED_PRIORITY_INPUTS,
	[IN_LANG] = LANG_INPUT,
	[IN_EMAIL] = { "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	[IN_VIDEO] = { "video", INPUT_CHOICE, false, 1, 0, 0, yes },
	/* The overflow page's message form: how to reach them; the request
	 * is made as a message (lib/helpreq.h). */
	[IN_CONTACT] = { "contact", INPUT_LINE, false, 254, 0, 0, NULL },
	/* Its schedule form: a day and time on the visitor's clock, and the
	 * minutes to add for UTC (JavaScript's getTimezoneOffset). */
	[IN_DATE] = { "date", INPUT_LINE, false, 10, 0, 0, NULL },
	[IN_TIME] = { "time", INPUT_LINE, false, 5, 0, 0, NULL },
	[IN_OFFSET] = { "offset", INPUT_INT, false, 0, -840, 840, NULL },
};

/* The signed priority of this link (inputs at `first`: priority, expires,
 * sig, customer, plan, customer_name, customer_email): -1 when the link
 * carries none. Fills *link with what the link says (customer NULL when it
 * names nobody) and sets *status to a 4xx when the signature is missing
 * parts, wrong or expired. */
static long long signed_priority(struct request *r, const struct site_info *site, size_t first,
				 struct signed_link *link, int *status)
{
	*status = 0;
	*link = (struct signed_link){ .customer = r->in[first + 3], .priority = -1,
				      .plan = r->in[first + 4], .name = r->in[first + 5],
				      .email = r->in[first + 6] };
	const char *sig = r->in[first + 2], *ref = link->customer;
	bool about = link->plan != NULL || link->name != NULL || link->email != NULL;
	if (r->in[first] == NULL && r->in[first + 1] == NULL && sig == NULL && ref == NULL && !about)
		return -1;
	if (about && ref == NULL) {
		*status = resp_error(r, 400, "A signed link's plan, customer_name and customer_email "
				     "need a customer.");
		return -1;
	}
	if ((r->in[first] == NULL && ref == NULL) || r->in[first + 1] == NULL || sig == NULL) {
		link->customer = NULL;
		*status = resp_error(r, 400, "A signed link needs priority or customer, expires and sig.");
		return -1;
	}
	link->priority = r->in[first] != NULL ? r->in_int[first] : -1;
	int rc = helpreq_signed_priority_valid(r, site, r->in[first == GET_PRIORITY ? GET_SITE : IN_SITE],
					       link, r->in_int[first + 1], sig);
	if (rc < 0)
		*status = rc == DB_DOWN ? resp_unavailable(r) : -1;
	else if (rc == 0)
		*status = resp_error(r, 403, "This help link's priority signature is not valid or "
				     "has expired.");
	return link->priority;
}

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

/* The visitor's open request or conversation with this client, if any:
 * the page to go back to, or NULL. */
static int resume_path(struct request *r, const struct site_info *site, long long visitor_id,
		       const char **path)
{
	struct db_rows open;
	*path = NULL;
	int rc = db_query(r->db, r->pool, SQL_VISITOR_OPEN_CHANNEL, &open, "ii", visitor_id,
			  site->client_id);
	if (rc == DB_OK && open.rows > 0) {
		*path = pool_printf(r->pool, "/channel?id=%s", db_cell(&open, 0, 0));
		return DB_OK;
	}
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_REQUEST_OPEN_FOR_VISITOR, &open, "ii", site->client_id,
			      visitor_id);
	if (rc == DB_OK && open.rows > 0)
		*path = pool_printf(r->pool, "/wait?r=%s", db_cell(&open, 0, 0));
	return rc;
}

/* What the visitor asked with, to carry into the overflow page's choices. */
struct asked {
	const char *topic, *name, *question, *page, *lang;
	size_t signed_at; /* the first of the link's signed inputs (SIGNED_PRIORITY_INPUTS) */
};

/* The overflow page (templates/overflow.cs): the wait is long, or nobody
 * can answer; a message, a call-back where the client takes calls and
 * their level allows it, or later, with what they typed carried along. */
static int overflow_page(struct request *r, const struct site_info *site, const struct asked *a,
			 const struct helpreq_extra *extra, const struct treatment *t,
			 const struct estimate *e)
{
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	int rc = panel_allow(r, site->id);
	if (rc != DB_OK)
		return failed(r, rc);
	struct view *v = view_new(r);
	char page_lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, a->lang, page_lang);
	catalogue_load(r, v, page_lang);
	view_set(v, "page.lang", page_lang);
	view_set(v, "csrf", token);
	view_set(v, "site.key", r->in[a->signed_at == GET_PRIORITY ? GET_SITE : IN_SITE]);
	view_set(v, "site.client", site->client_name);
	view_set(v, "topic", a->topic);
	view_set(v, "page", a->page);
	view_set(v, "lang", a->lang);
	view_set(v, "name", a->name);
	view_set(v, "question", a->question);
	view_set(v, "email", extra->email);
	static const char *const signed_names[] = { "priority", "expires", "sig", "customer", "plan",
						    "customer_name", "customer_email" };
	for (size_t i = 0; i < COUNT_OF(signed_names); i++)
		view_set(v, signed_names[i], r->in[a->signed_at + i]);
	estimate_to_view(e, v);
	bool calls = false;
	if (callback_enabled(r->db, r->pool, site->client_id, &calls) == DB_OK)
		view_set_int(v, "callback.enabled", calls && treatment_offers(t, "callback"));
	rc = view_render(r, v, 200, "overflow");
	view_free(v);
	return rc;
}

static int to_queue(struct request *r, const struct site_info *site, long long visitor_id,
		    const struct asked *a, long long priority, const struct helpreq_extra *extra)
{
	const char *topic = a->topic, *name = a->name, *question = a->question, *page = a->page;
	const char *public_id, *refusal = NULL;
	int rc;
	/* A newcomer to an overloaded desk is offered other ways first
	 * (lib/overflow.h); a message from that page is what they chose. */
	if (extra->message_contact == NULL && extra->scheduled_for == NULL) {
		const char *resume;
		if ((rc = resume_path(r, site, visitor_id, &resume)) != DB_OK)
			return failed(r, rc);
		if (resume != NULL)
			return resp_redirect(r, resume);
		struct profile_ask ask = { .page = page, .topic = topic, .site = site->name,
					   .question = question };
		struct treatment t;
		struct estimate e;
		bool overflow;
		if ((rc = overflow_for_newcomer(r->db, r->pool, site->client_id, visitor_id, &ask, &t,
						&e, &overflow)) != DB_OK)
			return failed(r, rc);
		if (overflow)
			return overflow_page(r, site, a, extra, &t, &e);
	}
	char lang[TRANSLATE_LANG_MAX];
	visitor_lang(r, a->lang, lang);
	rc = helpreq_create(r, site, visitor_id, topic, name, question, page, priority, extra,
				&public_id, &refusal);
	if (rc == HELPREQ_LIMITED) {
		resp_header(r, "Retry-After", "60");
		return resp_error(r, 429, "%s", refusal);
	}
	/* Without it the visitor is served in English: no reason to turn them away. */
	if (rc == DB_OK && visitor_lang_remember(r, public_id, lang) != DB_OK)
		log_warn("the language of request %s was not stored", public_id);
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
	struct signed_link link;
	long long priority = signed_priority(r, &site, GET_PRIORITY, &link, &status);
	const char *customer = link.customer;
	if (status != 0)
		return status;
	const char *page = helpreq_asked_from(r, r->referer, r->in[GET_PAGE]);
	long long visitor_id;
	const char *resume;
	/* A panel that had to make a new visitor checks the cookie comes back. */
	bool probe = r->framed && request_cookie(r, VISITOR_COOKIE) == NULL;
	if ((rc = visitor_identify(r, true, &visitor_id)) != DB_OK)
		return failed(r, rc);
	if ((rc = resume_path(r, &site, visitor_id, &resume)) != DB_OK)
		return failed(r, rc);
	if (resume != NULL)
		return resp_redirect(r, resume);
	if ((rc = db_exec(r->db, SQL_HELP_HIT, NULL, "i", site.id)) != DB_OK)
		return failed(r, rc);
	/* The client's retention, a batch at a time (lib/profile.h). */
	if ((rc = profile_expire(r->db, site.client_id)) != DB_OK)
		return failed(r, rc);
	/* The profile learns who the site says this is, and what its script saw. */
	if (customer != NULL
	    && (rc = profile_link_customer(r->db, site.client_id, visitor_id, customer)) != DB_OK)
		return failed(r, rc);
	/* What the signed link says of its customer is kept as the site's word. */
	if (customer != NULL && (link.plan || link.name || link.email)
	    && (rc = profile_site_customer_put(r->db, site.client_id, customer, link.name, link.email,
					       link.plan, -1)) != DB_OK)
		return failed(r, rc);
	bool tracking;
	if ((rc = profile_tracking(r->db, r->pool, site.client_id, visitor_id, r->in[GET_TRACK],
				   &tracking)) != DB_OK)
		return failed(r, rc);
	if (tracking && r->in[GET_EVENTS] != NULL
	    && (rc = profile_record_page_events(r->db, r->pool, site.client_id, site.id, visitor_id,
						r->in[GET_EVENTS])) != DB_OK)
		return failed(r, rc);
	if (r->in[GET_TRAIL] != NULL
	    && (rc = page_view_link(r->db, site.client_id, visitor_id, r->in[GET_TRAIL],
				    tracking)) != DB_OK)
		return failed(r, rc);
	struct helpreq_extra extra = { .customer_ref = customer };
	if (!site.ask_question) {
		struct asked a = { .topic = r->in[GET_TOPIC], .page = page, .lang = r->in[GET_LANG],
				   .signed_at = GET_PRIORITY };
		return to_queue(r, &site, visitor_id, &a, priority, &extra);
	}
	/* What the client's rules offer this visitor, and what they are called. */
	struct treatment t;
	struct profile_ask ask = { .page = page, .topic = r->in[GET_TOPIC], .site = site.name };
	const char *known_name, *known_email;
	if ((rc = profile_treat(r->db, r->pool, site.client_id, visitor_id, &ask, &t)) != DB_OK
	    || (rc = profile_prefill(r->db, r->pool, site.client_id, visitor_id, &known_name,
				     &known_email)) != DB_OK)
		return failed(r, rc);

	struct estimate e;
	if ((rc = estimate_for_newcomer(r->db, r->pool, site.client_id, &e)) != DB_OK)
		return failed(r, rc);
	if ((rc = panel_allow(r, site.id)) != DB_OK)
		return failed(r, rc);
	const char *token = form_csrf_token(r);
	if (token == NULL)
		return -1;
	struct view *v = view_new(r);
	char page_lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, r->in[GET_LANG], page_lang);
	catalogue_load(r, v, page_lang);
	view_set(v, "page.lang", page_lang);
	view_set(v, "csrf", token);
	view_set(v, "site.key", r->in[GET_SITE]);
	view_set(v, "site.client", site.client_name);
	const char *greeting;
	bool open;
	if ((rc = desk_for_visitors(r->db, r->pool, site.client_id, &greeting, &open)) != DB_OK) {
		view_free(v);
		return failed(r, rc);
	}
	view_set(v, "desk.greeting", greeting);
	view_set(v, "topic", r->in[GET_TOPIC]);
	view_set(v, "page", page);
	view_set(v, "priority", r->in[GET_PRIORITY]);
	view_set(v, "expires", r->in[GET_EXPIRES]);
	view_set(v, "sig", r->in[GET_SIG]);
	view_set(v, "customer", customer);
	view_set(v, "plan", link.plan);
	view_set(v, "customer_name", link.name);
	view_set(v, "customer_email", link.email);
	view_set(v, "known.name", known_name);
	view_set(v, "known.email", known_email);
	view_set(v, "level.name", t.level);
	view_set_int(v, "level.video", treatment_offers(&t, "video"));
	estimate_to_view(&e, v);
	view_set_int(v, "probe", probe);
	view_set(v, "lang", r->in[GET_LANG]);
	/* A page language there is no catalogue for stays the visitor's for the
	 * chat (translation) unless they pick another. */
	char asked[TRANSLATE_LANG_MAX];
	if (r->in[GET_LANG] != NULL && translate_lang_valid(r->in[GET_LANG])) {
		translate_lang_base(r->in[GET_LANG], asked);
		view_set_int(v, "lang_other", strcmp(asked, page_lang) != 0);
	}
	/* "Call me back" beside the question, where the client takes calls. */
	bool calls = false;
	if (callback_enabled(r->db, r->pool, site.client_id, &calls) == DB_OK)
		view_set_int(v, "callback.enabled", calls && treatment_offers(&t, "callback"));
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
	struct signed_link link;
	long long priority = signed_priority(r, &site, IN_PRIORITY, &link, &status);
	const char *customer = link.customer;
	if (status != 0)
		return status;
	long long visitor_id;
	if ((rc = visitor_identify(r, true, &visitor_id)) != DB_OK)
		return failed(r, rc);
	struct helpreq_extra extra = { .email = r->in[IN_EMAIL], .customer_ref = customer,
				       .wants_video = r->in[IN_VIDEO] != NULL,
				       .message_contact = r->in[IN_CONTACT] };
	/* Agents answer a message: it says who is asking. */
	if (extra.message_contact != NULL && r->in[IN_NAME] == NULL)
		return resp_error(r, 400, "A message needs your name (name) as well as how to reach "
				  "you (contact).");
	char stamp[32];
	if (r->in[IN_DATE] != NULL || r->in[IN_TIME] != NULL) {
		if (extra.message_contact != NULL)
			return resp_error(r, 400, "Leave a message (contact) or choose a time (date, time), "
					  "not both.");
		const char *bad_time = helpreq_booking_time(r->in[IN_DATE] ? r->in[IN_DATE] : "",
							    r->in[IN_TIME] ? r->in[IN_TIME] : "",
							    r->in_int[IN_OFFSET], stamp);
		if (bad_time != NULL)
			return resp_error(r, 400, "%s", bad_time);
		extra.scheduled_for = stamp;
	}
	struct asked a = { .topic = r->in[IN_TOPIC], .name = r->in[IN_NAME],
			   .question = r->in[IN_QUESTION], .page = r->in[IN_PAGE],
			   .lang = r->in[IN_LANG], .signed_at = IN_PRIORITY };
	return to_queue(r, &site, visitor_id, &a, priority, &extra);
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
