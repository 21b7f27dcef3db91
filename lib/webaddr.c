/* webaddr.c - parsing outside web addresses and classifying IP addresses
 * (see webaddr.h). The ranges are those of the IANA special-purpose
 * address registries (RFC 6890 and its updates) that are not globally
 * reachable. */
#include "webaddr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool webaddr_parse(const char *url, struct web_target *t)
{
	const char *p;
	memset(t, 0, sizeof *t);
	if (strncmp(url, "https://", 8) == 0) {
		snprintf(t->scheme, sizeof t->scheme, "https");
		t->port = 443;
		p = url + 8;
	} else if (strncmp(url, "http://", 7) == 0) {
		snprintf(t->scheme, sizeof t->scheme, "http");
		t->port = 80;
		p = url + 7;
	} else {
		return false;
	}
	if (memchr(p, '@', strcspn(p, "/?#")) != NULL)
		return false;
	t->ipv6_literal = *p == '[';
	if (t->ipv6_literal)
		p++;
	size_t n = strcspn(p, t->ipv6_literal ? "]/?#" : ":/?#");
	if (n == 0 || n >= sizeof t->host || (t->ipv6_literal && p[n] != ']'))
		return false;
	for (size_t i = 0; i < n; i++)
		t->host[i] = (char)tolower((unsigned char)p[i]);
	t->host[n] = '\0';
	const char *rest = p + n + t->ipv6_literal;
	struct in6_addr a6;
	if (t->ipv6_literal && inet_pton(AF_INET6, t->host, &a6) != 1)
		return false;
	if (*rest == ':') {
		const char *digits = rest + 1;
		size_t len = strspn(digits, "0123456789");
		if (len == 0 || len > 5 || (digits[len] && strchr("/?#", digits[len]) == NULL))
			return false;
		long port = strtol(digits, NULL, 10);
		if (port < 1 || port > 65535)
			return false;
		t->port = (int)port;
	} else if (*rest && strchr("/?#", *rest) == NULL) {
		return false;
	}
	return true;
}

bool webaddr_host_is_ascii(const char *host)
{
	for (const unsigned char *p = (const unsigned char *)host; *p; p++)
		if (*p < 0x21 || *p > 0x7E)
			return false;
	return true;
}

struct v4_range {
	uint32_t net;
	int bits;
};

/* Not globally reachable, or not unicast. */
static const struct v4_range v4_special[] = {
	{ 0x00000000, 8 },  /* 0.0.0.0/8 "this network" */
	{ 0x0A000000, 8 },  /* 10.0.0.0/8 private */
	{ 0x64400000, 10 }, /* 100.64.0.0/10 shared address space (CGN) */
	{ 0x7F000000, 8 },  /* 127.0.0.0/8 loopback */
	{ 0xA9FE0000, 16 }, /* 169.254.0.0/16 link-local */
	{ 0xAC100000, 12 }, /* 172.16.0.0/12 private */
	{ 0xC0000000, 24 }, /* 192.0.0.0/24 IETF protocol assignments */
	{ 0xC0000200, 24 }, /* 192.0.2.0/24 documentation (TEST-NET-1) */
	{ 0xC0586300, 24 }, /* 192.88.99.0/24 6to4 relay anycast (deprecated) */
	{ 0xC0A80000, 16 }, /* 192.168.0.0/16 private */
	{ 0xC6120000, 15 }, /* 198.18.0.0/15 benchmarking */
	{ 0xC6336400, 24 }, /* 198.51.100.0/24 documentation (TEST-NET-2) */
	{ 0xCB007100, 24 }, /* 203.0.113.0/24 documentation (TEST-NET-3) */
	{ 0xE0000000, 4 },  /* 224.0.0.0/4 multicast */
	{ 0xF0000000, 4 },  /* 240.0.0.0/4 reserved, and the broadcast address */
};

bool webaddr_ipv4_is_public(const struct in_addr *a)
{
	uint32_t v = ntohl(a->s_addr);
	for (size_t i = 0; i < sizeof v4_special / sizeof v4_special[0]; i++) {
		uint32_t mask = 0xFFFFFFFFu << (32 - v4_special[i].bits);
		if ((v & mask) == v4_special[i].net)
			return false;
	}
	return true;
}

static bool embedded_v4_public(const unsigned char *b)
{
	struct in_addr a;
	memcpy(&a.s_addr, b, 4);
	return webaddr_ipv4_is_public(&a);
}

static bool has_prefix(const unsigned char *b, const unsigned char *prefix, int bits)
{
	int whole = bits / 8, rest = bits % 8;
	if (memcmp(b, prefix, (size_t)whole) != 0)
		return false;
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xFF << (8 - rest));
	return (b[whole] & mask) == (prefix[whole] & mask);
}

bool webaddr_ipv6_is_public(const struct in6_addr *a)
{
	const unsigned char *b = a->s6_addr;
	static const unsigned char zero[16];
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };
	static const unsigned char nat64[12] = { 0x00, 0x64, 0xFF, 0x9B };
	static const unsigned char nat64_local[6] = { 0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01 };
	static const unsigned char discard[8] = { 0x01, 0x00 };
	static const unsigned char ietf[4] = { 0x20, 0x01, 0x00, 0x00 };
	static const unsigned char documentation[4] = { 0x20, 0x01, 0x0D, 0xB8 };
	static const unsigned char documentation2[3] = { 0x3F, 0xFF, 0x00 };
	static const unsigned char srv6[2] = { 0x5F, 0x00 };
	static const unsigned char six_to_four[2] = { 0x20, 0x02 };

	/* ::/96: unspecified, loopback, IPv4-compatible (deprecated). */
	if (memcmp(b, zero, 12) == 0)
		return false;
	/* Forms that carry an IPv4 address: as public as that address. */
	if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
		return embedded_v4_public(b + 12);        /* ::ffff:0:0/96, 64:ff9b::/96 */
	if (has_prefix(b, six_to_four, 16))
		return embedded_v4_public(b + 2);         /* 2002::/16 6to4 */
	if (has_prefix(b, nat64_local, 48)            /* 64:ff9b:1::/48 local NAT64 */
	    || has_prefix(b, discard, 64)             /* 100::/64 discard-only */
	    || has_prefix(b, ietf, 23)                /* 2001::/23 IETF (Teredo, ORCHID...) */
	    || has_prefix(b, documentation, 32)       /* 2001:db8::/32 documentation */
	    || has_prefix(b, documentation2, 20)      /* 3fff::/20 documentation */
	    || has_prefix(b, srv6, 16))               /* 5f00::/16 SRv6 SIDs */
		return false;
	if ((b[0] & 0xFE) == 0xFC)                    /* fc00::/7 unique local */
		return false;
	if (b[0] == 0xFE && (b[1] & 0x80) == 0x80)    /* fe80::/10 link-, fec0::/10 site-local */
		return false;
	if (b[0] == 0xFF)                             /* ff00::/8 multicast */
		return false;
	return true;
}

bool webaddr_is_public(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return webaddr_ipv4_is_public(&((const struct sockaddr_in *)sa)->sin_addr);
	if (sa->sa_family == AF_INET6)
		return webaddr_ipv6_is_public(&((const struct sockaddr_in6 *)sa)->sin6_addr);
	return false;
}
