/* Fuzz harness for lib/phone_number.c: what visitors type as their number
 * (the first two bytes pick the default country). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phone_number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	char country[3] = { (char)data[0], (char)data[1], 0 };
	char *input = malloc(size - 1);
	if (input == NULL)
		return 0;
	memcpy(input, data + 2, size - 2);
	input[size - 2] = '\0';
	char out[PHONE_E164_MAX + 1];
	const char *error;
	if (phone_normalise(input, country, out, &error) == 0) {
		phone_is_e164(out);
		phone_in_countries(out, "GB,US,DE");
	}
	phone_in_countries(input, country);
	free(input);
	return 0;
}
