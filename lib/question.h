/* question.h - what attendees say to an event (lib/event.h): questions
 * to the producer's queue, and public lines where the event allows them;
 * and the queue's handling by the producer (approve, merge, pass to a
 * speaker, answer in writing, hide) and by speakers (answer).
 *
 * A new question goes backstage as a 'question' event for the producer
 * alone. Every change to a question goes there too (so every producer
 * view agrees), and once approved, passed or answered it is on the stage
 * as a 'qa' event: every attendee sees the question as it stands now. A
 * pass is a 'pass' event backstage for that speaker alone. */
#ifndef BATON_QUESTION_H
#define BATON_QUESTION_H

#include <stdbool.h>

#include "buf.h"
#include "event.h"
#include "request.h"

struct attendee;

enum { QUESTION_MAX = 1000, ANSWER_MAX = 2000, QUESTIONS_PER_MINUTE = 5 };

/* Beside the db_status values, with *problem set: refused (403 forbidden,
 * 409 wrong moment, 429 too fast). */
enum { QUESTION_REFUSED = -60 };

/* The attendee asks (the event must be live and allow questions, they
 * must not be muted). *status and *problem say why not. */
int question_ask(struct request *r, const struct live_event *ev, const struct attendee *a,
		 const char *text, long long *question_id, int *status, const char **problem);
/* The attendee says a public line (events that allow chat). */
int question_line(struct request *r, const struct live_event *ev, const struct attendee *a,
		  const char *text, long long *seq, int *status, const char **problem);

struct question_action {
	const char *action;       /* approve, pass, answer, hide, merge */
	long long question_id;
	long long into;           /* merge: the question it joins */
	long long speaker_agent;  /* pass: to whom */
	const char *text;         /* answer */
};
/* Staff act on a question. *status and *problem say why not. */
int question_moderate(struct request *r, const struct live_event *ev, enum event_role role,
		      const struct question_action *act, int *status, const char **problem);

/* The producer's queue: every question not merged into another, oldest
 * first, as a JSON array. */
int question_queue_json(struct db *db, struct pool *pool, long long event_id, struct buf *out);
/* The questions attendees see now (for a page opening late), JSON array. */
int question_published_json(struct db *db, struct pool *pool, long long event_id, struct buf *out);

#endif
