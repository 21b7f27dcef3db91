/* profile.c - a visitor's profile with one client, across its sites, and
 * the treatment the client's rules give it (profile.h). */
#include "profile.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "estimate.h"
#include "log.h"
#include "page_view.h"
#include "pool.h"
#include "render.h"
#include "site_event.h"

bool treatment_offers(const struct treatment *t, const char *channel)
{
	size_t n = strlen(channel);
	for (const char *p = t->channels; p != NULL && *p; ) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, channel, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

int profile_facts_load(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		       const struct profile_ask *ask, struct profile_facts *facts)
{
	memset(facts, 0, sizeof *facts);
	if (ask != NULL) {
		facts->page = ask->page;
		facts->topic = ask->topic;
		facts->site = ask->site;
	}
	struct db_rows row, events, asked;
	int rc = db_query(db, pool, SQL_PROFILE_FACTS, &row, "ii", client_id, visitor_id);
	if (rc == DB_OK && row.rows > 0) {
		facts->customer = db_cell_int(&row, 0, 0) != 0;
		facts->plan = db_cell(&row, 0, 1);
		facts->orders = db_cell_int(&row, 0, 2);
		facts->visits = db_cell_int(&row, 0, 3);
		facts->visits_7d = db_cell_int(&row, 0, 4);
	}
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_PROFILE_EVENT_COUNTS, &events, "ii", client_id, visitor_id);
	if (rc == DB_OK && events.rows > 0) {
		facts->events = events.rows;
		facts->event_names = pool_alloc(pool, events.rows * sizeof *facts->event_names);
		facts->event_counts = pool_alloc(pool, events.rows * sizeof *facts->event_counts);
		for (size_t i = 0; i < events.rows; i++) {
			facts->event_names[i] = db_cell(&events, i, 0);
			facts->event_counts[i] = db_cell_int(&events, i, 1);
		}
	}
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_PROFILE_RECENT_QUESTIONS, &asked, "ii", client_id, visitor_id);
	if (rc == DB_OK) {
		/* The question being asked now counts too. */
		bool now = ask != NULL && (ask->question != NULL || ask->topic != NULL);
		facts->questions = asked.rows + now;
		facts->question_texts = pool_alloc(pool, (facts->questions + 1) * sizeof(char *));
		for (size_t i = 0; i < asked.rows; i++)
			facts->question_texts[i] = db_cell(&asked, i, 0);
		if (now)
			facts->question_texts[asked.rows] =
				pool_printf(pool, "%s %s", ask->topic ? ask->topic : "",
					    ask->question ? ask->question : "");
	}
	if (rc == DB_OK)
		rc = page_view_facts(db, pool, client_id, visitor_id, facts->page, facts);
	return rc;
}

/* A level's row in SQL_SERVICE_LEVELS: name, channels, skill, target,
 * skip_overflow, rank. */
static void apply_level(const struct db_rows *levels, size_t i, struct treatment *t)
{
	t->level = db_cell(levels, i, 0);
	t->channels = db_cell(levels, i, 1) ? db_cell(levels, i, 1) : "";
	t->skill = db_cell(levels, i, 2);
	t->target_seconds = db_cell_int(levels, i, 3);
	t->skip_overflow = db_cell_int(levels, i, 4) != 0;
}

static long long level_index(const struct db_rows *levels, const char *name)
{
	for (size_t i = 0; name != NULL && i < levels->rows; i++)
		if (strcmp(db_cell(levels, i, 0), name) == 0)
			return (long long)i;
	return -1;
}

