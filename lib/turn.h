/* turn.h - TURN credentials by the TURN REST convention (coturn's
 * use-auth-secret): username = "EXPIRY:ID" (EXPIRY in seconds since 1970),
 * password = base64(HMAC-SHA1(secret, username)). The TURN server knows the
 * secret and checks both, and that EXPIRY has not passed when a relay is
 * allocated (a relay already allocated lives on). Nothing is stored: any
 * app host mints them. Calls between participants (cgi-bin/call.c) and
 * baton-admin use it; so may anything else that needs a relay. */
#ifndef BATON_TURN_H
#define BATON_TURN_H

#include <stdbool.h>

#include "buf.h"

struct config;

enum { TURN_USERNAME_MAX = 128, TURN_PASSWORD_MAX = 32 };

/* Fills username and password for id, valid until expires_at (seconds since
 * 1970). id: letters, digits, '-', '_' and '.', at most 64. Returns 0, or -1
 * for a bad id or secret. */
int turn_rest_credential(const char *secret, long long expires_at, const char *id,
			 char username[TURN_USERNAME_MAX], char password[TURN_PASSWORD_MAX]);

/* Whether baton.conf names TURN servers and their secret. */
bool turn_configured(const struct config *cfg);

/* The RTCPeerConnection iceServers for id as a JSON array: the STUN servers
 * of stun_urls, and the TURN servers of turn_urls with a credential valid
 * for turn_credential_seconds from now (seconds since 1970). *expires_at
 * gets its expiry (0 without TURN). Returns 0, or -1 for a bad id. */
int turn_ice_servers_json(const struct config *cfg, long long now, const char *id,
			  struct buf *out, long long *expires_at);

#endif
