/* Fuzz harness for what people type for two-factor sign-in (lib/totp.c):
 * the input, split at its first NUL byte into a code and a base32 secret,
 * goes through totp_check() (the code as typed at sign-in, against the
 * secret, and against a known one) and totp_base32_decode(). Seeds:
 * t/fuzz/corpus/totp/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "totp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 2);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = copy[size + 1] = '\0';
	const char *code = copy;
	const char *secret = code + strlen(code) + 1;
	if (secret > copy + size)
		secret = copy + size;
	totp_check("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", code, 59, 0);
	totp_check(secret, code, 1111111109, -1);
	unsigned char out[TOTP_BASE32_MAX];
	totp_base32_decode(secret, out, sizeof out);
	totp_base32_decode(code, out, 3);
	free(copy);
	return 0;
}
