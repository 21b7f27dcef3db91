/* greetings.h - clients' own greetings ("Thank you for calling Demo Shop"),
 * spoken by espeak-ng for the IVR. A greeting is made the first time a
 * call needs it, in a child process, without holding up the dialer's calls
 * (that first caller hears the recorded generic greeting); afterwards it
 * is kept in memory. */
#ifndef BATON_GREETINGS_H
#define BATON_GREETINGS_H

#include "sipua.h"

struct greetings;

struct greetings *greetings_new(void);
void greetings_free(struct greetings *g);
/* The sound of this text, or NULL while it is being made (or when it
 * cannot be: espeak-ng missing). Starts making it when it is new. */
const struct sound *greetings_get(struct greetings *g, const char *text);
/* Collects finished children (call it from the dialer's pass). */
void greetings_reap(struct greetings *g);

#endif
