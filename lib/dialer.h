/* dialer.h - the dialer: Baton's program on the telephone network. It
 * places the calls of call-backs once an agent has accepted one (the
 * agent's browser or desk phone dials in with a key, then the customer is
 * called and the two are joined), answers the help numbers with the IVR
 * (greeting, menu, holding with position announcements, call-back instead
 * of holding, voice messages, "call us" codes), carries out agents' hold,
 * resume, keypad, requeue and hang-up, and works every client's call-back
 * list: due preferred times, calling hours and the retry rule decide when
 * a call-back is offered to agents (by the one router, like a chat). All
 * it knows lasts in the database; the legs of live calls live in its
 * memory. One dialer per SIP proxy; run by tools/baton-dialer. */
#ifndef BATON_DIALER_H
#define BATON_DIALER_H

#include <signal.h>
#include <stddef.h>

struct config;
struct dialer;

/* Connects nothing yet: loads the prompts and opens the SIP socket. NULL
 * with a reason in err when it cannot. conf_path is re-read for
 * dialer_clock_offset when it changes. */
struct dialer *dialer_new(const struct config *cfg, const char *conf_path, char *err,
			  size_t errlen);
/* Runs until *stop is set; then hangs up every call and returns. */
void dialer_run(struct dialer *d, volatile sig_atomic_t *stop);
void dialer_free(struct dialer *d);

#endif
