/* prompts.h - the recorded words and tones the dialer plays: every
 * NAME.sln (16-bit linear, 8 kHz, mono) of a directory, made at build
 * time by tools/make-prompts from prompts/en.txt with espeak-ng and sox. */
#ifndef BATON_PROMPTS_H
#define BATON_PROMPTS_H

#include <stddef.h>

#include "sipua.h"

struct prompts;

/* Loads the directory; NULL with a reason in err when it cannot be read or
 * holds no prompts. */
struct prompts *prompts_load(const char *dir, char *err, size_t errlen);
void prompts_free(struct prompts *p);
/* The sound of that name, or NULL (after a warning in the log). */
const struct sound *prompts_get(const struct prompts *p, const char *name);
/* A number as words ("n7"); beyond the largest recorded, NULL. */
const struct sound *prompts_number(const struct prompts *p, long long n);

#endif
