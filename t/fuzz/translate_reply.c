/* Fuzz harness: lib/translate.c's parser of the translation engine's
 * answer (translate_reply_parse). */
#include <stddef.h>
#include <stdint.h>

#include "translate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out;
	buf_init(&out);
	translate_reply_parse((const char *)data, size, &out);
	buf_free(&out);
	return 0;
}
