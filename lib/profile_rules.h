/* profile_rules.h - a client's rules turn what Baton knows of a visitor
 * (their profile with the client, across all its sites) into a priority
 * score and a service level. One rule is a condition, a score and an
 * optional level; the condition is clauses joined by "and":
 *
 *   customer = yes and plan = gold
 *   asked:billing >= 2              (questions or topics naming it, 7 days)
 *   page contains /pricing          (the page the visitor asks from)
 *   visits_7d > 5                   (help clicks in 7 days, all sites)
 *   event:cart >= 1                 (events the site reported, 7 days)
 *   orders >= 3
 *   from contains /pricing          (the page seen before the one asked from)
 *   seen contains /pricing          (any page seen in 7 days, all sites)
 *
 * Fields: numbers orders, visits, visits_7d, event:NAME, asked:WORD (with
 * = != > >= < <=); text plan, page, from, topic, site (with = != contains,
 * letter case ignored); seen (any page seen, with = != contains);
 * customer (= yes or = no). Pages seen come from the site script
 * (lib/page_view.h). A value with spaces is
 * quoted ("gold plus"). The browser's rule editor, the help request path
 * and baton-admin all call these functions. */
#ifndef BATON_PROFILE_RULES_H
#define BATON_PROFILE_RULES_H

#include <stdbool.h>
#include <stddef.h>

struct pool;

enum { RULE_CLAUSES_MAX = 8, RULE_TEXT_MAX = 500 };

enum rule_field { FIELD_ORDERS, FIELD_VISITS, FIELD_VISITS_7D, FIELD_EVENT, FIELD_ASKED,
		  FIELD_PLAN, FIELD_PAGE, FIELD_TOPIC, FIELD_SITE, FIELD_CUSTOMER, FIELD_FROM,
		  FIELD_SEEN };
enum rule_op { OP_EQ, OP_NE, OP_GT, OP_GE, OP_LT, OP_LE, OP_CONTAINS };

struct rule_clause {
	enum rule_field field;
	const char *arg;       /* event:NAME and asked:WORD: the NAME or WORD */
	enum rule_op op;
	const char *text;      /* the value as written */
	long long number;      /* numeric fields; customer: 1 yes, 0 no */
};

struct rule_condition {
	size_t count;
	struct rule_clause clauses[RULE_CLAUSES_MAX];
};

/* What a rule may look at. Text fields may be NULL (unknown). */
struct profile_facts {
	bool customer;          /* a signed link or event named them */
	const char *plan;
	long long orders;       /* 0 when unknown */
	long long visits, visits_7d;
	const char *page, *topic, *site;
	size_t events;          /* events in 7 days: names and counts */
	const char **event_names;
	long long *event_counts;
	size_t questions;       /* questions and topics asked in 7 days */
	const char **question_texts;
	size_t pages_seen;      /* pages seen in 7 days, newest first */
	const char **page_urls;
	const char *came_from;  /* the page seen before the one asked from */
};

/* Parses a condition. Returns 0, or -1 with a message for the person who
 * wrote it in *error (naming the clause that is wrong). */
int profile_rule_parse(struct pool *pool, const char *text, struct rule_condition *cond,
		       const char **error);

bool profile_rule_matches(const struct rule_condition *cond, const struct profile_facts *facts);

/* Parses a level or skill name: 1-32 of a-z, 0-9, '-', '_'. */
bool profile_name_valid(const char *name);

#endif
