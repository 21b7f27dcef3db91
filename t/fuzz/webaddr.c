/* Fuzzes the frame check's URL parser and address classifier
 * (lib/webaddr.c). Promises: a parsed URL has the scheme http or https, a
 * non-empty lower-case host without / ? # @ (an IPv6 literal that parses as
 * one), a port from 1 to 65535, and the URL starts with scheme:// . The
 * fuzzer's first 16 bytes are also read as an IPv6 and an IPv4 address:
 * an IPv6 address carrying an IPv4 one (::ffff:0:0/96, 64:ff9b::/96,
 * 2002::/16) is public exactly when that IPv4 address is, and loopback,
 * private, link-local and documentation addresses never are. */
#include <arpa/inet.h>
#include <ctype.h>

#include "fuzz.h"
#include "webaddr.h"

static void check_url(const char *url)
{
	struct web_target t;
	if (!webaddr_parse(url, &t))
		return;
	FUZZ_CHECK(strcmp(t.scheme, "http") == 0 || strcmp(t.scheme, "https") == 0);
	FUZZ_CHECK(strncmp(url, t.scheme, strlen(t.scheme)) == 0);
	FUZZ_CHECK(strncmp(url + strlen(t.scheme), "://", 3) == 0);
	FUZZ_CHECK(t.host[0] != '\0' && strpbrk(t.host, "/?#@") == NULL);
	for (const char *c = t.host; *c; c++)
		FUZZ_CHECK(!isupper((unsigned char)*c));
	FUZZ_CHECK(t.port >= 1 && t.port <= 65535);
	if (t.ipv6_literal) {
		struct in6_addr a;
		FUZZ_CHECK(inet_pton(AF_INET6, t.host, &a) == 1);
	}
}

static void check_addresses(const uint8_t *b)
{
	struct in_addr v4;
	memcpy(&v4.s_addr, b + 12, 4);
	bool v4_public = webaddr_ipv4_is_public(&v4);
	struct in6_addr a;
	/* The same IPv4 address inside each IPv6 form that carries one. */
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };
	static const uint8_t nat64[12] = { 0x00, 0x64, 0xFF, 0x9B };
	memcpy(a.s6_addr, mapped, 12);
	memcpy(a.s6_addr + 12, b + 12, 4);
	FUZZ_CHECK(webaddr_ipv6_is_public(&a) == v4_public);
	memcpy(a.s6_addr, nat64, 12);
	FUZZ_CHECK(webaddr_ipv6_is_public(&a) == v4_public);
	memset(a.s6_addr, 0, 16);
	a.s6_addr[0] = 0x20;
	a.s6_addr[1] = 0x02;
	memcpy(a.s6_addr + 2, b + 12, 4);
	memcpy(a.s6_addr + 6, b, 10);
	FUZZ_CHECK(webaddr_ipv6_is_public(&a) == v4_public);
	uint32_t v = ntohl(v4.s_addr);
	if ((v >> 24) == 127 || (v >> 24) == 10 || (v >> 16) == 0xC0A8 || (v >> 20) == 0xAC1
	    || (v >> 16) == 0xA9FE || (v >> 8) == 0xC00002 || (v >> 8) == 0xC63364 || (v >> 8) == 0xCB0071
	    || (v >> 17) == (0xC612 >> 1))
		FUZZ_CHECK(!v4_public);
	/* Any IPv6 address: loopback, link-local and unique local never pass. */
	memcpy(a.s6_addr, b, 16);
	bool public6 = webaddr_ipv6_is_public(&a);
	if ((b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) || b[0] == 0xFF)
		FUZZ_CHECK(!public6);
	struct sockaddr_in6 sa6 = { .sin6_family = AF_INET6, .sin6_addr = a };
	FUZZ_CHECK(webaddr_is_public((struct sockaddr *)&sa6) == public6);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *url = fuzz_string(data, size);
	check_url(url);
	if (size >= 16)
		check_addresses(data);
	free(url);
	return 0;
}
