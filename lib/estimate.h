/* estimate.h - what a visitor is told about the desk before and while
 * waiting: whether anyone is there, free, busy or away, how long the wait
 * is in words, and which choices fit (wait, schedule, leave a message, try
 * later). One estimate from one reading of the desk, for every surface: the
 * help button and link text (/availability), the waiting page and its poll,
 * and the widget's panel, so they never disagree. */
#ifndef BATON_ESTIMATE_H
#define BATON_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct db;
struct pool;
struct view;

enum desk_state {
	DESK_NOBODY,   /* no agent signed in, or the desk is closed at this hour */
	DESK_AWAY,     /* agents signed in, none of them available (away, on a break) */
	DESK_BUSY,     /* available agents, none free: all at their maximum, or no seat */
	DESK_FREE,     /* an agent is free to take a visitor now */
};

/* The desk as the routing sees it (counts of agents with a live session). */
struct desk_counts {
	long long signed_in;
	long long available;   /* in state "available" */
	long long free;        /* available with room for one more visitor */
	bool seats_full;       /* the client's seat cap is reached */
	bool takes_calls;      /* the client calls visitors back (lib/callback.c) */
	bool closed;           /* outside the desk's opening hours (lib/admin_desk.h):
				  nobody is there, whoever is signed in */
};

/* The visitor's choices, in the order they are offered. Issue-by-issue
 * additions (a profile...) go at the end of this list and get a section
 * of their own in templates/wait.cs and a name below. CHOICE_CALLBACK is
 * "Call me back" (cgi-bin/callback.c), where the client takes calls. */
enum visitor_choice { CHOICE_WAIT, CHOICE_SCHEDULE, CHOICE_MESSAGE, CHOICE_LATER, CHOICE_CALLBACK,
		      CHOICE__MAX };

struct estimate {
	enum desk_state state;
	struct desk_counts desk;
	long long position;          /* requests ahead */
	long long seconds;           /* -1: nobody is there to say how long */
	const char *words;           /* "about 5 minutes", NULL with seconds -1 */
	const char *band;            /* the same in a catalogue: "minutes", ... (queue_wait_band) */
	long long minutes;           /* with band "minutes": how many */
	enum visitor_choice choices[CHOICE__MAX];
	size_t choice_count;
};

/* Works the estimate out from the desk and the average seconds to accept
 * and to handle a visitor (<= 0: not known, the defaults count), for a
 * visitor `position` requests back who has waited `waited_seconds` (and
 * was `offered` to an agent already). Pure: no database
 * (t/unit/estimate.c). */
void estimate_compute(const struct desk_counts *desk, long long position, long long waited_seconds,
		      long long accept_seconds, long long handle_seconds, bool offered,
		      struct estimate *e);

/* Reads the client's desk (and whether it takes calls) and averages and works the estimate out for a
 * visitor with `position` requests ahead who has waited `waited_seconds`;
 * `offered`: an agent is set aside for them, only the accept is left.
 * Returns a db_status. */
int estimate_load(struct db *db, struct pool *pool, long long client_id, long long position,
		  long long waited_seconds, bool offered, struct estimate *e);

/* For a visitor who has not asked yet: behind everyone waiting now. */
int estimate_for_newcomer(struct db *db, struct pool *pool, long long client_id,
			  struct estimate *e);

const char *estimate_state_name(enum desk_state state);
const char *estimate_choice_name(enum visitor_choice choice);
bool estimate_offers(const struct estimate *e, enum visitor_choice choice);

/* "desk":"busy","estimate":300,"estimate_words":"about 5 minutes",
 * "choices":["wait",...] and the counts, without braces (to go into an
 * object). */
void estimate_json(const struct estimate *e, struct buf *out);
/* desk.state, desk.signed_in..., estimate.seconds, estimate.words,
 * choices.N, and choice.NAME = 1 for each choice offered. */
void estimate_to_view(const struct estimate *e, struct view *v);

#endif
