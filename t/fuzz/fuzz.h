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
#include <sys/mman.h>
#include <unistd.h>

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

/* The fuzzer's bytes, exactly, ending where an unreadable page begins: a
 * read past their end faults at once even in code built without the
 * sanitizers (a Debian library), where ASan sees only a read that happens
 * to leave mapped memory. Give it back with fuzz_guarded_free. */
struct fuzz_guarded {
	void *map;
	size_t map_len;
	char *bytes;
};

static inline struct fuzz_guarded fuzz_guarded_copy(const uint8_t *data, size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t data_pages = (size + page - 1) / page;
	struct fuzz_guarded g = { .map_len = (data_pages + 1) * page };
	g.map = mmap(NULL, g.map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g.map == MAP_FAILED || mprotect((char *)g.map + data_pages * page, page, PROT_NONE) != 0)
		abort();
	g.bytes = (char *)g.map + data_pages * page - size;
	if (size > 0)
		memcpy(g.bytes, data, size);
	return g;
}

static inline void fuzz_guarded_free(struct fuzz_guarded g)
{
	munmap(g.map, g.map_len);
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
