/* admin_page.c - the life of an administration page (see admin_page.h). */
#include "admin_page.h"

#include <stdlib.h>
#include <string.h>

#include "admin_clients.h"
#include "buf.h"
#include "db.h"
#include "pool.h"
#include "render.h"
#include "response.h"

/* The page this process serves (one page per program). */
static const struct admin_page *page;

/* What a form did, carried across the redirect after it (so reloading the
 * page never sends the form again): "m=MESSAGE&l=LINK", %-escaped, in a
 * short-lived cookie the next showing of the page reads and clears. */
#define OUTCOME_COOKIE "baton_done"

enum { COMMON_CSRF, COMMON_DO, COMMON_CLIENT, COMMON__MAX };
static const struct input common_inputs[COMMON__MAX] = {
	[COMMON_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[COMMON_DO] = { "do", INPUT_LINE, true, 40, 0, 0, NULL },
	[COMMON_CLIENT] = { "client", INPUT_LINE, false, 64, 0, 0, NULL },
};
/* Every page may be about a named client, and list from an older row. */
static const struct input get_inputs[] = {
	{ "client", INPUT_LINE, false, 64, 0, 0, NULL },
	{ "before", INPUT_INT, false, 0, 1, (1LL << 62), NULL },
};

static size_t input_index(const struct request *r, const char *name)
{
	const struct input *in = r->action->inputs;
	for (size_t i = 0; i < r->action->input_count; i++)
		if (strcmp(in[i].name, name) == 0)
			return i;
	return (size_t)-1;
}

const char *admin_field(const struct request *r, const char *name)
{
	size_t i = input_index(r, name);
	return i == (size_t)-1 ? NULL : r->in[i];
}

long long admin_field_int(const struct request *r, const char *name)
{
	size_t i = input_index(r, name);
	return i == (size_t)-1 ? 0 : r->in_int[i];
}

void admin_view_rows(struct view *v, const char *name, const struct db_rows *rows,
		     const char *const *columns)
{
	view_set_rows(v, name, rows, columns);
}

/* The client the request is about: the one named (the operator's, or a
 * reseller's on an account page), else the actor's own. 0 with *client_id,
 * or the refusal's status. */
static int page_client(struct request *r, struct admin_context *ac, const char *slug,
		       long long *client_id)
{
	*client_id = 0;
	if (slug != NULL && *slug != '\0')
		return admin_client_find(ac, slug, page->power, client_id);
	if (page->about_no_client)
		return 0;
	*client_id = ac->client_id;
	return admin_authorize(ac, page->power, ac->client_id);
}

static int failure(struct request *r, struct admin_context *ac, int status)
{
	if (status == DB_DOWN)
		return resp_unavailable(r);
	if (status < 0)
		return -1;
	return resp_error(r, status, "%s", ac->message ? ac->message : "Refused.");
}

/* Shows the page with status, and with outcome (a notice for 200, else an
 * error) when there is one. */
static int show(struct request *r, struct admin_context *ac, long long client_id, int status,
		const char *outcome, bool keep_fields)
{
	struct view *v = view_new(r);
	const char *slug = admin_field(r, "client");
	if (client_id != 0) {
		struct db_rows rows;
		int rc = db_query(r->db, r->pool, SQL_CLIENT_DESK_NAME, &rows, "i", client_id);
		if (rc != DB_OK) {
			view_free(v);
			return failure(r, ac, rc);
		}
		if (rows.rows > 0) {
			view_set(v, "client.slug", db_cell(&rows, 0, 0));
			view_set(v, "client.name", db_cell(&rows, 0, 1));
			view_set_int(v, "client.id", client_id);
			/* Links carry the client when it is not the actor's own. */
			if (client_id != ac->client_id)
				view_set(v, "client.param", db_cell(&rows, 0, 0));
		}
	} else if (slug != NULL) {
		view_set(v, "client.param", slug);
	}
	const char *message = ac->message;
	ac->message = NULL;
	int rc = page->show(r, ac, client_id, v);
	if (rc != 0) {
		view_free(v);
		return failure(r, ac, rc);
	}
	if (outcome != NULL)
		view_set(v, status < 300 ? "notice" : "error", outcome);
	else if (message != NULL)
		view_set(v, status < 300 ? "notice" : "error", message);
	if (status < 300 && ac->link != NULL) {
		view_set(v, "link", ac->link);
		view_set(v, "link_label", ac->link_label);
	}
	if (keep_fields) {
		const struct input *in = r->action->inputs;
		for (size_t i = 0; i < r->action->input_count; i++)
			if (in[i].kind != INPUT_PASSWORD && in[i].kind != INPUT_TOKEN && r->in[i] != NULL)
				view_set(v, pool_printf(r->pool, "form.%s", in[i].name), r->in[i]);
	}
	rc = view_render(r, v, status, page->name);
	view_free(v);
	return rc;
}

static void escape_into(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		    || *p == '-' || *p == '.' || *p == '_') {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

/* After a form did its work: the outcome in the cookie, and back to the
 * page (for the client it was about). */
static int done(struct request *r, struct admin_context *ac, long long client_id)
{
	struct buf value;
	buf_init(&value);
	buf_puts(&value, "m=");
	escape_into(&value, ac->message ? ac->message : "Done.");
	if (ac->link != NULL) {
		buf_puts(&value, "&l=");
		escape_into(&value, ac->link);
	}
	if (ac->link_label != NULL) {
		buf_puts(&value, "&k=");
		escape_into(&value, ac->link_label);
	}
	resp_cookie(r, OUTCOME_COOKIE, value.data, 120, "Strict");
	buf_free(&value);
	const char *slug = r->in[COMMON_CLIENT];
	if (client_id != 0 && slug != NULL && client_id != ac->client_id)
		return resp_redirect(r, pool_printf(r->pool, "/%s?client=%s", page->name, slug));
	return resp_redirect(r, pool_printf(r->pool, "/%s", page->name));
}

static int page_get(struct request *r)
{
	struct admin_context ac;
	admin_context_for_request(&ac, r);
	long long client_id;
	int status = page_client(r, &ac, r->in[0], &client_id);
	if (status != 0)
		return failure(r, &ac, status);
	/* The outcome of the form just sent, shown once. */
	const char *carried = request_cookie(r, OUTCOME_COOKIE), *error = NULL;
	const char *outcome = NULL;
	if (carried != NULL) {
		resp_cookie(r, OUTCOME_COOKIE, "", 0, "Strict");
		struct param *p = input_parse_urlencoded(r->pool, carried, strlen(carried), &error);
		outcome = param_get(p, "m");
		ac.link = param_get(p, "l");
		ac.link_label = param_get(p, "k");
	}
	return show(r, &ac, client_id, 200, outcome, false);
}

static int page_post(struct request *r)
{
	struct admin_context ac;
	admin_context_for_request(&ac, r);
	const struct admin_form *form = NULL;
	for (size_t i = 0; i < page->form_count; i++)
		if (strcmp(page->forms[i].name, r->in[COMMON_DO]) == 0)
			form = &page->forms[i];
	if (form == NULL)
		return resp_error(r, 400, "This page has no form '%s'.", r->in[COMMON_DO]);
	long long client_id;
	int status = page_client(r, &ac, r->in[COMMON_CLIENT], &client_id);
	if (status != 0)
		return failure(r, &ac, status);
	/* An action that lost to a concurrent transaction (a deadlock, or on
	 * Galera a write on another node) was rolled back: it runs again whole,
	 * reading afresh what it checks (lib/db.h, db_retry). */
	int attempt = 0;
	do {
		ac.message = ac.link = ac.link_label = NULL;
		ac.new_id = 0;
		status = form->run(r, &ac, client_id);
	} while (status < 0 && db_retry(r->db, &status, &attempt));
	if (status < 0)
		return failure(r, &ac, status);
	if (r->wants_json) {
		struct buf json;
		buf_init(&json);
		buf_puts(&json, status == 0 ? "{\"message\":" : "{\"error\":");
		buf_json_string(&json, ac.message ? ac.message : "");
		if (status == 0 && ac.link != NULL) {
			buf_puts(&json, ",\"link\":");
			buf_json_string(&json, ac.link);
		}
		buf_printf(&json, ",\"status\":%d}", status == 0 ? 200 : status);
		resp_json(r, status == 0 ? 200 : status, json.data);
		buf_free(&json);
		return status == 0 ? 200 : status;
	}
	if (status == 0)
		return done(r, &ac, page->about_no_client ? 0 : client_id);
	return show(r, &ac, client_id, status, ac.message, true);
}

int admin_page_main(const struct admin_page *p, int argc, char **argv)
{
	page = p;
	/* The POST's inputs: the common ones, then the page's. */
	size_t count = COMMON__MAX + p->input_count;
	struct input *inputs = calloc(count, sizeof *inputs);
	if (inputs == NULL)
		return 1;
	memcpy(inputs, common_inputs, sizeof common_inputs);
	if (p->input_count > 0)
		memcpy(inputs + COMMON__MAX, p->inputs, p->input_count * sizeof *inputs);
	struct action *actions = calloc(2, sizeof *actions);
	if (actions == NULL)
		return 1;
	actions[0] = (struct action){ METHOD_GET, get_inputs, COUNT_OF(get_inputs), GUARD_SESSION, page_get };
	actions[1] = (struct action){ METHOD_POST, inputs, count, GUARD_SESSION | GUARD_CSRF, page_post };
	static struct program program;
	program = (struct program){ p->name, false, actions, 2 };
	int status = program_main(&program, argc, argv);
	free(actions);
	free(inputs);
	return status;
}
