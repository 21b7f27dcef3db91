/* Fuzz harness for opening hours as an administrator types them
 * (desk_hours_parse() in lib/admin_desk.c): the input is one day's text.
 * Seeds: t/fuzz/corpus/hours/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "admin_desk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct desk_range ranges[DESK_RANGES_A_DAY];
	int count;
	size_t bad_at, bad_len;
	if (desk_hours_parse(text, ranges, &count, &bad_at, &bad_len) == 0) {
		for (int i = 0; i < count; i++)
			if (ranges[i].opens < 0 || ranges[i].closes > 24 * 60 || ranges[i].opens >= ranges[i].closes)
				abort();
	} else if (bad_at + bad_len > strlen(text)) {
		abort();
	}
	free(text);
	return 0;
}
