/* messages - message threads for staff: offline messages and help requests
 * by e-mail, answered by e-mail (lib/thread.c). GET lists the client's
 * threads, or shows one (?id=) with its messages both ways, the answer
 * form, and who owns it; ?attachment= downloads a file a visitor sent.
 * POST answers (action=reply), assigns (action=assign, agent=ID, 0 for
 * nobody), marks done (action=done) or reopens (action=reopen). Template:
 * templates/messages.cs; script: htdocs/js/messages.js. Tests:
 * t/messages.t, t/browser-messages.t. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "thread.h"

enum { IN_ID, IN_ATTACHMENT, IN__MAX };
static const struct input page_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_LINE, false, 32, 0, 0, NULL },
	[IN_ATTACHMENT] = { "attachment", INPUT_INT, false, 0, 1, 9223372036854775807LL, NULL },
};

static const char *const actions[] = { "reply", "assign", "done", "reopen", NULL };
enum { POST_CSRF, POST_ID, POST_ACTION, POST_TEXT, POST_AGENT, POST__MAX };
static const struct input post_inputs[POST__MAX] = {
	[POST_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[POST_ID] = { "id", INPUT_LINE, true, 32, 0, 0, NULL },
	[POST_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, actions },
	[POST_TEXT] = { "text", INPUT_TEXT, false, 20000, 0, 0, NULL },
	[POST_AGENT] = { "agent", INPUT_INT, false, 0, 0, 9223372036854775807LL, NULL },
};

static int failed(struct request *r, int rc)
{
	switch (rc) {
	case THREAD_NOT_FOUND:
		return resp_error(r, 404, "There is no such message thread for your desk.");
	case THREAD_NO_ADDRESS:
		return resp_error(r, 409, "This visitor left no e-mail address that can be answered.");
	case DB_DOWN:
		return resp_unavailable(r);
	default:
		return -1;
	}
}

/* RFC 6266: the name in UTF-8, percent-encoded, beside an ASCII stand-in. */
static const char *disposition(struct pool *pool, const char *name)
{
	struct buf enc, plain;
	buf_init(&enc);
	buf_init(&plain);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		bool safe = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
			    || *p == '.' || *p == '-' || *p == '_';
		if (safe)
			buf_putc(&enc, (char)*p);
		else
			buf_printf(&enc, "%%%02X", *p);
		buf_putc(&plain, safe ? (char)*p : '_');
	}
	const char *out = pool_printf(pool, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
				      plain.data ? plain.data : "attachment", enc.data ? enc.data : "");
	buf_free(&enc);
	buf_free(&plain);
	return out;
}

static int download(struct request *r)
{
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_ATTACHMENT_GET, &rows, "i", r->in_int[IN_ATTACHMENT]);
	if (rc != DB_OK)
		return failed(r, rc);
	if (rows.rows == 0 || db_cell_int(&rows, 0, 2) != r->session->client_id)
		return resp_error(r, 404, "There is no such attachment for your desk.");
	/* Never shown by the browser as a page of ours: always a download. */
	r->resp.content_type = "application/octet-stream";
	resp_header(r, "Content-Disposition", disposition(r->pool, db_cell(&rows, 0, 0)));
	resp_header(r, "Content-Security-Policy", "sandbox; default-src 'none'");
	buf_append(&r->resp.body, db_cell(&rows, 0, 1), rows.length[1]);
	r->resp.status = 200;
	return 200;
}

static int list_page(struct request *r)
{
	struct db_rows rows;
	int rc = thread_list(r->db, r->pool, r->session->client_id, r->session->agent_id, &rows);
	if (rc != DB_OK)
		return failed(r, rc);
	struct view *v = view_new(r);
	view_set_rows(v, "threads", &rows, thread_list_columns);
	rc = view_render(r, v, 200, "messages");
	view_free(v);
	return rc;
}

static int thread_page(struct request *r)
{
	struct view *v = view_new(r);
	int rc = thread_to_view(r, r->in[IN_ID], v);
	if (rc == DB_OK) {
		view_set(v, "page.thread", r->in[IN_ID]);
		rc = view_render(r, v, 200, "messages");
	} else {
		rc = failed(r, rc);
	}
	view_free(v);
	return rc;
}

static int messages_get(struct request *r)
{
	if (r->in[IN_ATTACHMENT] != NULL)
		return download(r);
	if (r->in[IN_ID] != NULL)
		return thread_page(r);
	return list_page(r);
}

static int messages_post(struct request *r)
{
	const char *id = r->in[POST_ID];
	const char *action = r->in[POST_ACTION];
	int rc;
	if (strcmp(action, "reply") == 0) {
		const char *text = r->in[POST_TEXT];
		if (text == NULL || text[strspn(text, " \t\r\n")] == '\0')
			return resp_error(r, 400, "Write an answer first.");
		rc = thread_reply(r, id, text);
	} else if (strcmp(action, "assign") == 0) {
		rc = thread_assign(r, id, r->in[POST_AGENT] ? r->in_int[POST_AGENT] : r->session->agent_id);
	} else {
		rc = thread_set_done(r, id, strcmp(action, "done") == 0);
	}
	if (rc != DB_OK)
		return failed(r, rc);
	if (r->wants_json)
		return resp_json(r, 200, pool_printf(r->pool, "{\"ok\":true,\"action\":\"%s\"}", action));
	return resp_redirect(r, pool_printf(r->pool, "/messages?id=%s", id));
}

static const struct action messages_actions[] = {
	{ METHOD_GET, page_inputs, IN__MAX, GUARD_SESSION, messages_get },
	{ METHOD_POST, post_inputs, POST__MAX, GUARD_SESSION | GUARD_CSRF, messages_post },
};

static const struct program messages_program = {
	"messages", false, messages_actions, COUNT_OF(messages_actions)
};

int main(int argc, char **argv)
{
	return program_main(&messages_program, argc, argv);
}
