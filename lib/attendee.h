/* attendee.h - the people in an event's audience (lib/event.h): who they
 * are (one row per person and event, by their visitor cookie), when they
 * were there (visits: from arriving to the last poll seen, or leaving),
 * and the producer's moderation of them (mute, remove).
 *
 * Presence costs the database nothing per poll: the poll program collects
 * the attendees whose polls it sees and stamps them in one statement per
 * batch (attendee_presence), a visit not seen for 90 s is over, and a sweep
 * closes such visits once a minute. */
#ifndef BATON_ATTENDEE_H
#define BATON_ATTENDEE_H

#include <stdbool.h>
#include <stddef.h>

#include "request.h"

struct db;
struct pool;
struct live_event;

enum { ATTENDEE_PRESENCE_BATCH = 2000, ATTENDEE_STAMP_SECONDS = 20, ATTENDEE_AWAY_SECONDS = 90 };

struct attendee {
	long long id, event_id;
	const char *name;
	bool muted, removed, arrived;
};

enum attendee_refusal {
	ATTENDEE_OK = 0,
	ATTENDEE_REMOVED,     /* the producer removed them */
	ATTENDEE_EVENT_FULL,  /* the event's seat limit */
	ATTENDEE_NO_SEAT,     /* the client's seats */
	ATTENDEE_NOT_LIVE,    /* the event has not started */
	ATTENDEE_ENDED,
};
int attendee_refusal_status(enum attendee_refusal why);
const char *attendee_refusal_message(enum attendee_refusal why);

/* The requester's attendee row for the event, by their visitor cookie. */
int attendee_of_request(struct request *r, const struct live_event *ev, struct attendee *a,
			bool *found);

struct registration {
	const char *name;         /* required */
	const char *email;        /* required when the event asks for registration */
	const char *field_value;  /* the event's extra question, if any */
	const char *site;         /* the host they came from, or NULL */
};
/* Registers the requester (making their visitor cookie if needed), or
 * updates their details. Returns a db_status; *refusal when removed. */
int attendee_register(struct request *r, const struct live_event *ev, const struct registration *reg,
		      struct attendee *a, enum attendee_refusal *refusal);

/* The attendee arrives at the live event: a visit starts unless one is
 * under way, when a seat of the event and of the client is free. */
int attendee_arrive(struct db *db, struct pool *pool, const struct live_event *ev,
		    const struct attendee *a, enum attendee_refusal *refusal);
/* They leave (closing the page). */
int attendee_leave(struct db *db, long long attendee_id);

/* The poll program's stamp: the attendees of these ids were seen now.
 * Extends their visits (at most every ATTENDEE_STAMP_SECONDS), starts one
 * for those without. n <= ATTENDEE_PRESENCE_BATCH. Returns a db_status. */
int attendee_presence(struct db *db, struct pool *pool, const long long *ids, size_t n);
/* Closes visits not seen for ATTENDEE_AWAY_SECONDS (once a minute). */
int attendee_sweep_lapsed(struct db *db);

/* The producer mutes or unmutes (they may not ask or chat), or removes an
 * attendee (they see the stage no more; their polls are refused). Returns
 * a db_status; *problem when there is no such attendee. */
int attendee_moderate(struct request *r, const struct live_event *ev, const char *action,
		      long long attendee_id, const char **problem);

#endif
