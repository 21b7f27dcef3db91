/* turn.c - TURN REST credentials and the browsers' ICE server list. */
#include "turn.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>

#include "config.h"

static bool valid_id(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 64)
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == n;
}

int turn_rest_credential(const char *secret, long long expires_at, const char *id,
			 char username[TURN_USERNAME_MAX], char password[TURN_PASSWORD_MAX])
{
	if (secret == NULL || *secret == '\0' || id == NULL || !valid_id(id) || expires_at < 0)
		return -1;
	snprintf(username, TURN_USERNAME_MAX, "%lld:%s", expires_at, id);
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	if (HMAC(EVP_sha1(), secret, (int)strlen(secret), (const unsigned char *)username,
		 strlen(username), mac, &len) == NULL)
		return -1;
	/* 20 bytes of SHA-1 are 28 characters of base64, with one '='. */
	EVP_EncodeBlock((unsigned char *)password, mac, (int)len);
	return 0;
}

bool turn_configured(const struct config *cfg)
{
	return cfg->turn_urls[0] != '\0' && cfg->turn_secret[0] != '\0';
}

/* The comma-separated URLs of list as a JSON array of strings. */
static void urls_json(const char *list, struct buf *out)
{
	bool first = true;
	buf_putc(out, '[');
	while (*list != '\0') {
		size_t skip = strspn(list, " ,\t");
		list += skip;
		size_t len = strcspn(list, " ,\t");
		if (len == 0)
			break;
		char url[512];
		snprintf(url, sizeof url, "%.*s", (int)(len < sizeof url ? len : sizeof url - 1), list);
		if (!first)
			buf_putc(out, ',');
		buf_json_string(out, url);
		first = false;
		list += len;
	}
	buf_putc(out, ']');
}

int turn_ice_servers_json(const struct config *cfg, long long now, const char *id,
			  struct buf *out, long long *expires_at)
{
	*expires_at = 0;
	bool first = true;
	buf_putc(out, '[');
	if (cfg->stun_urls[0] != '\0') {
		buf_puts(out, "{\"urls\":");
		urls_json(cfg->stun_urls, out);
		buf_putc(out, '}');
		first = false;
	}
	if (turn_configured(cfg)) {
		char username[TURN_USERNAME_MAX], password[TURN_PASSWORD_MAX];
		long long expires = now + cfg->turn_credential_seconds;
		if (turn_rest_credential(cfg->turn_secret, expires, id, username, password) != 0)
			return -1;
		buf_puts(out, first ? "{\"urls\":" : ",{\"urls\":");
		urls_json(cfg->turn_urls, out);
		buf_puts(out, ",\"username\":");
		buf_json_string(out, username);
		buf_puts(out, ",\"credential\":");
		buf_json_string(out, password);
		buf_putc(out, '}');
		*expires_at = expires;
	}
	buf_putc(out, ']');
	return 0;
}
