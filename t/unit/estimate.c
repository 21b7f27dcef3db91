/* Unit tests of the visitor's estimate (lib/estimate.c): the state of the
 * desk, the wait, and the choices that fit, in every state. */
#include <string.h>

#include "estimate.h"
#include "tap.h"

static struct estimate run(long long signed_in, long long available, long long free_agents,
			   bool seats_full, long long position, long long waited, bool offered)
{
	struct desk_counts d = { signed_in, available, free_agents, seats_full, false, false };
	struct estimate e;
	estimate_compute(&d, position, waited, 0, 0, offered, &e);
	return e;
}

static const char *choices(const struct estimate *e)
{
	static char out[128];
	out[0] = '\0';
	for (size_t i = 0; i < e->choice_count; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, estimate_choice_name(e->choices[i]));
	}
	return out;
}

int main(void)
{
	struct estimate e = run(0, 0, 0, false, 0, 0, false);
	is_str(estimate_state_name(e.state), "nobody", "nobody signed in: nobody");
	ok(e.seconds == -1 && e.words == NULL, "nobody: no wait is made up (not 'about a minute')");
	is_str(choices(&e), "message schedule wait later", "nobody: a message first, waiting last but one");

	e = run(2, 0, 0, false, 0, 0, false);
	is_str(estimate_state_name(e.state), "away", "signed in, none available: away");
	ok(e.seconds == -1 && e.words == NULL, "away: no wait is made up");
	is_str(choices(&e), "message schedule wait later", "away: the same choices as nobody");

	e = run(1, 1, 0, false, 0, 0, false);
	is_str(estimate_state_name(e.state), "busy", "available but at their maximum: busy");
	ok(e.seconds == 330, "busy, nobody ahead: accept (30) + one session (300)");
	is_str(e.words, "about 5 minutes", "in words");
	is_str(choices(&e), "wait schedule message later", "busy: waiting first, then the others");

	e = run(1, 1, 0, false, 2, 0, false);
	ok(e.seconds == 930, "busy, two ahead, one agent: 30 + 3 x 300");
	e = run(3, 2, 0, false, 3, 0, false);
	ok(e.seconds == 630, "busy, three ahead, two agents: 30 + 2 x 300");

	e = run(1, 1, 1, true, 0, 0, false);
	is_str(estimate_state_name(e.state), "busy", "a free agent but every seat taken: busy");

	e = run(1, 1, 1, false, 0, 0, false);
	is_str(estimate_state_name(e.state), "free", "one free: free");
	ok(e.seconds == 30, "free, nobody ahead: only the accept");
	is_str(e.words, "less than a minute", "in words");
	is_str(choices(&e), "wait later", "free: waiting (or cancelling) is all that fits");
	e = run(1, 1, 1, false, 1, 0, false);
	ok(e.seconds == 330, "free, one ahead taking the free agent: one session more");

	e = run(1, 1, 0, false, 0, 200, false);
	ok(e.seconds == 130, "the time waited counts down");
	e = run(1, 1, 0, false, 0, 5000, false);
	ok(e.seconds == 30, "but never below the accept");

	e = run(0, 0, 0, true, 0, 0, true);
	is_str(estimate_state_name(e.state), "free", "offered: an agent is set aside, whatever the desk");
	ok(e.seconds == 30, "only the accept is left");
	ok(estimate_offers(&e, CHOICE_WAIT) && !estimate_offers(&e, CHOICE_MESSAGE), "offered: wait, no message");

	struct desk_counts d = { 1, 1, 0, false, false, false };
	estimate_compute(&d, 0, 0, 12, 120, false, &e);
	ok(e.seconds == 132, "measured averages replace the defaults (12 + 120)");

	/* Where the client takes calls, "Call me back" whenever nobody can
	 * answer now; never when someone is free. */
	struct desk_counts calls = { 0, 0, 0, false, true, false };
	estimate_compute(&calls, 0, 0, 0, 0, false, &e);
	is_str(choices(&e), "message callback schedule wait later", "nobody, calls taken: a call-back after the message");
	calls = (struct desk_counts){ 2, 0, 0, false, true, false };
	estimate_compute(&calls, 0, 0, 0, 0, false, &e);
	is_str(choices(&e), "message callback schedule wait later", "away, calls taken: the same");
	calls = (struct desk_counts){ 1, 1, 0, false, true, false };
	estimate_compute(&calls, 0, 0, 0, 0, false, &e);
	is_str(choices(&e), "wait callback schedule message later", "busy, calls taken: a call-back after waiting");
	calls = (struct desk_counts){ 1, 1, 1, false, true, false };
	estimate_compute(&calls, 0, 0, 0, 0, false, &e);
	is_str(choices(&e), "wait later", "free, calls taken: no call-back, someone answers now");

	/* Outside the desk's opening hours nobody answers, whoever is signed
	 * in and free: an empty desk's state, wait and choices. */
	struct desk_counts closed = { 2, 2, 2, false, false, true };
	estimate_compute(&closed, 0, 0, 0, 0, false, &e);
	is_str(estimate_state_name(e.state), "nobody", "closed at this hour: nobody, though agents are free");
	ok(e.seconds == -1 && e.words == NULL, "closed: no wait is made up");
	is_str(choices(&e), "message schedule wait later", "closed: a message first, as with nobody");
	return done_testing();
}
