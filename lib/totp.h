/* totp.h - time-based one-time passwords (RFC 6238 over RFC 4226 HOTP):
 * HMAC-SHA1, 30-second steps, 6 digits, as every authenticator app reads
 * them from an otpauth:// address; secrets travel in base32 (RFC 4648).
 * Pure functions over OpenSSL's HMAC, tested on the RFC's vectors
 * (t/unit/totp.c). */
#ifndef BATON_TOTP_H
#define BATON_TOTP_H

#include <stdbool.h>
#include <stddef.h>

enum { TOTP_SECRET_BYTES = 20, TOTP_STEP_SECONDS = 30, TOTP_BASE32_MAX = 64 };

/* The HOTP value of counter under key, as `digits` decimal digits (6..8)
 * into out (digits + 1 bytes). Returns 0, or -1. */
int totp_hotp(const unsigned char *key, size_t key_len, unsigned long long counter, int digits,
	      char *out);
/* The 30-second step holding unix time t. */
long long totp_step(long long unix_time);

/* Base32 without padding, upper case. out holds 8 * ceil(len / 5) / 5 + 1. */
void totp_base32_encode(const unsigned char *data, size_t len, char *out, size_t out_size);
/* Decodes base32 (case and spaces ignored, '=' padding allowed) into out;
 * returns the byte count, or -1 for anything else. */
int totp_base32_decode(const char *text, unsigned char *out, size_t out_size);

/* Checks a 6-digit code typed by a person against the base32 secret at
 * unix time `now`, allowing one step either side for clocks that drift, and
 * never a step at or before last_step (a code works once). Returns the
 * step that matched, or -1. */
long long totp_check(const char *secret_base32, const char *code, long long now, long long last_step);

#endif
