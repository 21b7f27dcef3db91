/* profile_rules.c - parsing and evaluating rule conditions (profile_rules.h). */
#include "profile_rules.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pool.h"

static const struct {
	const char *name;
	enum rule_field field;
	bool numeric;
	bool has_arg;
} fields[] = {
	{ "orders", FIELD_ORDERS, true, false },     { "visits", FIELD_VISITS, true, false },
	{ "visits_7d", FIELD_VISITS_7D, true, false }, { "event", FIELD_EVENT, true, true },
	{ "asked", FIELD_ASKED, true, true },         { "plan", FIELD_PLAN, false, false },
	{ "page", FIELD_PAGE, false, false },         { "topic", FIELD_TOPIC, false, false },
	{ "site", FIELD_SITE, false, false },         { "customer", FIELD_CUSTOMER, false, false },
	{ "from", FIELD_FROM, false, false },         { "seen", FIELD_SEEN, false, false },
};

static const struct {
	const char *text;
	enum rule_op op;
} ops[] = {
	{ "=", OP_EQ }, { "!=", OP_NE }, { ">=", OP_GE }, { "<=", OP_LE },
	{ ">", OP_GT }, { "<", OP_LT }, { "contains", OP_CONTAINS },
};

bool profile_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 32)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

/* The next word of *s (a quoted string is one word, without its quotes),
 * or NULL at the end; *unterminated when a quote is not closed. */
static char *next_word(struct pool *pool, const char **s, bool *unterminated)
{
	const char *p = *s;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		*s = p;
		return NULL;
	}
	const char *start = p;
	if (*p == '"') {
		const char *end = strchr(p + 1, '"');
		if (end == NULL) {
			*unterminated = true;
			*s = p + strlen(p);
			return NULL;
		}
		*s = end + 1;
		return pool_strndup(pool, start + 1, (size_t)(end - start - 1));
	}
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	*s = p;
	return pool_strndup(pool, start, (size_t)(p - start));
}

static int parse_clause(struct pool *pool, const char **s, struct rule_clause *c, size_t n,
			const char **error)
{
	bool open_quote = false;
	char *field = next_word(pool, s, &open_quote);
	char *op = field ? next_word(pool, s, &open_quote) : NULL;
	char *value = op ? next_word(pool, s, &open_quote) : NULL;
	if (open_quote) {
		*error = pool_printf(pool, "Clause %zu: a quote is not closed.", n);
		return -1;
	}
	if (value == NULL) {
		*error = pool_printf(pool, "Clause %zu is incomplete: write FIELD OPERATOR VALUE, "
				     "e.g. plan = gold.", n);
		return -1;
	}
	char *colon = strchr(field, ':');
	if (colon != NULL)
		*colon = '\0';
	size_t f = 0;
	while (f < sizeof fields / sizeof fields[0] && strcmp(fields[f].name, field) != 0)
		f++;
	if (f == sizeof fields / sizeof fields[0]) {
		*error = pool_printf(pool, "Clause %zu: there is no field '%s' (fields: orders, visits, "
				     "visits_7d, event:NAME, asked:WORD, plan, page, topic, site, "
				     "customer, from, seen).", n, field);
		return -1;
	}
	if (fields[f].has_arg != (colon != NULL) || (colon != NULL && colon[1] == '\0')) {
		*error = pool_printf(pool, fields[f].has_arg
				     ? "Clause %zu: '%s' needs a name after a colon, e.g. %s:billing."
				     : "Clause %zu: '%s' takes no name after a colon.", n, field, field);
		return -1;
	}
	c->field = fields[f].field;
	c->arg = colon ? colon + 1 : NULL;
	size_t o = 0;
	while (o < sizeof ops / sizeof ops[0] && strcmp(ops[o].text, op) != 0)
		o++;
	if (o == sizeof ops / sizeof ops[0]) {
		*error = pool_printf(pool, "Clause %zu: '%s' is not an operator "
				     "(= != > >= < <= contains).", n, op);
		return -1;
	}
	c->op = ops[o].op;
	c->text = value;
	if (c->field == FIELD_CUSTOMER) {
		if ((c->op != OP_EQ && c->op != OP_NE)
		    || (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)) {
			*error = pool_printf(pool, "Clause %zu: customer is compared with = yes or = no.", n);
			return -1;
		}
		c->number = strcmp(value, "yes") == 0;
		return 0;
	}
	if (fields[f].numeric) {
		char *end;
		errno = 0;
		c->number = strtoll(value, &end, 10);
		if (c->op == OP_CONTAINS || errno != 0 || *end != '\0' || end == value) {
			*error = pool_printf(pool, "Clause %zu: %s is a number: compare it with = != > >= "
					     "< <= and a whole number.", n, field);
			return -1;
		}
		return 0;
	}
	if (c->op != OP_EQ && c->op != OP_NE && c->op != OP_CONTAINS) {
		*error = pool_printf(pool, "Clause %zu: %s is text: compare it with =, != or contains.",
				     n, field);
		return -1;
	}
	return 0;
}

