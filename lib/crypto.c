/* crypto.c - PBKDF2-HMAC-SHA256 passwords, random tokens, SHA-256. */
#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SALT_BYTES = 16, KEY_BYTES = 32 };

static void to_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	return -1;
}

static int from_hex(const char *in, size_t hexlen, unsigned char *out)
{
	if (hexlen % 2 != 0)
		return -1;
	for (size_t i = 0; i < hexlen / 2; i++) {
		int hi = hex_value(in[2 * i]), lo = hex_value(in[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int crypto_random(void *buf, size_t n)
{
	return RAND_bytes(buf, (int)n) == 1 ? 0 : -1;
}

int crypto_token(char out[TOKEN_HEX_LEN + 1])
{
	unsigned char raw[TOKEN_BYTES];
	if (crypto_random(raw, sizeof raw) != 0)
		return -1;
	to_hex(raw, sizeof raw, out);
	OPENSSL_cleanse(raw, sizeof raw);
	return 0;
}

int crypto_public_id(char out[33])
{
	unsigned char raw[16];
	if (crypto_random(raw, sizeof raw) != 0)
		return -1;
	to_hex(raw, sizeof raw, out);
	return 0;
}

bool crypto_is_public_id(const char *s)
{
	size_t n = 0;
	for (; s[n] != '\0'; n++)
		if (hex_value(s[n]) < 0)
			return false;
	return n == 32;
}

void crypto_sha256_hex(const char *s, char out[TOKEN_HEX_LEN + 1])
{
	unsigned char digest[32];
	unsigned int len = 0;
	EVP_Digest(s, strlen(s), digest, &len, EVP_sha256(), NULL);
	to_hex(digest, sizeof digest, out);
}

void crypto_hmac_sha256_hex(const char *key, const char *message, char out[TOKEN_HEX_LEN + 1])
{
	unsigned char mac[32];
	unsigned int len = 0;
	HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)message, strlen(message),
	     mac, &len);
	to_hex(mac, sizeof mac, out);
}

bool crypto_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return CRYPTO_memcmp(a, b, la) == 0;
}

bool crypto_is_token(const char *s)
{
	size_t n = 0;
	for (; s[n] != '\0'; n++)
		if (hex_value(s[n]) < 0)
			return false;
	return n == TOKEN_HEX_LEN;
}

static int derive(const char *password, const unsigned char *salt, int iterations,
		  unsigned char key[KEY_BYTES])
{
	return PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, SALT_BYTES,
				 iterations, EVP_sha256(), KEY_BYTES, key) == 1 ? 0 : -1;
}

int crypto_password_hash(const char *password, int iterations, char out[PASSWORD_HASH_MAX])
{
	unsigned char salt[SALT_BYTES], key[KEY_BYTES];
	char salt_hex[2 * SALT_BYTES + 1], key_hex[2 * KEY_BYTES + 1];
	if (crypto_random(salt, sizeof salt) != 0 || derive(password, salt, iterations, key) != 0)
		return -1;
	to_hex(salt, sizeof salt, salt_hex);
	to_hex(key, sizeof key, key_hex);
	OPENSSL_cleanse(key, sizeof key);
	snprintf(out, PASSWORD_HASH_MAX, "pbkdf2-sha256$%d$%s$%s", iterations, salt_hex, key_hex);
	return 0;
}

int crypto_password_verify(const char *password, const char *stored)
{
	static const char prefix[] = "pbkdf2-sha256$";
	if (strncmp(stored, prefix, sizeof prefix - 1) != 0)
		return -1;
	const char *p = stored + sizeof prefix - 1;
	char *end;
	long iterations = strtol(p, &end, 10);
	if (end == p || *end != '$' || iterations < 1000 || iterations > 100000000)
		return -1;
	const char *salt_hex = end + 1;
	const char *key_hex = strchr(salt_hex, '$');
	if (key_hex == NULL || key_hex - salt_hex != 2 * SALT_BYTES
	    || strlen(key_hex + 1) != 2 * KEY_BYTES)
		return -1;
	key_hex++;
	unsigned char salt[SALT_BYTES], expected[KEY_BYTES], actual[KEY_BYTES];
	if (from_hex(salt_hex, 2 * SALT_BYTES, salt) != 0
	    || from_hex(key_hex, 2 * KEY_BYTES, expected) != 0
	    || derive(password, salt, (int)iterations, actual) != 0)
		return -1;
	int match = CRYPTO_memcmp(expected, actual, KEY_BYTES) == 0;
	OPENSSL_cleanse(actual, sizeof actual);
	return match;
}

void crypto_password_burn(const char *password, int iterations)
{
	unsigned char salt[SALT_BYTES] = {0}, key[KEY_BYTES];
	derive(password, salt, iterations, key);
}
