/* totp.c - RFC 6238 (Appendix B) and RFC 4226 (Appendix D) vectors, base32,
 * and the checks people's codes go through. */
#include <string.h>

#include "tap.h"
#include "totp.h"

int main(void)
{
	const unsigned char key[] = "12345678901234567890";
	char out[9];
	/* RFC 4226 Appendix D: HOTP values of counters 0..9. */
	static const char *const hotp[] = { "755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489" };
	for (int i = 0; i < 10; i++) {
		totp_hotp(key, 20, (unsigned long long)i, 6, out);
		is_str(out, hotp[i], "RFC 4226 HOTP, counter %d", i);
	}
	/* RFC 6238 Appendix B, SHA1, 8 digits. */
	static const struct { long long t; const char *code; } vectors[] = {
		{ 59, "94287082" }, { 1111111109, "07081804" }, { 1111111111, "14050471" },
		{ 1234567890, "89005924" }, { 2000000000, "69279037" }, { 20000000000LL, "65353130" },
	};
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		totp_hotp(key, 20, (unsigned long long)totp_step(vectors[i].t), 8, out);
		is_str(out, vectors[i].code, "RFC 6238 TOTP at %lld", vectors[i].t);
	}

	char b32[64];
	totp_base32_encode(key, 20, b32, sizeof b32);
	is_str(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "base32 of the RFC's key");
	unsigned char back[32];
	ok(totp_base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", back, sizeof back) == 20
	   && memcmp(back, key, 20) == 0, "decoding ignores case and spaces");
	ok(totp_base32_decode("GEZDGNBV1", back, sizeof back) < 0, "a character outside base32 is refused");
	ok(totp_base32_decode("MY======", back, sizeof back) == 1 && back[0] == 'f', "padding is allowed");

	/* At t = 59 the code of step 1 is 287082 (6 digits of 94287082). */
	ok(totp_check(b32, "287082", 59, 0) == 1, "the code of now is accepted");
	ok(totp_check(b32, "287 082", 59, 0) == 1, "with a space typed in it");
	ok(totp_check(b32, "755224", 59, -1) == 0, "the code of the step before (a slow clock)");
	ok(totp_check(b32, "359152", 59, 0) == 2, "and of the step after");
	ok(totp_check(b32, "969429", 59, 0) == -1, "not two steps away");
	ok(totp_check(b32, "287082", 59, 1) == -1, "a code already used is refused");
	ok(totp_check(b32, "28708", 59, 0) == -1, "five digits are refused");
	ok(totp_check(b32, "2870821", 59, 0) == -1, "seven too");
	ok(totp_check(b32, "28708a", 59, 0) == -1, "letters too");
	ok(totp_check("!!", "287082", 59, 0) == -1, "a broken secret matches nothing");
	return done_testing();
}
