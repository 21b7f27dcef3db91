/* Fuzz harness for the whiteboard's mark parser (lib/mark.c): the input is
 * split at its first two NUL bytes into points, text and tool; each part
 * goes through mark_parse_points() and mark_to_json() as a browser's form
 * would send it. Seeds: t/fuzz/corpus/mark/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mark.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 3);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = copy[size + 1] = copy[size + 2] = '\0';
	const char *points = copy;
	const char *text = points + strlen(points) + 1;
	const char *tool = text <= copy + size ? text + strlen(text) + 1 : copy + size + 1;
	if (tool > copy + size + 2)
		tool = copy + size + 2;

	double xy[2 * MARK_POINTS_MAX];
	size_t count = 0;
	mark_parse_points(points, 10000000.0, xy, &count);
	mark_parse_points(points, 1.0, xy, &count);

	static const char *const modes[] = { "page", "overlay" };
	for (size_t m = 0; m < 2; m++) {
		struct mark_form f = { "fuzz-1", *tool ? tool : "pen", modes[m], "https://shop.example/a",
				       "#12ab9F", points, text, 5 };
		struct buf out;
		buf_init(&out);
		if (mark_to_json(&f, &out) == NULL) {
			char found[16];
			mark_tool_of(out.data, found);
		}
		buf_free(&out);
	}
	char found[16];
	mark_tool_of(copy, found);
	free(copy);
	return 0;
}
