/* room.h - collaboration rooms: any number of people in one channel.
 *
 * Staff open rooms of their own (a channel of kind 'room', its opener the
 * owner and leader). In any channel with room to spare, whoever has the
 * right invites others by a link: single use, or reusable up to a limit,
 * always expiring (and mailed, when an address is given). Staff always have
 * the right; a visitor has it when the channel's owner gives it. People who
 * follow a link join as named guests, or with a collaborator id and password
 * where the client requires it (client.room_join); staff of the client who
 * follow one join as staff. A join takes a place of the channel (the
 * client's channel_participant_cap) and a seat of the client (lib/seats.h).
 * Everything else a channel does (chat, private lines, the baton, pointers,
 * calls, marks) works for everyone in it as it did for two. */
#ifndef BATON_ROOM_H
#define BATON_ROOM_H

#include <stdbool.h>

#include "buf.h"
#include "request.h"

struct db;
struct pool;
struct config;
struct member;
struct view;

enum { ROOM_MAX_USES = 1000, ROOM_MAX_HOURS = 24 * 30, ROOM_NAME_MAX = 200 };

/* Why a join (or an invitation) was refused; 0 when it was not. */
enum room_refusal {
	ROOM_ALLOWED = 0,
	ROOM_UNKNOWN,      /* no such invitation */
	ROOM_REVOKED,
	ROOM_EXPIRED,
	ROOM_USED_UP,
	ROOM_ENDED,        /* the channel has closed */
	ROOM_FULL,         /* the channel holds the client's participant cap */
	ROOM_NO_SEAT,      /* the client's seats are all taken */
	ROOM_BAD_LOGIN,    /* collaborator id or password wrong */
	ROOM_NOT_ALLOWED,  /* this person may not invite */
	ROOM_THROTTLED,    /* too many wrong passwords: wait */
};
/* The HTTP status and the sentence a refused person reads. */
int room_refusal_status(enum room_refusal why);
const char *room_refusal_message(enum room_refusal why);

/* Inside a transaction: one more participant of a channel, with a fresh
 * posting token (rooms, and events' stage and backstage). */
struct room_newcomer {
	long long channel_id;
	const char *kind;           /* agent, visitor */
	long long agent_id, visitor_id, collaborator_id, invitation_id;
	const char *name, *avatar;
	const char *stage_role;     /* NULL, or speaker / producer (events) */
};
int room_add_participant(struct db *db, const struct room_newcomer *n, long long *id);

/* The staff member of r->session opens a room named `name` (NULL or "":
 * named after them and the time). Sets *public_id. Returns a db_status. */
int room_open(struct request *r, const char *name, const char **public_id);

/* Whether member m may invite people into their channel. */
int room_may_invite(struct db *db, struct pool *pool, const struct member *m, bool *may);
/* The owner (or any staff) lets a visitor of the channel invite, or not.
 * Returns a db_status; *changed false when no such visitor is present. */
int room_set_may_invite(struct db *db, const struct member *m, long long participant_id,
			bool may, bool *changed);

struct invitation_request {
	long long uses;        /* 1 .. ROOM_MAX_USES */
	long long hours;       /* 1 .. ROOM_MAX_HOURS */
	const char *email;     /* NULL: a link to pass on */
	const char *name;      /* whom it is for, or NULL */
};
struct invitation_made {
	long long id;
	const char *token;     /* the link's secret: shown once */
	const char *link;      /* the whole address */
	bool mailed;           /* queued for sending to the address */
	const char *mail_note; /* why it was not, when an address was given */
};
/* Makes an invitation into m's channel (the caller has checked the right).
 * `base` is the address links start with. Returns a db_status. */
int room_invite(struct db *db, struct pool *pool, const struct config *cfg, const struct member *m,
		const char *base, const struct invitation_request *req, struct invitation_made *out);
/* The channel's invitations, newest first, and the visitors allowed to
 * invite: {"allowed":[participant ids],"invitations":[...]}. */
int room_invitations_json(struct db *db, struct pool *pool, long long channel_id, struct buf *out);
/* Revokes one of the channel's invitations; *changed false when there was
 * none to revoke. Returns a db_status. */
int room_revoke(struct db *db, long long channel_id, long long invitation_id, bool *changed);

/* An invitation as the page of its link shows it. */
struct invitation {
	long long id, channel_id, client_id, uses, max_uses;
	bool expired, revoked, channel_open;
	const char *channel_public_id, *channel_name, *client_name, *inviter, *expires_at, *guest_name;
	bool needs_account;    /* the client asks for a collaborator id and password */
};
/* Finds the invitation of a link's token. Returns a db_status; *found. */
int room_invitation(struct db *db, struct pool *pool, const char *token, struct invitation *inv,
		    bool *found);
/* Why this invitation cannot be used now (before counting places). */
enum room_refusal room_invitation_state(const struct invitation *inv);

/* Who joins: a guest's name, or a collaborator's id and password. */
struct joiner {
	const char *name;
	const char *login;
	const char *password;
};
/* The requester follows the invitation of `token` into its channel: as
 * staff when signed in as staff of its client, else as a guest or
 * collaborator with their visitor cookie (made when they have none).
 * Someone already in the channel just goes back in. Sets
 * *channel_public_id, or *refusal. Returns a db_status. */
int room_join(struct request *r, const char *token, const struct joiner *who,
	      const char **channel_public_id, enum room_refusal *refusal);

/* A staff member of the channel's client joins one of its open rooms (from
 * the Rooms panel). *refusal as for room_join. Returns a db_status. */
int room_join_as_staff(struct request *r, const char *public_id, enum room_refusal *refusal);

/* For the viewer (cgi-bin/channel.c): the client's room settings (the Who
 * and Rooms buttons), whether the viewer may invite and, for staff, the
 * client's open rooms. */
int room_to_view(struct request *r, const struct member *m, struct view *v);

#endif
