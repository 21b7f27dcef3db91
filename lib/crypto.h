/* crypto.h - tokens, hashes and password storage, all from OpenSSL. */
#ifndef BATON_CRYPTO_H
#define BATON_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

enum {
	TOKEN_BYTES = 32,
	TOKEN_HEX_LEN = 2 * TOKEN_BYTES,     /* 64 characters, no NUL */
	PASSWORD_HASH_MAX = 200,
};

/* Fills buf with n cryptographically strong random bytes; -1 on failure. */
int crypto_random(void *buf, size_t n);
/* A fresh random token as 64 lowercase hex characters plus NUL. */
int crypto_token(char out[TOKEN_HEX_LEN + 1]);
/* A random public identifier (for URLs): 32 lowercase hex characters. */
int crypto_public_id(char out[33]);
/* True when s is exactly 32 lowercase hex characters. */
bool crypto_is_public_id(const char *s);
/* SHA-256 of s as 64 lowercase hex characters plus NUL. */
void crypto_sha256_hex(const char *s, char out[TOKEN_HEX_LEN + 1]);
/* HMAC-SHA256 of message under key, as 64 lowercase hex characters. */
void crypto_hmac_sha256_hex(const char *key, const char *message, char out[TOKEN_HEX_LEN + 1]);
/* Constant-time comparison of two NUL-terminated strings. */
bool crypto_equal(const char *a, const char *b);
/* True when s is exactly 64 lowercase hex characters. */
bool crypto_is_token(const char *s);

/* "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX"; -1 on failure. */
int crypto_password_hash(const char *password, int iterations, char out[PASSWORD_HASH_MAX]);
/* 1 when password matches stored, 0 when not, -1 when stored is malformed. */
int crypto_password_verify(const char *password, const char *stored);
/* Does the same work as a verification, for unknown accounts, so that the
 * response time does not reveal whether an account exists. */
void crypto_password_burn(const char *password, int iterations);

#endif
