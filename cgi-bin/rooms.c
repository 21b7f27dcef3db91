/* rooms - the client's open rooms for its staff, and opening one
 * (lib/room.h). GET lists them; POST action=open [name] opens a room with
 * the staff member as its owner and leader, action=join channel=ID joins
 * one of the client's open rooms; both go to the viewer.
 * Template: templates/rooms.cs. Tests: t/rooms.t. */
#include <string.h>

#include "db.h"
#include "pool.h"
#include "program.h"
#include "render.h"
#include "response.h"
#include "room.h"

static const char *const actions[] = { "open", "join", NULL };

enum { IN_CSRF, IN_ACTION, IN_NAME, IN_CHANNEL, IN__MAX };
static const struct input rooms_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, actions },
	[IN_NAME] = { "name", INPUT_LINE, false, ROOM_NAME_MAX, 0, 0, NULL },
	[IN_CHANNEL] = { "channel", INPUT_LINE, false, 32, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static int rooms_page(struct request *r)
{
	static const char *const cols[] = { "id", "name", "seconds", "people", "names", "mine", NULL };
	struct db_rows rooms;
	int rc = db_query(r->db, r->pool, SQL_ROOM_OPEN_ROOMS, &rooms, "ii", r->session->agent_id,
			  r->session->client_id);
	if (rc != DB_OK)
		return failed(r, rc);
	struct view *v = view_new(r);
	view_set_rows(v, "client_rooms", &rooms, cols);
	rc = view_render(r, v, 200, "rooms");
	view_free(v);
	return rc;
}

static int rooms_post(struct request *r)
{
	if (strcmp(r->in[IN_ACTION], "open") == 0) {
		const char *id = NULL;
		int rc = room_open(r, r->in[IN_NAME], &id);
		if (rc != DB_OK)
			return failed(r, rc);
		return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", id));
	}
	if (r->in[IN_CHANNEL] == NULL)
		return resp_error(r, 400, "Say which room to join (channel).");
	enum room_refusal refusal = ROOM_ALLOWED;
	int rc = room_join_as_staff(r, r->in[IN_CHANNEL], &refusal);
	if (rc != DB_OK)
		return failed(r, rc);
	if (refusal != ROOM_ALLOWED)
		return resp_error(r, room_refusal_status(refusal), "%s", refusal == ROOM_UNKNOWN
				  ? "There is no such room of yours to join." : room_refusal_message(refusal));
	return resp_redirect(r, pool_printf(r->pool, "/channel?id=%s", r->in[IN_CHANNEL]));
}

static const struct action rooms_actions[] = {
	{ METHOD_GET, NULL, 0, GUARD_SESSION, rooms_page },
	{ METHOD_POST, rooms_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, rooms_post },
};

static const struct program rooms_program = { "rooms", false, rooms_actions, COUNT_OF(rooms_actions) };

int main(int argc, char **argv)
{
	return program_main(&rooms_program, argc, argv);
}