int profile_rule_parse(struct pool *pool, const char *text, struct rule_condition *cond,
		       const char **error)
{
	memset(cond, 0, sizeof *cond);
	if (text == NULL || strlen(text) > RULE_TEXT_MAX) {
		*error = "A condition is 1 to 500 characters.";
		return -1;
	}
	const char *s = text;
	for (;;) {
		if (cond->count == RULE_CLAUSES_MAX) {
			*error = "A condition has at most 8 clauses.";
			return -1;
		}
		if (parse_clause(pool, &s, &cond->clauses[cond->count], cond->count + 1, error) != 0)
			return -1;
		cond->count++;
		bool open_quote = false;
		char *joiner = next_word(pool, &s, &open_quote);
		if (joiner == NULL && !open_quote)
			return 0;
		if (joiner == NULL || strcasecmp(joiner, "and") != 0) {
			*error = pool_printf(pool, "After clause %zu write 'and' and another clause, "
					     "or nothing.", cond->count);
			return -1;
		}
	}
}

static bool contains_nocase(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = haystack; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return n == 0;
}

static bool compare_number(long long have, enum rule_op op, long long want)
{
	switch (op) {
	case OP_EQ: return have == want;
	case OP_NE: return have != want;
	case OP_GT: return have > want;
	case OP_GE: return have >= want;
	case OP_LT: return have < want;
	case OP_LE: return have <= want;
	case OP_CONTAINS: return false;
	}
	return false;
}

static bool compare_text(const char *have, enum rule_op op, const char *want)
{
	if (have == NULL)
		return op == OP_NE;
	switch (op) {
	case OP_EQ: return strcasecmp(have, want) == 0;
	case OP_NE: return strcasecmp(have, want) != 0;
	case OP_CONTAINS: return contains_nocase(have, want);
	default: return false;
	}
}

static long long count_named(const struct profile_facts *f, const char *name)
{
	long long n = 0;
	for (size_t i = 0; i < f->events; i++)
		if (strcasecmp(f->event_names[i], name) == 0)
			n += f->event_counts[i];
	return n;
}

static long long count_asked(const struct profile_facts *f, const char *word)
{
	long long n = 0;
	for (size_t i = 0; i < f->questions; i++)
		n += f->question_texts[i] != NULL && contains_nocase(f->question_texts[i], word);
	return n;
}

/* seen: any page seen in 7 days matches; with !=, none is that page. */
static bool seen_matches(const struct profile_facts *f, enum rule_op op, const char *want)
{
	for (size_t i = 0; i < f->pages_seen; i++)
		if (compare_text(f->page_urls[i], op == OP_NE ? OP_EQ : op, want))
			return op != OP_NE;
	return op == OP_NE;
}

static bool clause_matches(const struct rule_clause *c, const struct profile_facts *f)
{
	switch (c->field) {
	case FIELD_ORDERS: return compare_number(f->orders, c->op, c->number);
	case FIELD_VISITS: return compare_number(f->visits, c->op, c->number);
	case FIELD_VISITS_7D: return compare_number(f->visits_7d, c->op, c->number);
	case FIELD_EVENT: return compare_number(count_named(f, c->arg), c->op, c->number);
	case FIELD_ASKED: return compare_number(count_asked(f, c->arg), c->op, c->number);
	case FIELD_PLAN: return compare_text(f->plan, c->op, c->text);
	case FIELD_PAGE: return compare_text(f->page, c->op, c->text);
	case FIELD_TOPIC: return compare_text(f->topic, c->op, c->text);
	case FIELD_SITE: return compare_text(f->site, c->op, c->text);
	case FIELD_CUSTOMER: return (f->customer == (c->number != 0)) == (c->op == OP_EQ);
	case FIELD_FROM: return compare_text(f->came_from, c->op, c->text);
	case FIELD_SEEN: return seen_matches(f, c->op, c->text);
	}
	return false;
}

bool profile_rule_matches(const struct rule_condition *cond, const struct profile_facts *facts)
{
	for (size_t i = 0; i < cond->count; i++)
		if (!clause_matches(&cond->clauses[i], facts))
			return false;
	return cond->count > 0;
}
