/* helpreq.h - help requests: the help link's site check, creating a request
 * in the client's queue, and what a waiting visitor is told. */
#ifndef BATON_HELPREQ_H
#define BATON_HELPREQ_H

#include <stdbool.h>
#include <time.h>

#include "estimate.h"
#include "request.h"

struct request_status;

struct site_info {
	long long id;
	long long client_id;
	const char *name;
	const char *client_name;
	bool ask_question;
};

/* Checks a help link: the site key must exist and the Referer's host must
 * be one of the site's registered domains (or below one). On refusal sets
 * *refusal to a message for the visitor and records the attempt for the
 * operator. Returns a db_status. */
int helpreq_check_link(struct request *r, const char *site_key, const char *referer,
		       struct site_info *site, const char **refusal);

/* A page address (the Referer) as it can be stored (page_url, referer
 * columns) and carried in a form: bytes outside printable ASCII %-escaped,
 * as browsers send them, and cut to 2,000 characters. NULL stays NULL. */
const char *helpreq_page_url(struct pool *pool, const char *url);
/* The lower-cased host of an http(s) URL, or NULL. */
const char *helpreq_url_host(struct pool *pool, const char *url);

/* The page a visitor asked from: `page` (from the site scripts) when it is
 * an http(s) address on the Referer's host, else the Referer; stored as
 * helpreq_page_url() does. */
const char *helpreq_asked_from(struct request *r, const char *referer, const char *page);

/* What the help form adds to a request beyond its question. */
struct helpreq_extra {
	const char *email;        /* typed by the visitor: kept on their profile */
	const char *customer_ref; /* the site's customer, from a signed link */
	bool wants_video;         /* asked to start with video (if their level offers it) */
	/* From the overflow page (lib/overflow.h): the request is made as a
	 * message left with this contact, or booked for this time (UTC,
	 * helpreq_booking_time(); the e-mail address above gets the
	 * confirmation), in the same transaction: never routed. */
	const char *message_contact;
	const char *scheduled_for;
};

/* Puts the visitor in the client's queue (or finds their open request) and
 * routes. A priority of 0 or more (from the site's signed link) is kept on
 * the visitor's profile first; -1 keeps the profile's. Sets *public_id.
 * Returns a db_status, or HELPREQ_LIMITED with a message for the visitor
 * in *refusal when too many requests come from their address or from them
 * (queue_guard.h). */
int helpreq_create(struct request *r, const struct site_info *site, long long visitor_id,
		   const char *topic, const char *name, const char *question, const char *page_url,
		   long long priority, const struct helpreq_extra *extra, const char **public_id,
		   const char **refusal);

/* What a site's signed help link says of the visitor: any part may be
 * left out (NULL, priority -1); plan, name and e-mail need a customer. */
struct signed_link {
	const char *customer;  /* the site's own reference for them */
	long long priority;
	const char *plan;      /* their plan with the site (rules test it) */
	const char *name;      /* filled in on the help form */
	const char *email;
};

/* Checks a help link's signed parameters: sig must be the HMAC-SHA256,
 * under the site's secret, of
 * "site=KEY&customer=REF&priority=N&plan=P&customer_name=NAME&customer_email=E&expires=T"
 * (with the values as they are, not %-escaped, and each part left out when
 * the link has none), and T (Unix time) still ahead. Returns 1 valid, 0
 * not, or a negative db_status. */
/* The signature of such a link: sig, 64 hex, for a site's secret. */
void helpreq_sign_link(struct pool *pool, const char *secret, const char *site_key,
		       const struct signed_link *link, long long expires, char sig[65]);
int helpreq_signed_priority_valid(struct request *r, const struct site_info *site,
				  const char *site_key, const struct signed_link *link,
				  long long expires, const char *sig);

/* Staff set a visitor's priority: kept on the profile, applied to their
 * waiting request, re-routed. Returns a db_status or HELPREQ_CLOSED. */
int helpreq_set_priority(struct request *r, const struct request_status *st, long long priority);

struct request_status {
	long long id;
	long long client_id;
	long long visitor_id;
	const char *state;         /* waiting, offered, accepted, cancelled, ... */
	const char *client_name;
	const char *name;
	const char *question;
	const char *channel_public_id;
	const char *scheduled_for;
	const char *page_url;      /* the page the visitor asked from */
	long long site_id;
	long long waited_seconds;
	long long position;        /* requests ahead of this one */
	struct estimate estimate;  /* the desk, the wait and the visitor's choices */
	unsigned long long queue_version;
	const char *kind;          /* chat, callback (a visitor to call), call (a caller holding) */
	const char *phone;         /* callback and call: the number, E.164 */
	bool deferred;             /* a call-back not offered yet (not due) */
	const char *lang;          /* the visitor's language (lib/visitor_lang.c), may be NULL */
};

/* Loads a request by public id; *found false when there is none. */
int helpreq_status(struct db *db, struct pool *pool, const char *public_id,
		   struct request_status *st, bool *found);
/* Loads the request for the visitor of this browser: 0, or the status of
 * the error response it set (404 unknown, 403 someone else's, 503). */
int helpreq_load_for_visitor(struct request *r, const char *public_id, struct request_status *st);
/* What the visitor's forms (cancel, requeue, message, schedule) share:
 * loads their request, applies change(r, st, arg), and answers with the
 * waiting page (303), or 409 with closed_message when the request is no
 * longer in the state the change needs. */
typedef int (*helpreq_change_fn)(struct request *r, const struct request_status *st, void *arg);
int helpreq_visitor_change(struct request *r, const char *public_id, helpreq_change_fn change,
			   void *arg, const char *closed_message);
/* The status as JSON, for the waiting page's poll. */
void helpreq_status_json(const struct request_status *st, struct buf *out);

/* The visitor gives up, asks for a later time, or leaves a message.
 * Returns a db_status, or HELPREQ_CLOSED when the request is no longer
 * waiting. */
enum { HELPREQ_CLOSED = -20, HELPREQ_LIMITED = -21 };
int helpreq_cancel(struct request *r, const struct request_status *st);
int helpreq_schedule(struct request *r, const struct request_status *st, const char *when_utc,
		     const char *contact);
/* A scheduled visitor who came back joins the queue again. */
int helpreq_requeue(struct request *r, const struct request_status *st);
int helpreq_leave_message(struct request *r, const struct request_status *st, const char *name,
			  const char *contact, const char *question);

/* The moment a visitor means by a date ("2024-05-01") and time ("14:30")
 * on their clock, offset_minutes behind UTC (JavaScript's
 * getTimezoneOffset()); -1 when the date or time is not real. */
time_t helpreq_local_time(const char *date, const char *clock, long long offset_minutes);

/* A time a visitor books a session for (their date, clock and offset as
 * helpreq_local_time() takes them) as stored, "YYYY-MM-DD HH:MM:00" UTC,
 * into stamp: NULL, or the refusal for the visitor when it is not a real
 * time, sooner than five minutes from now or more than 60 days ahead. */
const char *helpreq_booking_time(const char *date, const char *clock, long long offset_minutes,
				 char stamp[32]);

#endif
