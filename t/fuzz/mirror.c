/* Fuzz harness for the mirror message check (lib/mirror.c): the input is a
 * message body as a browser would post it, checked as sent by each kind of
 * participant. Seeds: t/fuzz/corpus/mirror/. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mirror.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	static const char *const kinds[] = { "visitor", "agent", "supervisor" };
	for (size_t k = 0; k < 3; k++) {
		bool forbidden;
		mirror_check(copy, size, kinds[k], &forbidden);
	}
	free(copy);
	return 0;
}
