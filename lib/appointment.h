/* appointment.h - scheduled sessions that reach people: the visitor gets a
 * confirmation with a calendar file and, before the time, a reminder whose
 * link (/rejoin) puts them at the head of the queue; the agent who took the
 * appointment is reminded too; at the time the request enters the queue,
 * offered first (to that agent first); a visitor who has not come back by
 * appointment_grace_minutes after it has missed it. The timed parts run in
 * the mailer (appointment_job, lib/mail_jobs.h). */
#ifndef BATON_APPOINTMENT_H
#define BATON_APPOINTMENT_H

#include <stdbool.h>

#include "request.h"

/* Served before any priority staff can give (0..1000). */
enum { APPOINTMENT_PRIORITY = 1001 };

enum {
	APPOINTMENT_BAD_LINK = -50, /* no such appointment, or not its token */
	APPOINTMENT_OVER = -51,     /* cancelled, or already taken place */
	APPOINTMENT_NOT_SCHEDULED = -52,
};

/* Inside the transaction that schedules request_id: its rejoin token, and
 * the confirmation mail when the contact is an e-mail address. */
int appointment_confirm(struct request *r, long long request_id);

struct appointment_link {
	long long id;
	long long client_id;
	const char *state;
	const char *client_name;
	const char *when;          /* "Monday 7 December 2026, 15:00" (UTC) */
	const char *public_id;
	long long at;              /* the same as a time (0: none) */
	const char *lang;          /* the visitor's (lib/visitor_lang.c), may be NULL */
};
/* The appointment a rejoin link names, if the token is its own. */
int appointment_find(struct request *r, const char *public_id, const char *token,
		     struct appointment_link *a);
/* The visitor of this browser comes back through the link: the request
 * is theirs now and waits at the head of the queue. */
int appointment_rejoin(struct request *r, const struct appointment_link *a);

/* An agent of the client takes a scheduled session (or gives it back):
 * reminded before it, offered it first at its time. */
int appointment_take(struct request *r, const char *public_id, bool take);

#endif
