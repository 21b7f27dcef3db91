/* event_view.c - an event in a page (event_view.h). */
#include "event_view.h"

#include <stdio.h>
#include <string.h>

#include "channel.h"
#include "config.h"
#include "db.h"
#include "pool.h"
#include "render.h"

void event_to_view(struct request *r, const struct live_event *ev, bool staff, struct view *v)
{
	view_set(v, "event.id", ev->public_id);
	view_set(v, "event.title", ev->title);
	view_set(v, "event.description", ev->description);
	view_set(v, "event.starts", ev->starts_at);
	view_set(v, "event.starts_iso", ev->starts_iso);
	view_set(v, "event.state", ev->state);
	view_set_int(v, "event.seats", ev->seat_limit);
	view_set(v, "event.registration", ev->registration);
	view_set(v, "event.talk", ev->talk);
	view_set_int(v, "event.show_attendees", ev->show_attendees);
	view_set(v, "event.field_label", ev->field_label);
	view_set(v, "event.client", ev->client_name);
	if (staff) {
		view_set(v, "event.stage", ev->stage_public_id);
		view_set(v, "event.backstage", ev->backstage_public_id);
	}
	const char *base = r->cfg->public_url[0] ? r->cfg->public_url : request_origin(r);
	size_t n = strlen(base);
	view_set(v, "event.link", pool_printf(r->pool, "%.*s/attend?e=%s", (int)(n && base[n - 1] == '/' ? n - 1 : n),
					     base, ev->public_id));
}

int event_staff_to_view(struct request *r, const struct live_event *ev, struct view *v)
{
	static const char *const cols[] = { "agent", "name", "avatar", "stage", "backstage", NULL };
	struct db_rows speakers, mine;
	int rc = db_query(r->db, r->pool, SQL_EVENT_SPEAKER_SEATS, &speakers, "i", ev->id);
	if (rc != DB_OK)
		return rc;
	view_set_rows(v, "speakers", &speakers, cols);
	if (r->session == NULL || ev->backstage_channel_id == 0)
		return DB_OK;
	rc = db_query(r->db, r->pool, SQL_EVENT_MY_PARTICIPANT, &mine, "ii", ev->backstage_channel_id,
		      r->session->agent_id);
	if (rc == DB_OK && mine.rows > 0) {
		view_set(v, "me.backstage", db_cell(&mine, 0, 0));
		view_set(v, "me.backstage_token", db_cell(&mine, 0, 1));
	}
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_EVENT_MY_PARTICIPANT, &mine, "ii", ev->stage_channel_id,
			      r->session->agent_id);
	if (rc == DB_OK && mine.rows > 0)
		view_set(v, "me.stage", db_cell(&mine, 0, 0));
	struct db_rows producer;
	if (rc == DB_OK)
		rc = db_query(r->db, r->pool, SQL_EVENT_ROLE_PARTICIPANT, &producer, "is",
			      ev->backstage_channel_id, "producer");
	if (rc == DB_OK && producer.rows > 0)
		view_set(v, "producer.backstage", db_cell(&producer, 0, 0));
	return rc;
}

int event_stage_to_view(struct request *r, const struct member *m, struct view *v)
{
	struct db_rows owner;
	int rc = db_query(r->db, r->pool, SQL_EVENT_BY_CHANNEL, &owner, "ii", m->channel_id, m->channel_id);
	if (rc != DB_OK || owner.rows == 0)
		return rc;
	struct live_event ev;
	bool found = false;
	rc = event_load(r->db, r->pool, db_cell(&owner, 0, 0), &ev, &found);
	if (rc != DB_OK || !found)
		return rc;
	enum event_role role = EVENT_NOBODY;
	rc = event_staff_role(r->db, r->pool, &ev, r->session, &role);
	if (rc != DB_OK)
		return rc;
	event_to_view(r, &ev, true, v);
	view_set(v, "stage.role", role == EVENT_PRODUCER ? "producer" : role == EVENT_SPEAKER ? "speaker" : "");
	return event_staff_to_view(r, &ev, v);
}
