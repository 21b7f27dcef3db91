/* Fuzz harness for lib/sdp.c: session descriptions from any party. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sdp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size + 1);
	if (body == NULL)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	struct sdp_audio a;
	if (sdp_parse(body, &a) == 0) {
		sdp_choose_codec(&a);
		sdp_answer_direction(a.direction);
	}
	free(body);
	return 0;
}
