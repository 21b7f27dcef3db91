/* room_admin.h - the client settings and accounts of rooms, one function
 * each, for tools/baton-admin and the administration pages alike:
 *   room_join   guest (a name is enough) or account (a collaborator id and
 *               password): how invited people join;
 *   show_who    whether the viewer has the Who button (show_rooms, the
 *               Rooms button, is the older client setting of that name);
 *   collaborators: the ids and passwords of people a client lets in;
 *   invitations made by the operator into a session (for support). */
#ifndef BATON_ROOM_ADMIN_H
#define BATON_ROOM_ADMIN_H

#include <stdbool.h>

struct config;
struct db;
struct pool;
struct invitation_request;
struct invitation_made;

/* Beside the db_status values: a value the setting does not take, an id
 * or name that is not acceptable, a password too short. */
enum { ROOM_ADMIN_BAD_VALUE = -40, ROOM_ADMIN_NO_SUCH = -41 };

int room_set_join(struct db *db, long long client_id, const char *policy);
int room_set_show_who(struct db *db, long long client_id, bool show);

/* A collaborator of the client: login 1-100 characters without spaces,
 * name 1-100, password at least 10 characters. DB_DUPLICATE when the login
 * is taken. */
int collaborator_add(struct db *db, struct pool *pool, const struct config *cfg, long long client_id,
		     const char *login, const char *name, const char *password);
int collaborator_set_password(struct db *db, struct pool *pool, const struct config *cfg,
			      long long client_id, const char *login, const char *password);

/* An invitation into the open channel of this public id, made in the name
 * of its owner (or first staff member present). ROOM_ADMIN_NO_SUCH when the
 * channel is unknown, closed or has no staff member present. */
int room_invite_as_owner(struct db *db, struct pool *pool, const struct config *cfg,
			 const char *channel_public_id, const char *base,
			 const struct invitation_request *req, struct invitation_made *out);

#endif
