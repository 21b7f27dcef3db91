/* mark - the whiteboard over the shared page (what a mark is: lib/mark.h;
 * the browser's side: htdocs/js/whiteboard.js).
 *   GET  /mark?channel=ID         the whiteboard's events so far (marks,
 *                                 erasures, who may draw), for a page that
 *                                 opens late: it draws the current page's
 *   POST /mark channel, token, action=add    a mark (id, tool, mode, url,
 *                                 color, width, points, text)
 *        action=erase scope=mine|all url     clear one's own marks of a
 *                                 page, or (the leader) everyone's
 *        action=draw who=leader|everyone     the leader lets everyone draw,
 *                                 or only themselves
 * Marks are ordered channel events ('mark', 'erase', 'draw'): everyone sees
 * them as soon as lines and pointers, and the archive keeps them. The
 * leader draws, and everyone when the leader allows it; a supervisor
 * watching silently never does. Tests: t/mark.t, t/browser-whiteboard.t. */
#include <string.h>

#include "buf.h"
#include "channel.h"
#include "db.h"
#include "mark.h"
#include "notify.h"
#include "pool.h"
#include "program.h"
#include "response.h"

static const char *const mark_actions_names[] = { "add", "erase", "draw", NULL };
static const char *const scopes[] = { "mine", "all", NULL };
static const char *const drawers[] = { "leader", "everyone", NULL };

enum { IN_CHANNEL, IN_TOKEN, IN_ACTION, IN_ID, IN_TOOL, IN_MODE, IN_URL, IN_COLOR, IN_WIDTH,
       IN_POINTS, IN_TEXT, IN_SCOPE, IN_WHO, IN__MAX };
