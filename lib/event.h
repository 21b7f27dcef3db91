/* event.h - the auditorium: events from one to many.
 *
 * A client schedules an event (a title, a time, a seat limit up to the
 * client's seat cap, open or with registration, whether attendees may chat
 * publicly, ask questions only, or neither) with a producer and speakers
 * from its staff. Its life:
 *   scheduled  announced; attendees may register and wait in the lobby;
 *   open       the producer opened the stage: a stage channel (the
 *              speakers lead the page, draw, point; everyone on it is
 *              staff) and a backstage channel (questions for the producer,
 *              questions passed to speakers, the producer's private lines
 *              to a speaker) are made, with the producer and the speakers
 *              in both; attendees still wait;
 *   live       attendees see the stage;
 *   ended      both channels close.
 * Attendees are not channel participants: they follow the stage through
 * their own feed (lib/audience.h), so 20,000 of them cost the channel
 * nothing but held polls. lib/attendee.h keeps who they are and when they
 * were there, lib/question.h their questions, lib/population.h the
 * producer's view of them. */
#ifndef BATON_EVENT_H
#define BATON_EVENT_H

#include <stdbool.h>

#include "request.h"

struct db;
struct pool;
struct view;

enum { EVENT_SPEAKERS_MAX = 8, EVENT_SEATS_MAX = 100000, EVENT_TITLE_MAX = 200 };

/* Everything the scheduling form (and baton-admin event add) gives. */
struct event_spec {
	long long client_id;
	long long created_by;         /* agent */
	const char *title;
	const char *description;      /* NULL or up to 2000 characters */
	const char *starts_at;        /* "YYYY-MM-DD HH:MM" (UTC) */
	long long seat_limit;
	const char *registration;     /* open, required */
	const char *talk;             /* chat, questions, none */
	bool show_attendees;
	const char *field_label;      /* NULL, or one more registration question */
	long long producer_agent_id;
	long long speakers[EVENT_SPEAKERS_MAX];
	size_t speaker_count;
};

/* Checks and stores a new event. On a refusal *problem says what is wrong
 * (for a 400) and DB_OK is returned; else sets *public_id. */
int event_schedule(struct db *db, struct pool *pool, const struct event_spec *spec,
		   const char **public_id, const char **problem);

struct live_event {
	long long id, client_id, seat_limit, producer_agent_id;
	long long stage_channel_id, backstage_channel_id;
	const char *public_id, *title, *description, *starts_at, *starts_iso, *state;
	const char *registration, *talk, *field_label, *client_name;
	const char *stage_public_id, *backstage_public_id;   /* NULL until open */
	bool show_attendees;
};
int event_load(struct db *db, struct pool *pool, const char *public_id, struct live_event *ev,
	       bool *found);

/* Who a member of staff is to an event. */
enum event_role { EVENT_NOBODY, EVENT_MANAGER, EVENT_SPEAKER, EVENT_PRODUCER };
/* MANAGER: a supervisor (or above) of the event's client. */
int event_staff_role(struct db *db, struct pool *pool, const struct live_event *ev,
		     const struct session *s, enum event_role *role);

/* The event a staff page is about, and the signed-in requester's part in
 * it (which may be EVENT_NOBODY: the page decides what each role may do).
 * Returns 0, or the status of the answer it gave itself: 404 when there is
 * no such event or it is another client's event the requester has no part
 * in (one client never learns of another's events), 503 when the database
 * is down. r->session may be NULL (no staff session): EVENT_NOBODY. */
int event_load_for_staff(struct request *r, const char *public_id, struct live_event *ev,
			 enum event_role *role);

/* The producer moves the event on: "open" (the stage), "live", "end".
 * Going live from scheduled opens the stage first. *problem says why not
 * (409) and DB_OK is returned. */
int event_advance(struct request *r, const struct live_event *ev, const char *to,
		  const char **problem);

/* The staff member's participant id on the stage or backstage (0: none). */
int event_participant(struct db *db, struct pool *pool, long long channel_id, long long agent_id,
		      long long *participant_id);

/* Event rates for the statement: per attendee or per seat-minute, in
 * cents (one function for baton-admin and the administration pages). */
enum { EVENT_BAD_RATE = -50 };
int event_set_rate(struct db *db, long long client_id, const char *unit, long long cents);

/* The events of a client for its staff: upcoming and live first, then
 * the newest past ones, and what each staff member is in them. */
int event_list_to_view(struct db *db, struct pool *pool, long long client_id, long long agent_id,
		       struct view *v);

#endif
