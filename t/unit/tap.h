/* tap.h - the Test Anything Protocol in a few macros, for prove. */
#ifndef BATON_TAP_H
#define BATON_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

#define ok(cond, ...) do { \
	int passed_ = (cond) ? 1 : 0; /* once: a condition may have effects */ \
	tap_count++; \
	if (!passed_) { tap_failed++; printf("not "); } \
	printf("ok %d - ", tap_count); printf(__VA_ARGS__); putchar('\n'); \
	if (!passed_) printf("#   failed at %s line %d\n", __FILE__, __LINE__); \
} while (0)

#define is_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = (g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0); \
	ok(same_, __VA_ARGS__); \
	if (!same_) printf("#   got: '%s'\n#   expected: '%s'\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

static inline int done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