int profile_treat_facts(struct db *db, struct pool *pool, long long client_id,
			const struct profile_facts *facts, struct treatment *t)
{
	memset(t, 0, sizeof *t);
	t->channels = PROFILE_ALL_CHANNELS;
	struct db_rows rules, levels;
	int rc = db_query(db, pool, SQL_PROFILE_RULES, &rules, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_SERVICE_LEVELS, &levels, "i", client_id);
	if (rc != DB_OK)
		return rc;
	/* A visitor no rule gives a level to has the level "default"; a client
	 * without one offers them everything, as without levels. */
	long long chosen = level_index(&levels, "default");
	long long best = -1;
	struct buf why;
	buf_init(&why);
	for (size_t i = 0; i < rules.rows; i++) {
		struct rule_condition cond;
		const char *error;
		if (profile_rule_parse(pool, db_cell(&rules, i, 2), &cond, &error) != 0) {
			log_warn("rule %s of client %lld does not parse: %s", db_cell(&rules, i, 0),
				 client_id, error);
			continue;
		}
		if (!profile_rule_matches(&cond, facts))
			continue;
		t->score += db_cell_int(&rules, i, 3);
		long long level = level_index(&levels, db_cell(&rules, i, 4));
		if (level >= 0 && (best < 0 || level < best))
			best = level;
		buf_printf(&why, "%s%s", why.len ? ", " : "", db_cell(&rules, i, 1));
	}
	if (best >= 0)
		chosen = best;
	if (chosen >= 0)
		apply_level(&levels, (size_t)chosen, t);
	if (why.len > 0)
		t->why = pool_strndup(pool, why.data, why.len);
	buf_free(&why);
	return DB_OK;
}

int profile_treat(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		  const struct profile_ask *ask, struct treatment *t)
{
	struct profile_facts facts;
	int rc = profile_facts_load(db, pool, client_id, visitor_id, ask, &facts);
	if (rc == DB_OK)
		rc = profile_treat_facts(db, pool, client_id, &facts, t);
	return rc;
}

int profile_limit_choices(struct db *db, struct pool *pool, long long request_id,
			  struct estimate *e)
{
	struct db_rows level;
	int rc = db_query(db, pool, SQL_PROFILE_REQUEST_CHANNELS, &level, "i", request_id);
	if (rc != DB_OK || level.rows == 0)
		return rc;
	struct treatment t = { .channels = db_cell(&level, 0, 0) };
	if (treatment_offers(&t, "callback"))
		return DB_OK;
	e->desk.takes_calls = false;
	size_t kept = 0;
	for (size_t i = 0; i < e->choice_count; i++)
		if (e->choices[i] != CHOICE_CALLBACK)
			e->choices[kept++] = e->choices[i];
	e->choice_count = kept;
	return DB_OK;
}

int profile_channel_cobrowses(struct db *db, struct pool *pool, long long channel_id, bool *cobrowses)
{
	struct db_rows level;
	*cobrowses = true;
	int rc = db_query(db, pool, SQL_PROFILE_CHANNEL_LEVEL, &level, "i", channel_id);
	if (rc == DB_OK && level.rows > 0) {
		struct treatment t = { .channels = db_cell(&level, 0, 0) };
		*cobrowses = treatment_offers(&t, "cobrowse");
	}
	return rc;
}

int profile_prefill(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		    const char **name, const char **email)
{
	struct db_rows row;
	*name = *email = NULL;
	int rc = db_query(db, pool, SQL_PROFILE_PREFILL, &row, "ii", client_id, visitor_id);
	if (rc == DB_OK && row.rows > 0) {
		*name = db_cell(&row, 0, 0);
		*email = db_cell(&row, 0, 1);
	}
	return rc;
}

int profile_link_customer(struct db *db, long long client_id, long long visitor_id,
			  const char *customer_ref)
{
	return db_exec(db, SQL_PROFILE_LINK_CUSTOMER, NULL, "iis", client_id, visitor_id, customer_ref);
}

int profile_site_customer_put(struct db *db, long long client_id, const char *customer_ref,
			      const char *name, const char *email, const char *plan, long long orders)
{
	/* Orders said as 0 are kept as 0; not said, as they were. */
	char count[24];
	snprintf(count, sizeof count, "%lld", orders);
	return db_exec(db, SQL_SITE_CUSTOMER_PUT, NULL, "isssss", client_id, customer_ref, name, email,
		       plan, orders >= 0 ? count : NULL);
}

int profile_record_site_event(struct db *db, long long client_id, long long site_id,
			      const struct site_event *ev)
{
	int rc = profile_site_customer_put(db, client_id, ev->customer, ev->name, ev->email, ev->plan,
					   ev->orders);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PROFILE_EVENT_INSERT, NULL, "iinssss", client_id, site_id, 0LL,
			     ev->customer, "site", ev->event, ev->detail);
	if (rc == DB_OK)
		rc = profile_expire(db, client_id);
	return rc;
}

