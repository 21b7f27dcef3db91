/* callus - "Call us": a visitor on a client's site who would rather phone
 * is shown the help number and a short code (six digits, valid half an
 * hour) tied to them and to the page they are reading. In the IVR the
 * caller presses star and keys in the code; the call then comes to the
 * agent with the visitor's profile, and the agent's viewer opens at that
 * page. A caller whose number Baton knows from an earlier request is
 * matched without the code while it is valid. POST from the help page
 * (site, page) or the waiting page (r); HTML (in the widget's panel too),
 * or JSON.
 * Tests: t/callus.t. */
#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "crypto.h"
#include "db.h"
#include "helpreq.h"
#include "panel.h"
#include "phone_line.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

enum { CODE_TRIES = 5 };

enum { IN_CSRF, IN_SITE, IN_PAGE, IN_REQUEST, IN__MAX };
static const struct input callus_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_SITE] = { "site", INPUT_LINE, false, 64, 0, 0, NULL },
	[IN_PAGE] = { "page", INPUT_LINE, false, 2000, 0, 0, NULL },
	[IN_REQUEST] = { "r", INPUT_LINE, false, 32, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

/* Six random digits, not starting with 0 (a caller might drop it). */
static int new_code(char code[7])
{
	unsigned char bytes[6];
	if (crypto_random(bytes, sizeof bytes) != 0)
		return -1;
	code[0] = (char)('1' + bytes[0] % 9);
	for (int i = 1; i < 6; i++)
		code[i] = (char)('0' + bytes[i] % 10);
	code[6] = '\0';
	return 0;
}

/* The visitor's live code (its page brought up to date), or a new one. */
static int code_for(struct request *r, long long client_id, long long site_id,
		    long long visitor_id, const char *page, const char **code_out)
{
	struct db_rows live;
	page = helpreq_page_url(r->pool, page);
	int rc = db_query(r->db, r->pool, SQL_CALL_CODE_LIVE_FOR_VISITOR, &live, "ii", client_id,
			  visitor_id);
	if (rc == DB_OK && live.rows > 0) {
		*code_out = db_cell(&live, 0, 0);
		if (page != NULL)
			rc = db_exec(r->db, SQL_CALL_CODE_SET_PAGE, NULL, "sis", page, client_id, *code_out);
		return rc;
	}
	char *code = pool_alloc(r->pool, 7);
	rc = DB_DUPLICATE;
	for (int i = 0; i < CODE_TRIES && rc == DB_DUPLICATE; i++) {
		if (new_code(code) != 0)
			return DB_ERROR;
		rc = db_exec(r->db, SQL_CALL_CODE_INSERT, NULL, "isiis", client_id, code, visitor_id,
			     site_id, page);
	}
	db_exec(r->db, SQL_CALL_CODES_EXPIRED, NULL, "");
	*code_out = code;
	return rc;
}

/* The code, in the visitor's language: their request's, else their
 * browser's (lib/catalogue.h). */
static int show(struct request *r, const struct phone_line *line, const char *code,
		const char *lang_choice)
{
	if (r->wants_json) {
		struct buf json;
		buf_init(&json);
		buf_puts(&json, "{\"number\":");
		buf_json_string(&json, line->help_number);
		buf_puts(&json, ",\"code\":");
		buf_json_string(&json, code);
		buf_puts(&json, ",\"minutes\":30}");
		int status = resp_json(r, 200, json.data);
		buf_free(&json);
		return status;
	}
	struct view *v = view_new(r);
	char lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, lang_choice, lang);
	catalogue_load(r, v, lang);
	view_set(v, "page.lang", lang);
	view_set(v, "callus.client", line->client_name);
	view_set(v, "callus.number", line->help_number);
	view_set(v, "callus.code", code);
	int rc = view_render(r, v, 200, "callus");
	view_free(v);
	return rc;
}

static int call_us(struct request *r)
{
	long long client_id = 0, site_id = 0, visitor_id = 0;
	const char *page = r->in[IN_PAGE];
	const char *lang = NULL;
	int rc;
	if (r->in[IN_REQUEST] != NULL) {
		/* From the waiting page: the visitor's own request says where. */
		struct request_status st;
		int status = helpreq_load_for_visitor(r, r->in[IN_REQUEST], &st);
		if (status != 0)
			return status;
		struct db_rows req;
		rc = db_query(r->db, r->pool, SQL_REQUEST_BY_PUBLIC_ID, &req, "s", r->in[IN_REQUEST]);
		if (rc != DB_OK)
			return failed(r, rc);
		client_id = st.client_id;
		visitor_id = st.visitor_id;
		lang = st.lang;
		site_id = db_cell_int(&req, 0, 10);
		page = db_cell(&req, 0, 12);
	} else {
		struct site_info site;
		const char *refusal;
		if (r->in[IN_SITE] == NULL || page == NULL)
			return resp_error(r, 400, "\"Call us\" needs the site and page it was asked on.");
		rc = helpreq_check_link(r, r->in[IN_SITE], page, &site, &refusal);
		if (rc != DB_OK)
			return failed(r, rc);
		if (refusal != NULL)
			return resp_error(r, 403, "%s", refusal);
		if ((rc = visitor_identify(r, true, &visitor_id)) != DB_OK)
			return failed(r, rc);
		client_id = site.client_id;
		site_id = site.id;
	}
	struct phone_line line;
	bool found;
	if ((rc = phone_line_load(r->db, r->pool, client_id, &line, &found)) != DB_OK)
		return failed(r, rc);
	if (!found || line.help_number == NULL)
		return resp_error(r, 403, "This site takes no phone calls.");
	const char *code;
	if ((rc = code_for(r, client_id, site_id, visitor_id, page, &code)) != DB_OK)
		return failed(r, rc);
	/* Asked for in the widget's panel, the code shows there. */
	if ((rc = panel_allow(r, site_id)) != DB_OK)
		return failed(r, rc);
	return show(r, &line, code, lang);
}

static const struct action callus_actions[] = {
	{ METHOD_POST, callus_inputs, IN__MAX, GUARD_FORM_CSRF, call_us },
};

static const struct program callus_program = { "callus", false, callus_actions,
					       COUNT_OF(callus_actions) };

int main(int argc, char **argv)
{
	return program_main(&callus_program, argc, argv);
}
