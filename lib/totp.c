/* totp.c - HOTP/TOTP and base32 (see totp.h). */
#include "totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

int totp_hotp(const unsigned char *key, size_t key_len, unsigned long long counter, int digits,
	      char *out)
{
	if (digits < 6 || digits > 8)
		return -1;
	unsigned char message[8], mac[EVP_MAX_MD_SIZE];
	unsigned int mac_len = 0;
	for (int i = 7; i >= 0; i--) {
		message[i] = (unsigned char)(counter & 0xff);
		counter >>= 8;
	}
	if (HMAC(EVP_sha1(), key, (int)key_len, message, sizeof message, mac, &mac_len) == NULL
	    || mac_len < 20)
		return -1;
	/* RFC 4226 5.3: dynamic truncation. */
	int offset = mac[mac_len - 1] & 0x0f;
	unsigned long value = ((unsigned long)(mac[offset] & 0x7f) << 24)
			      | ((unsigned long)mac[offset + 1] << 16)
			      | ((unsigned long)mac[offset + 2] << 8) | (unsigned long)mac[offset + 3];
	unsigned long modulo = 1;
	for (int i = 0; i < digits; i++)
		modulo *= 10;
	value %= modulo;
	for (int i = digits - 1; i >= 0; i--) {
		out[i] = (char)('0' + value % 10);
		value /= 10;
	}
	out[digits] = '\0';
	return 0;
}

long long totp_step(long long unix_time)
{
	return unix_time / TOTP_STEP_SECONDS;
}

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void totp_base32_encode(const unsigned char *data, size_t len, char *out, size_t out_size)
{
	size_t o = 0;
	unsigned long buffer = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		buffer = (buffer << 8) | data[i];
		bits += 8;
		while (bits >= 5 && o + 1 < out_size) {
			out[o++] = alphabet[(buffer >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0 && o + 1 < out_size)
		out[o++] = alphabet[(buffer << (5 - bits)) & 31];
	out[o] = '\0';
}

int totp_base32_decode(const char *text, unsigned char *out, size_t out_size)
{
	unsigned long buffer = 0;
	int bits = 0;
	size_t o = 0;
	bool padding = false;
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-')
			continue;
		if (c == '=') {
			padding = true;
			continue;
		}
		if (padding)
			return -1; /* nothing after the padding */
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		const char *at = c ? strchr(alphabet, c) : NULL;
		if (at == NULL)
			return -1;
		buffer = (buffer << 5) | (unsigned long)(at - alphabet);
		bits += 5;
		if (bits >= 8) {
			if (o == out_size)
				return -1;
			out[o++] = (unsigned char)((buffer >> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return (int)o;
}

long long totp_check(const char *secret_base32, const char *code, long long now, long long last_step)
{
	unsigned char key[TOTP_BASE32_MAX];
	int key_len = secret_base32 ? totp_base32_decode(secret_base32, key, sizeof key) : -1;
	if (key_len < 10 || code == NULL)
		return -1;
	/* People type "123 456" or "123-456". */
	char digits[8];
	size_t n = 0;
	for (const char *p = code; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p < '0' || *p > '9' || n == 6)
			return -1;
		digits[n++] = *p;
	}
	if (n != 6)
		return -1;
	digits[6] = '\0';
	long long step = totp_step(now), matched = -1;
	for (long long s = step - 1; s <= step + 1; s++) {
		char expected[9];
		if (s <= last_step || totp_hotp(key, (size_t)key_len, (unsigned long long)s, 6, expected) != 0)
			continue;
		/* Compare every candidate, whatever matched: no early exit. */
		if (CRYPTO_memcmp(expected, digits, 6) == 0 && matched < 0)
			matched = s;
	}
	memset(key, 0, sizeof key);
	return matched;
}
