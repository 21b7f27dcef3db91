/* Unit tests of lib/crypto.c: tokens, hashing, password storage. */
#include "crypto.h"
#include "tap.h"

int main(void)
{
	char a[TOKEN_HEX_LEN + 1], b[TOKEN_HEX_LEN + 1];
	ok(crypto_token(a) == 0 && crypto_token(b) == 0, "tokens are made");
	ok(strlen(a) == 64 && crypto_is_token(a), "a token is 64 hex characters");
	ok(strcmp(a, b) != 0, "two tokens differ");
	ok(!crypto_is_token("ABC"), "short or upper-case strings are not tokens");

	char h[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex("abc", h);
	is_str(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of 'abc'");

	crypto_hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog", h);
	is_str(h, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", "HMAC-SHA256 (RFC 4231 style vector)");

	ok(crypto_equal("same", "same") && !crypto_equal("same", "diff") && !crypto_equal("a", "ab"),
	   "constant-time equality");

	char stored[PASSWORD_HASH_MAX], again[PASSWORD_HASH_MAX];
	ok(crypto_password_hash("correct horse", 100000, stored) == 0, "a password is hashed");
	ok(strncmp(stored, "pbkdf2-sha256$100000$", 21) == 0, "the hash names its KDF and work factor");
	ok(crypto_password_verify("correct horse", stored) == 1, "the right password verifies");
	ok(crypto_password_verify("correct horse!", stored) == 0, "a wrong password does not");
	crypto_password_hash("correct horse", 100000, again);
	ok(strcmp(stored, again) != 0, "salts make two hashes of one password differ");
	ok(crypto_password_verify("x", "plain") == -1, "a malformed hash is reported");
	ok(crypto_password_verify("x", "pbkdf2-sha256$10$aa$bb") == -1, "a weak or short hash is refused");
	return done_testing();
}