static const struct input post_inputs[IN__MAX] = {
	[IN_CHANNEL] = { "channel", INPUT_KEY, true, 32, 0, 0, NULL },
	[IN_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, mark_actions_names },
	[IN_ID] = { "id", INPUT_LINE, false, MARK_ID_MAX, 0, 0, NULL },
	[IN_TOOL] = { "tool", INPUT_LINE, false, 16, 0, 0, NULL },
	[IN_MODE] = { "mode", INPUT_LINE, false, 16, 0, 0, NULL },
	[IN_URL] = { "url", INPUT_LINE, false, 2000, 0, 0, NULL },
	[IN_COLOR] = { "color", INPUT_LINE, false, 7, 0, 0, NULL },
	[IN_WIDTH] = { "width", INPUT_INT, false, 0, 1, 60, NULL },
	/* 1000 points of "1234567.8,1234567.8," */
	[IN_POINTS] = { "points", INPUT_LINE, false, 20 * 2 * MARK_POINTS_MAX, 0, 0, NULL },
	[IN_TEXT] = { "text", INPUT_LINE, false, MARK_TEXT_MAX, 0, 0, NULL },
	[IN_SCOPE] = { "scope", INPUT_CHOICE, false, 0, 0, 0, scopes },
	[IN_WHO] = { "who", INPUT_CHOICE, false, 0, 0, 0, drawers },
};
static const struct input get_inputs[] = {
	{ "channel", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int marks_get(struct request *r)
{
	struct member m;
	int status = channel_viewer(r, r->in[0], "You are not in this conversation.", &m);
	if (status != 0)
		return status;
	struct buf out;
	buf_init(&out);
	buf_puts(&out, "{\"events\":[");
	long long after = 0;
	bool first = true;
	int rc;
	for (;;) {
		struct db_rows ev;
		rc = db_query(r->db, r->pool, SQL_MARK_EVENTS, &ev, "ii", m.channel_id, after);
		if (rc != DB_OK || ev.rows == 0)
			break;
		for (size_t i = 0; i < ev.rows; i++) {
			after = db_cell_int(&ev, i, 0);
			buf_printf(&out, "%s{\"seq\":%s,\"kind\":", first ? "" : ",", db_cell(&ev, i, 0));
			first = false;
			buf_json_string(&out, db_cell(&ev, i, 1));
			buf_printf(&out, ",\"from\":%s,\"body\":", db_cell(&ev, i, 2) ? db_cell(&ev, i, 2) : "null");
			buf_json_string(&out, db_cell(&ev, i, 3) ? db_cell(&ev, i, 3) : "");
			buf_putc(&out, '}');
		}
	}
	if (rc != DB_OK) {
		buf_free(&out);
		return channel_failed(r, rc);
	}
	buf_puts(&out, "]}");
	status = resp_json(r, 200, out.data);
	buf_free(&out);
	resp_header(r, "Cache-Control", "no-store");
	return status;
}

/* Who may do it: anyone (clearing their own marks), whoever may draw now,
 * or the leader. */
enum who_may { ANYONE, DRAWERS, LEADER };

/* Who may do what, decided under the channel's lock; then the event. */
struct marking {
	struct request *r;
	const struct member *m;
	const char *kind, *body;
	enum who_may rule;
	long long everyone;
	long long seq;          /* out */
	const char *refusal;    /* out */
};

static int post_once(struct db *db, struct marking *k)
{
	const struct member *m = k->m;
	struct db_rows ch;
	k->refusal = NULL;
	int rc = db_query(db, k->r->pool, SQL_MARK_CHANNEL_LOCK, &ch, "i", m->channel_id);
	if (rc == DB_OK && ch.rows == 0)
		rc = CHANNEL_CLOSED;
	if (rc != DB_OK)
		return rc;
	bool leads = db_cell_int(&ch, 0, 0) == m->participant_id;
	bool everyone_draws = db_cell_int(&ch, 0, 1) != 0;
	if (k->rule == LEADER && !leads)
		k->refusal = "Only the leader can do that.";
	else if (k->rule == DRAWERS && !leads && !everyone_draws)
		k->refusal = "Only the leader draws now: ask them to let everyone draw.";
	if (k->refusal != NULL)
		return DB_OK; /* refused before any write */
	if (k->everyone >= 0)
		rc = db_exec(db, SQL_MARK_SET_EVERYONE_DRAWS, NULL, "ii", k->everyone, m->channel_id);
	if (rc == DB_OK)
		rc = channel_append(db, m->channel_id, m->participant_id, 0, k->kind, k->body, &k->seq);
	return rc;
}

static int marks_post(struct request *r)
{
	struct member m;
	int status = channel_authorize(r, r->in[IN_CHANNEL], r->in[IN_TOKEN], &m);
	if (status != 0)
		return status;
	if (strcmp(m.kind, "supervisor") == 0)
		return resp_error(r, 403, "You are watching silently: you cannot draw.");
	const char *action = r->in[IN_ACTION];
	struct buf body;
	buf_init(&body);
	const char *kind = action, *problem = NULL;
	enum who_may rule = DRAWERS;
	long long everyone = -1;
	if (strcmp(action, "add") == 0) {
		kind = "mark";
		struct mark_form f = { r->in[IN_ID], r->in[IN_TOOL], r->in[IN_MODE], r->in[IN_URL],
				       r->in[IN_COLOR], r->in[IN_POINTS], r->in[IN_TEXT],
				       r->in[IN_WIDTH] ? r->in_int[IN_WIDTH] : 4 };
		problem = mark_to_json(&f, &body);
	} else if (strcmp(action, "erase") == 0) {
		const char *url = r->in[IN_URL];
		if (r->in[IN_SCOPE] == NULL)
			problem = "Say whose marks to clear: scope=mine or scope=all.";
		else if (url == NULL || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
			 || strchr(url, '#') != NULL)
			problem = "Say which page: its http:// or https:// address, without #.";
		rule = r->in[IN_SCOPE] != NULL && strcmp(r->in[IN_SCOPE], "all") == 0 ? LEADER : ANYONE;
		if (problem == NULL) {
			buf_puts(&body, "{\"scope\":");
			buf_json_string(&body, r->in[IN_SCOPE]);
			buf_puts(&body, ",\"url\":");
			buf_json_string(&body, url);
			buf_putc(&body, '}');
		}
	} else {
		if (r->in[IN_WHO] == NULL)
			problem = "Say who may draw: who=leader or who=everyone.";
		rule = LEADER;
		everyone = r->in[IN_WHO] != NULL && strcmp(r->in[IN_WHO], "everyone") == 0;
		if (problem == NULL)
			buf_puts(&body, r->in[IN_WHO]);
	}
	if (problem != NULL) {
		buf_free(&body);
		return resp_error(r, 400, "%s", problem);
	}
	struct marking k = { .r = r, .m = &m, .kind = kind, .body = body.data, .rule = rule,
			     .everyone = everyone };
	int rc, attempt = 0;
	do {
		rc = db_begin(r->db);
		if (rc == DB_OK)
			rc = post_once(r->db, &k);
		if (rc == DB_OK)
			rc = db_commit(r->db);
		else
			db_rollback(r->db);
	} while (db_retry(r->db, &rc, &attempt));
	buf_free(&body);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	if (k.refusal != NULL)
		return resp_error(r, 403, "%s", k.refusal);
	notify_post(NOTIFY_CHANNEL, m.channel_id, (unsigned long long)k.seq);
	return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld}", k.seq));
}

static const struct action mark_actions[] = {
	{ METHOD_GET, get_inputs, COUNT_OF(get_inputs), GUARD_NONE, marks_get },
	{ METHOD_POST, post_inputs, IN__MAX, GUARD_NONE, marks_post },
};

static const struct program mark_program = { "mark", true, mark_actions, COUNT_OF(mark_actions) };

int main(int argc, char **argv)
{
	return program_main(&mark_program, argc, argv);
}
