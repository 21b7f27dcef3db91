/* timeline.h - one session's whole record in time order: the request's
 * history (request_event: created, routed, rolled, accepted...), the
 * channel's events (lines, private lines, addresses led to, baton passes,
 * joins, leaves, transfers, monitoring, calls, marks) and the state changes
 * of its agents while it ran (agent_event). For the staff transcript
 * (cgi-bin/session.c) and, channel events with the sampled pointers and
 * scroll positions (archive_sample), the replay (cgi-bin/replay.c). A
 * call's signalling is left out: it says nothing a reader could use. */
#ifndef BATON_TIMELINE_H
#define BATON_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "archive.h"
#include "buf.h"

struct db;
struct pool;
struct view;

/* In this order where times are equal: accepting a request writes the
 * channel's joins and then the request's "accepted" in one transaction. */
enum timeline_source { TIMELINE_CHANNEL, TIMELINE_REQUEST, TIMELINE_AGENT, TIMELINE_SAMPLE };

struct timeline_item {
	enum timeline_source source;
	const char *at;         /* UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ" */
	long long offset_ms;    /* since the channel opened (channel events) */
	long long seq;          /* channel events */
	const char *kind;       /* the event's kind in its table */
	const char *who;        /* who did it, NULL when nobody (a close) */
	const char *role;       /* agent, visitor, supervisor */
	const char *body;       /* a line, an address, a state */
	const char *to;         /* a private line's recipient, a baton's new holder */
	bool to_self;           /* a lead taken (passed to oneself) */
	long long participant;  /* who, for the replay's pointers and marks (0: nobody) */
	const char *x, *y;      /* samples: the coordinates (what they are: the kind) */
	size_t order;           /* read order, which breaks ties of time and source */
};

struct timeline {
	struct timeline_item *items;
	size_t count;
};

/* Loads the record of c as its reader may see it (see archived_channel).
 * channel_only: the channel's events and samples alone (the replay). */
int timeline_load(struct db *db, struct pool *pool, const struct archived_channel *c,
		  bool channel_only, struct timeline *t);
/* timeline.N.{at,time,source,kind,who,role,body,to,to_self,link} */
void timeline_to_view(const struct timeline *t, struct pool *pool, struct view *v);
/* {"channel":{...},"events":[{"seq","t","at","kind","who","role","body","to","pid"}
 * and "to_self" for a lead taken, and, for samples, "x","y"]}: samples have
 * seq 0 and their kind (pointer, overlay, scroll). */
void timeline_json(const struct archived_channel *c, const struct timeline *t, struct buf *out);

#endif
