/* fuzz.h - what the libFuzzer harnesses in t/fuzz/ share. Each harness
 * (t/fuzz/NAME.c) feeds one parser of outside input with libFuzzer's data
 * and checks what the parser promises, not only that it does not crash; a
 * broken promise aborts, which libFuzzer reports as a crash. See README. */
#ifndef BATON_FUZZ_H
#define BATON_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fuzzer's bytes as a NUL-terminated string (cut at the first NUL, as
 * every text Baton parses reaches it). Free it. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#define FUZZ_CHECK(cond)                                                              \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, \
				#cond);                                               \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif
