/* Unit tests of the overflow rule (lib/overflow.c): off at 0, a level that
 * skips it, a wait past the minutes, and nobody to answer at all. */
#include "overflow.h"
#include "tap.h"

static struct estimate waiting(long long seconds)
{
	struct estimate e = { .seconds = seconds };
	return e;
}

int main(void)
{
	struct estimate long_wait = waiting(20 * 60), short_wait = waiting(2 * 60);
	struct estimate nobody = waiting(-1), exactly = waiting(5 * 60);
	ok(!overflow_due(0, false, &long_wait), "setting 0 (the default): never, however long the wait");
	ok(!overflow_due(0, false, &nobody), "setting 0: never, even with nobody there");
	ok(overflow_due(5, false, &long_wait), "a wait of 20 minutes past a 5-minute setting: overflow");
	ok(!overflow_due(5, false, &short_wait), "a wait of 2 minutes within 5: queued");
	ok(!overflow_due(5, false, &exactly), "a wait of exactly 5 minutes is not over 5: queued");
	ok(overflow_due(5, false, &nobody), "nobody can answer at all: overflow");
	ok(!overflow_due(5, true, &long_wait), "a level that may skip the overflow page: queued");
	ok(!overflow_due(5, true, &nobody), "and with nobody there, queued too");
	return done_testing();
}
