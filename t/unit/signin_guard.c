/* Unit tests of the sign-in back-off schedule in lib/signin_guard.c. */
#include "signin_guard.h"
#include "tap.h"

int main(void)
{
	ok(signin_delay(0, 5, 900) == 0, "no wait before any failure");
	ok(signin_delay(4, 5, 900) == 0, "free failures cost nothing");
	ok(signin_delay(5, 5, 900) == 1, "the first counted failure waits a second");
	ok(signin_delay(8, 5, 900) == 8, "each further failure doubles the wait");
	ok(signin_delay(20, 5, 900) == 900, "the wait is capped");
	ok(signin_delay(1000, 5, 900) == 900, "and never overflows");
	return done_testing();
}
