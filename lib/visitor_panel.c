/* visitor_panel.c - the visitor panel's facts and notes (see visitor_panel.h). */
#include "visitor_panel.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "pool.h"
#include "profile.h"
#include "render.h"
#include "staff.h"

/* Columns of SQL_PANEL_VISITOR. */
enum { P_VISITOR, P_NAME, P_CONTACT, P_QUESTION, P_PAGE, P_PRIORITY, P_LANGUAGE, P_SITE, P_VISITS,
       P_FIRST_SEEN, P_FIELDS, P_CLIENT, P_NOW_ON, P_REQUEST };

static bool shows(const char *fields, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = fields ? fields : ""; (p = strstr(p, name)) != NULL; p += len)
		if ((p == fields || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return true;
	return false;
}

static bool looks_like_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	return at != NULL && at != s && strchr(at, '.') != NULL;
}

int visitor_panel_to_view(struct request *r, long long channel_id, struct view *v)
{
	struct db_rows p, trail, sessions, notes;
	int rc = db_query(r->db, r->pool, SQL_PANEL_VISITOR, &p, "i", channel_id);
	if (rc != DB_OK || p.rows == 0)
		return rc;
	long long client_id = db_cell_int(&p, 0, P_CLIENT), visitor_id = db_cell_int(&p, 0, P_VISITOR);
	const char *fields = db_cell(&p, 0, P_FIELDS);
	view_set_int(v, "visitor.known", 1);
	view_set(v, "visitor.name", db_cell(&p, 0, P_NAME));
	view_set(v, "visitor.visits", db_cell(&p, 0, P_VISITS));
	view_set(v, "visitor.first_seen", db_cell(&p, 0, P_FIRST_SEEN));
	const char *contact = db_cell(&p, 0, P_CONTACT);
	if (shows(fields, "email") && looks_like_email(contact))
		view_set(v, "visitor.email", contact);
	if (shows(fields, "question"))
		view_set(v, "visitor.question", db_cell(&p, 0, P_QUESTION));
	if (shows(fields, "page"))
		view_set(v, "visitor.page", db_cell(&p, 0, P_PAGE));
	if (shows(fields, "priority")) {
		view_set_int(v, "visitor.show_priority", 1);
		view_set(v, "visitor.priority", db_cell(&p, 0, P_PRIORITY));
	}
	if (shows(fields, "site"))
		view_set(v, "visitor.site", db_cell(&p, 0, P_SITE));
	if (shows(fields, "language"))
		view_set(v, "visitor.language", db_cell(&p, 0, P_LANGUAGE));
	if (shows(fields, "trail")) {
		static const char *const cols[] = { "at", "url", NULL };
		rc = db_query(r->db, r->pool, SQL_PANEL_TRAIL, &trail, "iii", client_id, visitor_id,
			      db_cell_int(&p, 0, P_REQUEST));
		if (rc != DB_OK)
			return rc;
		view_set_int(v, "visitor.show_trail", 1);
		view_set(v, "visitor.now_on", db_cell(&p, 0, P_NOW_ON));
		view_set_rows(v, "visitor.trail", &trail, cols);
	}
	if (shows(fields, "trail")) {
		/* The profile across the client's sites, and what the rules made of it. */
		struct db_rows treated;
		rc = profile_to_view(r->db, r->pool, client_id, visitor_id, v);
		if (rc == DB_OK)
			rc = db_query(r->db, r->pool, SQL_PROFILE_REQUEST_TREATMENT, &treated, "i",
				      db_cell_int(&p, 0, P_REQUEST));
		if (rc != DB_OK)
			return rc;
		/* The client's administrators may delete it (cgi-bin/rules.c). */
		view_set_int(v, "visitor.may_delete", staff_may_see_client(r->session, client_id, ROLE_ADMIN));
		if (treated.rows > 0) {
			view_set(v, "visitor.level", db_cell(&treated, 0, 0));
			view_set(v, "visitor.score", db_cell(&treated, 0, 1));
			view_set(v, "visitor.why", db_cell(&treated, 0, 2));
		}
	}
	if (shows(fields, "sessions")) {
		static const char *const cols[] = { "id", "at", "agents", "question", NULL };
		rc = db_query(r->db, r->pool, SQL_PANEL_SESSIONS, &sessions, "iii", client_id, visitor_id,
			      channel_id);
		if (rc != DB_OK)
			return rc;
		view_set_int(v, "visitor.show_sessions", 1);
		view_set_rows(v, "visitor.sessions", &sessions, cols);
	}
	if (shows(fields, "notes")) {
		static const char *const cols[] = { "id", "author", "at", "body", NULL };
		rc = db_query(r->db, r->pool, SQL_PANEL_NOTES, &notes, "ii", client_id, visitor_id);
		if (rc != DB_OK)
			return rc;
		view_set_int(v, "visitor.show_notes", 1);
		view_set_rows(v, "visitor.notes", &notes, cols);
	}
	return DB_OK;
}

int visitor_note_add(struct request *r, const char *channel_public_id, const char *body,
		     long long *note_id, const char **error)
{
	struct db_rows rows;
	*error = NULL;
	int rc = db_query(r->db, r->pool, SQL_NOTE_TARGET, &rows, "s", channel_public_id);
	if (rc != DB_OK)
		return rc;
	long long client_id = rows.rows ? db_cell_int(&rows, 0, 0) : 0;
	if (rows.rows == 0 || db_cell(&rows, 0, 1) == NULL
	    || !staff_may_see_client(r->session, client_id, ROLE_AGENT)) {
		*error = "There is no such conversation with a visitor among yours.";
		return 404;
	}
	size_t start = strspn(body, " \t\r\n");
	if (body[start] == '\0') {
		*error = "Write the note first.";
		return 400;
	}
	rc = db_exec(r->db, SQL_NOTE_INSERT, NULL, "iiiss", client_id, db_cell_int(&rows, 0, 1),
		     r->session->agent_id, r->session->display_name, body + start);
	if (rc == DB_OK)
		*note_id = (long long)db_last_insert_id(r->db);
	return rc;
}
