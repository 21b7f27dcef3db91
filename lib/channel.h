/* channel.h - live sessions: who is in them, and their event log. Every
 * event gets the channel's next sequence number inside the transaction that
 * stores it (DESIGN.md), so all readers see one order with no gaps. */
#ifndef BATON_CHANNEL_H
#define BATON_CHANNEL_H

#include <stdbool.h>

#include "buf.h"
#include "request.h"

struct db;
struct pool;
struct db_rows;

enum { CHANNEL_LINE_MAX = 2000 };

/* The avatars people choose from (htdocs/avatars/NAME.svg). */
extern const char *const channel_avatars[];

/* The requester's place in a channel. */
struct member {
	long long channel_id;
	long long client_id;
	const char *channel_public_id;
	const char *channel_name;
	bool channel_open;
	long long last_seq;
	long long leader_participant_id;
	long long participant_id;
	const char *kind;          /* "agent" or "visitor" */
	const char *display_name;
	const char *token;         /* the participant's posting token */
	long long agent_id;        /* for agents */
	bool left;
};

/* Finds the requester in the channel with this public id: the signed-in
 * agent (r->session) or the visitor of r's cookie (visitor_id). *found is
 * false when the channel does not exist or they were never in it. */
int channel_member(struct request *r, const char *public_id, long long visitor_id,
		   struct member *m, bool *found);

/* For pages about a channel: finds the requester in it (the signed-in
 * agent, or the visitor of this browser, present or past). Returns 0, or
 * the status of the error response it set (403 with not_in_message when
 * they were never in it). */
int channel_viewer(struct request *r, const char *public_id, const char *not_in_message,
		   struct member *m);

/* For posts to a channel: the requester must be in it (present), send its
 * participant token, and post from our own origin. Returns 0, or the status
 * of the error response it set. */
int channel_authorize(struct request *r, const char *public_id, const char *token,
		      struct member *m);

/* The answer to a failed channel operation: 409 when the channel has
 * closed, 503 when the database is down, otherwise an internal error. */
int channel_failed(struct request *r, int rc);
/* 0 when the channel's service level co-browses (lib/profile.h); else the
 * answer sent: 403 saying it is chat only, or the database's failure. For
 * every program that leads, follows or mirrors a page. */
int channel_require_cobrowse(struct request *r, const struct member *m);

/* Appends an event (in its own transaction, retried on conflicts). With a
 * client_msg_id a repeated post returns the first one's seq and stores
 * nothing. Returns a db_status, or CHANNEL_CLOSED. */
enum { CHANNEL_CLOSED = -10 };
int channel_post(struct db *db, long long channel_id, long long participant_id,
		 long long recipient, const char *kind, const char *body,
		 const char *client_msg_id, long long *seq);
/* channel_post, with the language a line is written in, or for a
 * "translation" event its language and the seq of the line it translates
 * (lib/chat_lang.c). */
int channel_post_lang(struct db *db, long long channel_id, long long participant_id,
		      long long recipient, const char *kind, const char *body,
		      const char *client_msg_id, const char *lang, long long ref_seq, long long *seq);
/* Inside the caller's transaction: appends an event (taking the channel's
 * row lock for its seq). The caller commits, then calls notify_post().
 * Returns a db_status, or CHANNEL_CLOSED. */
int channel_append(struct db *db, long long channel_id, long long participant_id,
		   long long recipient, const char *kind, const char *body, long long *seq);
/* Whether an event of this kind is a line of the conversation's record as
 * people read it (the chat, transcripts): calls' signalling and the
 * whiteboard's marks are not. */
bool channel_event_in_chat(const char *kind);

/* The agent of r->session accepts a request offered to them (or still
 * waiting): creates the channel with agent (leader) and visitor, and their
 * join events. Sets *channel_public_id. Returns a db_status, or
 * CHANNEL_TAKEN when the request is no longer open, CHANNEL_FULL when the
 * client's seat cap is reached, CHANNEL_AGENT_FULL when the agent already
 * holds as many sessions as they may (capacity.h). */
enum { CHANNEL_TAKEN = -11, CHANNEL_FULL = -12, CHANNEL_AGENT_FULL = -13 };
int channel_accept(struct request *r, const char *request_public_id,
		   const char **channel_public_id);

/* A conversation's name: who the visitor is and where they asked from
 * ("Vera · shop.example/kettles"), or the client's name for a page not on
 * the web. */
const char *channel_name_for(struct pool *pool, const char *visitor, const char *page,
			     const char *client);

/* Closes an open channel for everyone (the dialer, when a call-back was
 * not answered): a close event, all leave, its agents become free. A
 * channel closed already is no error. Returns a db_status. */
int channel_close(struct db *db, long long channel_id, long long client_id);

/* The member leaves; the channel closes when no agent or nobody is left. */
int channel_leave(struct request *r, const struct member *m);
/* Hands the channel from agent member m to another agent of the client who
 * is free to take a visitor (capacity.h). Returns a db_status, CHANNEL_TAKEN
 * if the target cannot take it, or
 * CHANNEL_CLOSED if m has left meanwhile (another transfer, a leave). */
int channel_transfer(struct request *r, const struct member *m, long long target_agent_id);
/* Last-value signals: not archived, only the newest matters. */
enum signal_kind { SIGNAL_TYPING, SIGNAL_SEEN, SIGNAL_POINTER, SIGNAL_AVATAR, SIGNAL_PROPOSE };
struct signal {
	enum signal_kind kind;
	const char *text;       /* typing text, seen address, avatar, proposed address */
	long long x, y;         /* seen: scroll position */
	const char *mode;       /* pointer: "page" or "overlay" */
	const char *px, *py;    /* pointer: coordinates, as validated decimal text */
	const char *sample;     /* kept for the replay as this kind (lib/sample.h), or NULL */
};
int channel_signal(struct db *db, const struct member *m, const struct signal *sig);
/* Stores the member's typing preview (NULL or "" when they stopped). */
int channel_typing(struct db *db, const struct member *m, const char *text);

/* Whether the viewer may see an event: private lines only their sender and
 * recipient; a supervisor's silent arrival only staff. */
bool channel_event_visible(const char *kind, long long from, long long to, long long viewer,
			   bool viewer_is_staff);
/* Whether an event of this kind is known never to come with a change of
 * anyone's place in the channel (a join, a leave, a removal, a transfer, a
 * close each have their own kind). Unknown kinds are taken as changes. The
 * poll program holds a re-poll on what it remembers of who is asking only
 * while the channel's events since it looked are all of these kinds. */
bool channel_event_keeps_places(const char *kind);
/* Rows of SQL_EVENTS_AFTER that the viewer may see, as a JSON array;
 * *last_seq is the seq of the last row read, seen or not. */
void channel_rows_json(const struct db_rows *events, long long viewer, bool viewer_is_staff,
		       long long after, struct buf *out, long long *last_seq);
/* A supervisor of the channel's client joins it silently ("monitor");
 * CHANNEL_FULL when the client's participant cap is reached. */
int channel_monitor(struct request *r, const struct member *m);

struct view;
/* Puts the events and present participants into a view (channel page and
 * transcript): events.N.{seq,kind,name,role,body,at,mine,to_self}, people.N.*. */
int channel_to_view(struct db *db, struct pool *pool, long long channel_id,
		    long long viewer_participant_id, bool viewer_is_staff, struct view *v);

#endif
