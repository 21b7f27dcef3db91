/* webaddr.h - web addresses from outside: parsing an http(s) URL into
 * scheme, host and port, and telling public internet addresses from every
 * other kind (loopback, private, link-local, documentation, benchmarking,
 * multicast, and IPv6 forms that carry such an IPv4 address inside). The
 * frame check fetches only what these let through. */
#ifndef BATON_WEBADDR_H
#define BATON_WEBADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <sys/socket.h>

struct web_target {
	char scheme[8];        /* "http" or "https" */
	char host[256];        /* lower-cased; an IPv6 literal without brackets */
	bool ipv6_literal;
	int port;
};

/* Parses "http(s)://host[:port][/path...]". Refuses user:password@, an
 * empty or over-long host, a bad port and anything but http and https. */
bool webaddr_parse(const char *url, struct web_target *t);

/* Whether a host name could be a registered domain at all: those are
 * ASCII (international names in their xn-- form). Anything else names no
 * client's site, and must not be compared with the ASCII column. */
bool webaddr_host_is_ascii(const char *host);

/* True only for a globally reachable unicast address. */
bool webaddr_is_public(const struct sockaddr *sa);
bool webaddr_ipv4_is_public(const struct in_addr *a);
bool webaddr_ipv6_is_public(const struct in6_addr *a);

#endif