int profile_expire(struct db *db, long long client_id)
{
	int rc = db_exec(db, SQL_PROFILE_EVENT_EXPIRE, NULL, "ii", client_id, client_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PROFILE_REQUEST_EXPIRE, NULL, "ii", client_id, client_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PAGE_VIEW_EXPIRE, NULL, "ii", client_id, client_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PAGE_TRAIL_EXPIRE, NULL, "ii", client_id, client_id);
	return rc;
}

int profile_tracking(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		     const char *track, bool *tracking)
{
	struct db_rows row;
	int rc = DB_OK;
	if (track != NULL)
		rc = db_exec(db, SQL_PROFILE_SET_TRACKING, NULL, "iii", client_id, visitor_id,
			     (long long)(strcmp(track, "0") != 0));
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_PROFILE_TRACKING, &row, "ii", client_id, visitor_id);
	*tracking = rc != DB_OK || row.rows == 0 || db_cell_int(&row, 0, 0) != 0;
	if (rc == DB_OK && !*tracking)
		rc = db_exec(db, SQL_PROFILE_FORGET_PAGES, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK && !*tracking)
		rc = db_exec(db, SQL_PROFILE_FORGET_PAGE_EVENTS, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK && !*tracking)
		rc = db_exec(db, SQL_PAGE_VIEW_FORGET, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK && !*tracking)
		rc = db_exec(db, SQL_PAGE_TRAIL_FORGET, NULL, "ii", client_id, visitor_id);
	return rc;
}

int profile_record_page_events(struct db *db, struct pool *pool, long long client_id,
			       long long site_id, long long visitor_id, const char *names)
{
	enum { PAGE_EVENTS_MAX = 20 };
	int rc = DB_OK, kept = 0;
	for (const char *p = names; rc == DB_OK && p != NULL && *p && kept < PAGE_EVENTS_MAX; ) {
		size_t len = strcspn(p, ",");
		char *name = pool_strndup(pool, p, len);
		/* A bad name is dropped: the visitor's browser sent it, not the site. */
		if (site_event_name_valid(name)) {
			rc = db_exec(db, SQL_PROFILE_EVENT_INSERT, NULL, "iiissss", client_id, site_id,
				     visitor_id, NULL, "page", name, NULL);
			kept++;
		}
		p += len + (p[len] == ',');
	}
	return rc;
}

int profile_to_view(struct db *db, struct pool *pool, long long client_id, long long visitor_id,
		    struct view *v)
{
	static const char *const summary_cols[] = { "name", "email", "customer", "plan", "orders",
						    "visits", "since", "tracking", NULL };
	static const char *const request_cols[] = { "at", "site", "page", "topic", "question",
						    "state", "level", "stars", NULL };
	static const char *const event_cols[] = { "at", "site", "source", "name", "detail", NULL };
	static const char *const page_cols[] = { "at", "site", "url", "seconds", NULL };
	struct db_rows summary, requests, events, pages;
	int rc = db_query(db, pool, SQL_PROFILE_SUMMARY, &summary, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_PROFILE_TRAIL_REQUESTS, &requests, "ii", client_id,
			      visitor_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_PROFILE_TRAIL_EVENTS, &events, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_PROFILE_TRAIL_PAGES, &pages, "ii", client_id, visitor_id);
	if (rc != DB_OK)
		return rc;
	view_set_int(v, "profile.known", summary.rows > 0);
	if (summary.rows > 0) {
		for (size_t c = 0; summary_cols[c]; c++)
			view_set(v, pool_printf(pool, "profile.%s", summary_cols[c]),
				 db_cell(&summary, 0, c));
	}
	view_set_rows(v, "profile.requests", &requests, request_cols);
	view_set_rows(v, "profile.events", &events, event_cols);
	view_set_rows(v, "profile.pages", &pages, page_cols);
	return DB_OK;
}

int profile_delete(struct db *db, long long client_id, long long visitor_id)
{
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PROFILE_DELETE_EVENTS, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PAGE_VIEW_FORGET, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PAGE_TRAIL_FORGET, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PROFILE_FORGET_REQUESTS, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PROFILE_DELETE_NOTES, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_PROFILE_DELETE, NULL, "ii", client_id, visitor_id);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}
