/* Fuzz harness for lib/calling_hours.c: calling hours as typed into
 * baton-admin or an admin page, and the checks the dialer runs on them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "calling_hours.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct hours_span spans[CALLING_HOURS_MAX];
	const char *error;
	int n = calling_hours_parse(text, spans, CALLING_HOURS_MAX, &error);
	if (n >= 0) {
		struct buf out;
		buf_init(&out);
		calling_hours_format(spans, (size_t)n, &out);
		/* What is written reads back the same. */
		struct hours_span again[CALLING_HOURS_MAX];
		if (calling_hours_parse(out.data, again, CALLING_HOURS_MAX, &error) != n)
			abort();
		calling_hours_open(spans, (size_t)n, "UTC", 1700000000);
		calling_hours_next_open(spans, (size_t)n, "UTC", 1700000000);
		buf_free(&out);
	}
	calling_hours_zone_valid(text);
	free(text);
	return 0;
}
