/* profile.h - what one client knows of a visitor across all of its sites
 * (never across clients: a profile is keyed by client and visitor): the
 * trail of help clicks with their pages, questions, how sessions ended and
 * ratings (read from their own tables), events the site script and the
 * client's servers report, the name and e-mail address the visitor typed,
 * and the site's own customer reference from a signed help link. The
 * client's rules (profile_rules.h) turn it into a treatment: a priority
 * score and a service level deciding which ways of connecting are offered
 * and which agents may take the visitor. */
#ifndef BATON_PROFILE_H
#define BATON_PROFILE_H

#include <stdbool.h>

#include "profile_rules.h"

struct db;
struct pool;
struct view;
struct site_event;

/* What a service level allows. A visitor no rule gives a level to has the
 * client's level "default"; without one (or without levels) they are
 * offered everything and any agent may take them. Of several levels the
 * matching rules give, the highest ranked wins. */
#define PROFILE_ALL_CHANNELS "chat,cobrowse,video,callback,message"

struct treatment {
	long long score;          /* added to the visitor's priority */
	const char *level;        /* NULL: the client has no service levels */
	const char *channels;     /* comma-separated, of PROFILE_ALL_CHANNELS */
	const char *skill;        /* NULL: any agent may take them */
	long long target_seconds;
	bool skip_overflow;
	const char *why;          /* labels of the rules that matched, or NULL */
};

/* What the visitor is asking now (any may be NULL). */
struct profile_ask {
	const char *page, *topic, *site, *question;
};

bool treatment_offers(const struct treatment *t, const char *channel);

/* The facts the rules see for this visitor of the client. */
int profile_facts_load(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		       const struct profile_ask *ask, struct profile_facts *facts);

/* The client's rules applied to facts. Returns a db_status. With a
 * condition that no longer parses (never saved so), the rule is skipped. */
int profile_treat_facts(struct db *db, struct pool *pool, long long client_id,
			const struct profile_facts *facts, struct treatment *t);

/* profile_facts_load() then profile_treat_facts(). */
int profile_treat(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		  const struct profile_ask *ask, struct treatment *t);

/* A waiting visitor's choices as their request's service level allows
 * them: a level without "callback" takes "Call me back" away. */
struct estimate;
int profile_limit_choices(struct db *db, struct pool *pool, long long request_id,
			  struct estimate *e);

/* Whether the conversation's service level offers co-browsing. Without
 * it the conversation is chat only: nobody leads anyone's page (the lead
 * is not passed to the visitor, addresses are not led, the visitor's page
 * is not followed); messages stay open to every visitor whatever their
 * level. */
#define PROFILE_CHAT_ONLY "This conversation's service level offers chat without co-browsing: " \
	"pages are not led or followed here. Send the link in the chat instead."
int profile_channel_cobrowses(struct db *db, struct pool *pool, long long channel_id, bool *cobrowses);

/* The name and e-mail address to fill in for a returning visitor (NULL
 * when none is known). */
int profile_prefill(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		    const char **name, const char **email);

/* A signed help link named the visitor as the site's customer ref. */
int profile_link_customer(struct db *db, long long client_id, long long visitor_id,
			  const char *customer_ref);

/* Keeps what a site said (signed) of its customer ref: name, e-mail, plan
 * and orders (-1), each kept as it was when NULL. */
int profile_site_customer_put(struct db *db, long long client_id, const char *customer_ref,
			      const char *name, const char *email, const char *plan, long long orders);

/* Records a site's signed event (already checked) about its customer. */
int profile_record_site_event(struct db *db, long long client_id, long long site_id,
			      const struct site_event *ev);

/* The site's word on whether the visitor accepts its tracking (track is
 * "0", "1", or NULL for no word): kept on the profile. Sets *tracking to
 * what holds now. A visitor who declined keeps only what they typed: the
 * pages of their ended requests and the page's events are forgotten here. */
int profile_tracking(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		     const char *track, bool *tracking);

/* Records the site script's events (comma-separated names, from the help
 * link's events= parameter): unsigned, so they go to the trail only. */
int profile_record_page_events(struct db *db, struct pool *pool, long long client_id,
			       long long site_id, long long visitor_id, const char *names);

/* The client's retention (profile_retention_days): older site events and
 * the pages of older help requests go, a batch at a time. Called on the
 * help link and on site events, so a client's trail is trimmed as it
 * grows. */
int profile_expire(struct db *db, long long client_id);

/* Sets profile.* (summary, trail of requests and of events) for the staff's
 * visitor panel and for the visitor's own view. */
int profile_to_view(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		    struct view *v);

/* Deletes the profile: its trail and events, what requests kept of the
 * visitor (name, contact, page, question), the staff's notes. A request
 * still open keeps what its conversation needs. */
int profile_delete(struct db *db, long long client_id, long long visitor_id);

#endif
