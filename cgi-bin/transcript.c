/* transcript - the record of a conversation, for the people who were in it
 * (the link a visitor gets when the session ends). A visitor's transcript
 * never holds private lines nor any sign of monitoring, whoever sent them;
 * staff read the whole record at /session. A visitor may also leave an
 * e-mail address to get the transcript later: it is recorded in mail_outbox
 * and, once the visitor has left, tools/baton-mailer sends it by the same
 * rules (lib/mail_transcript.c). Once the session is over for them, a
 * visitor may rate it here (cgi-bin/rate.c).
 * Template: templates/transcript.cs. Tests: t/transcript.t,
 * t/transcript-private.t. */
#include <string.h>

#include "channel.h"
#include "catalogue.h"
#include "chat_lang.h"
#include "crypto.h"
#include "db.h"
#include "panel.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "visitor.h"

enum { IN_ID, IN__MAX };
static const struct input transcript_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_KEY, true, 32, 0, 0, NULL },
};

enum { MAIL_ID, MAIL_TOKEN, MAIL_EMAIL, MAIL__MAX };
static const struct input mail_inputs[MAIL__MAX] = {
	[MAIL_ID] = { "id", INPUT_KEY, true, 32, 0, 0, NULL },
	[MAIL_TOKEN] = { "token", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[MAIL_EMAIL] = { "email", INPUT_EMAIL, true, 254, 0, 0, NULL },
};

/* The requester's place in the channel (the id is the first input of both
 * actions). Returns 0, or the status of the error response it set. */
static int find_member(struct request *r, struct member *m)
{
	return channel_viewer(r, r->in[IN_ID],
			      "This transcript belongs to a conversation you were not in.", m);
}

/* For a visitor whose session is over: their rating so far, and the form
 * to give or change it (cgi-bin/rate.c). */
static int rating_to_view(struct request *r, const struct member *m, struct view *v)
{
	if (m->channel_open && !m->left)
		return DB_OK;
	struct db_rows rating;
	int rc = db_query(r->db, r->pool, SQL_RATING_OF, &rating, "ii", m->channel_id, m->participant_id);
	if (rc != DB_OK)
		return rc;
	view_set_int(v, "rating.offer", 1);
	if (rating.rows > 0) {
		view_set(v, "rating.stars", db_cell(&rating, 0, 0));
		view_set(v, "rating.comment", db_cell(&rating, 0, 1));
	}
	return DB_OK;
}

/* For a visitor: the form to get it by e-mail, or the address queued. */
static int mail_to_view(struct request *r, const struct member *m, struct view *v)
{
	struct db_rows queued;
	int rc = db_query(r->db, r->pool, SQL_MAIL_OUTBOX_FOR_PARTICIPANT, &queued, "ii",
			  m->channel_id, m->participant_id);
	if (rc != DB_OK)
		return rc;
	view_set_int(v, "mail.offer", 1);
	view_set(v, "token", m->token);
	if (queued.rows > 0) {
		view_set(v, "mail.address", db_cell(&queued, 0, 0));
		view_set_int(v, "mail.sent", db_cell_int(&queued, 0, 1));
		view_set(v, "mail.state", db_cell(&queued, 0, 2));
	}
	return DB_OK;
}

static int transcript(struct request *r)
{
	struct member m;
	int status = find_member(r, &m);
	if (status != 0)
		return status;
	bool staff = strcmp(m.kind, "visitor") != 0;
	int rc = staff ? DB_OK : panel_allow_channel(r, m.channel_id);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	struct view *v = view_new(r);
	view_set(v, "channel.id", m.channel_public_id);
	view_set(v, "channel.name", m.channel_name);
	view_set_int(v, "channel.open", m.channel_open);
	view_set_int(v, "me.left", m.left);
	view_set_int(v, "viewer_is_staff", staff);
	struct db_rows client;
	if (!staff && db_query(r->db, r->pool, SQL_CLIENT_SETTINGS, &client, "i", m.client_id) == DB_OK
	    && client.rows > 0)
		view_set(v, "client.name", db_cell(&client, 0, 5));
	/* A visitor's transcript is the same for every visitor: as seen by
	 * nobody in particular, so no private line passes, not even their own. */
	rc = channel_to_view(r->db, r->pool, m.channel_id, staff ? m.participant_id : 0, staff, v);
	if (rc == DB_OK && !staff)
		rc = mail_to_view(r, &m, v);
	if (rc == DB_OK && !staff)
		rc = rating_to_view(r, &m, v);
	/* The visitor's transcript is in the visitor's language; staff keep
	 * the originals. */
	const char *lang = NULL;
	if (rc == DB_OK && !staff)
		rc = chat_lang_reader(r->db, r->pool, m.channel_id, m.participant_id, &lang);
	/* Staff read the page's words in English (staff pages follow later). */
	char page_lang[TRANSLATE_LANG_MAX] = "en";
	if (lang != NULL) {
		view_set(v, "reader.lang", lang);
		catalogue_lang(r, lang, page_lang);
		view_set(v, "page.lang", page_lang);
	}
	catalogue_load(r, v, page_lang);
	if (rc == DB_OK)
		rc = view_render(r, v, 200, "transcript");
	else
		rc = rc == DB_DOWN ? resp_unavailable(r) : -1;
	view_free(v);
	return rc;
}

static int mail_later(struct request *r)
{
	struct member m;
	int status = find_member(r, &m);
	if (status != 0)
		return status;
	if (strcmp(m.kind, "visitor") != 0)
		return resp_error(r, 403, "Staff find every session in the archive.");
	if (!request_same_origin(r))
		return resp_error(r, 403, "This was sent from another site.");
	if (!crypto_equal(r->in[MAIL_TOKEN], m.token))
		return resp_error(r, 403, "The page's security token is out of date. Reload the page.");
	int rc = db_exec(r->db, SQL_MAIL_OUTBOX_TRANSCRIPT, NULL, "iiis", m.client_id, m.channel_id,
			 m.participant_id, r->in[MAIL_EMAIL]);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (r->wants_json)
		return resp_json(r, 200, "{\"queued\":true}");
	return resp_redirect(r, pool_printf(r->pool, "/transcript?id=%s", m.channel_public_id));
}

static const struct action transcript_actions[] = {
	{ METHOD_GET, transcript_inputs, IN__MAX, GUARD_NONE, transcript },
	{ METHOD_POST, mail_inputs, MAIL__MAX, GUARD_NONE, mail_later },
};

static const struct program transcript_program = {
	"transcript", false, transcript_actions, COUNT_OF(transcript_actions)
};

int main(int argc, char **argv)
{
	return program_main(&transcript_program, argc, argv);
}
