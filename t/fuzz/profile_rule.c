/* Fuzzes profile_rule_parse (lib/profile_rules.c): rule conditions a
 * client's administrator types in the browser's rule editor or gives
 * baton-admin. Promise: it refuses with a message, or gives 1 to 8
 * clauses each with a known field and operator (event: and asked: with a
 * name), and evaluating them against a profile never crashes. */
#include "fuzz.h"
#include "pool.h"
#include "profile_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	struct pool *pool = pool_new();
	struct rule_condition cond;
	const char *error = NULL;
	if (profile_rule_parse(pool, text, &cond, &error) != 0) {
		FUZZ_CHECK(error != NULL && error[0] != '\0');
	} else {
		FUZZ_CHECK(cond.count >= 1 && cond.count <= RULE_CLAUSES_MAX);
		for (size_t i = 0; i < cond.count; i++) {
			const struct rule_clause *c = &cond.clauses[i];
			FUZZ_CHECK(c->field <= FIELD_SEEN && c->op <= OP_CONTAINS);
			FUZZ_CHECK((c->field == FIELD_EVENT || c->field == FIELD_ASKED) == (c->arg != NULL));
			FUZZ_CHECK(c->text != NULL);
		}
		const char *names[] = { "cart" };
		long long counts[] = { 2 };
		const char *asked[] = { "billing please", NULL };
		const char *seen[] = { "https://shop.example/cart", "https://shop.example/pricing" };
		struct profile_facts f = { .customer = true, .plan = "gold", .orders = 3, .visits = 4,
					   .visits_7d = 2, .page = "https://shop.example/pricing",
					   .events = 1, .event_names = names, .event_counts = counts,
					   .questions = 2, .question_texts = asked, .pages_seen = 2,
					   .page_urls = seen, .came_from = seen[1] };
		(void)profile_rule_matches(&cond, &f);
		struct profile_facts empty = { 0 };
		(void)profile_rule_matches(&cond, &empty);
	}
	pool_free(pool);
	free(text);
	return 0;
}
