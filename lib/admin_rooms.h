/* admin_rooms.h - the settings and accounts of rooms and events (issue 17)
 * as administrative actions (admin.h: checked, authorized per role and
 * client, audited), for the administration pages and tools/baton-admin
 * alike; the storing is lib/room_admin.c's and lib/event.c's:
 *   room_join      guest|account: how invited people join (desk settings)
 *   show_who       0|1: the viewer's Who button (desk settings)
 *   collaborators  ids and passwords of people the client lets into its
 *                  rooms (the collaborators page)
 *   event rate     what events cost: the Baton operator's (rates page). */
#ifndef BATON_ADMIN_ROOMS_H
#define BATON_ADMIN_ROOMS_H

#include <stdbool.h>

#include "admin.h"

struct db_rows;

/* Either or both (NULL: unchanged), in one transaction: a refused value
 * changes nothing. */
int admin_room_settings(struct admin_context *ac, long long client_id, const char *room_join,
			const char *show_who);

/* password NULL (or ""): a new one is made, in ac->link to hand over once. */
int admin_collaborator_add(struct admin_context *ac, long long client_id, const char *login,
			   const char *name, const char *password);
int admin_collaborator_password(struct admin_context *ac, long long client_id, const char *login,
				const char *password);
/* A deactivated collaborator cannot join (their invitations refuse them);
 * reactivated, they can again with the same password. */
int admin_collaborator_set_active(struct admin_context *ac, long long client_id, const char *login,
				  bool active);
/* login, name, active|disabled; ordered by login. */
int admin_collaborator_list(struct admin_context *ac, long long client_id, struct db_rows *out);

/* unit attendee|seat_minute, cents a whole number (0: counted, not billed). */
int admin_event_rate(struct admin_context *ac, long long client_id, const char *unit,
		     const char *cents);

#endif
