/* Unit tests of lib/turn.c: TURN REST credentials and the ICE server list. */
#include <string.h>

#include "config.h"
#include "turn.h"
#include "tap.h"

int main(void)
{
	char user[TURN_USERNAME_MAX], pass[TURN_PASSWORD_MAX];
	/* ok() evaluates its condition twice: calls go before it. */
	int rc = turn_rest_credential("north", 1700000000, "baton-42", user, pass);
	ok(rc == 0, "a credential is made");
	is_str(user, "1700000000:baton-42", "the username is EXPIRY:ID");
	/* printf '1700000000:baton-42' | openssl dgst -sha1 -hmac north -binary | base64 */
	is_str(pass, "itTj+MkUJpo13Z3lxY7U0V8mA4o=", "the password is base64(HMAC-SHA1(secret, username))");
	ok(strlen(pass) == 28, "28 characters of base64");
	rc = turn_rest_credential("north", 1700000000, "a:b", user, pass);
	ok(rc == -1, "an id with ':' is refused");
	rc = turn_rest_credential("north", 1700000000, "", user, pass);
	ok(rc == -1, "an empty id is refused");
	rc = turn_rest_credential("", 1700000000, "x", user, pass);
	ok(rc == -1, "an empty secret is refused");

	struct config cfg;
	config_defaults(&cfg);
	struct buf out;
	buf_init(&out);
	long long expires = -1;
	rc = turn_ice_servers_json(&cfg, 1000, "p1", &out, &expires);
	ok(rc == 0 && expires == 0, "without servers: no credential");
	is_str(out.data, "[]", "and no ICE servers");
	snprintf(cfg.stun_urls, sizeof cfg.stun_urls, "stun:127.0.0.1:3478");
	snprintf(cfg.turn_urls, sizeof cfg.turn_urls, " turn:t.example:3478?transport=udp, turns:t.example:5349 ");
	snprintf(cfg.turn_secret, sizeof cfg.turn_secret, "north");
	cfg.turn_credential_seconds = 600;
	buf_clear(&out);
	rc = turn_ice_servers_json(&cfg, 1699999400, "baton-42", &out, &expires);
	ok(rc == 0, "with servers");
	ok(expires == 1700000000, "the credential expires turn_credential_seconds from now");
	is_str(out.data, "[{\"urls\":[\"stun:127.0.0.1:3478\"]},{\"urls\":[\"turn:t.example:3478?transport=udp\","
	       "\"turns:t.example:5349\"],\"username\":\"1700000000:baton-42\",\"credential\":"
	       "\"itTj+MkUJpo13Z3lxY7U0V8mA4o=\"}]", "STUN, then TURN with its credential");
	buf_free(&out);
	return done_testing();
}
