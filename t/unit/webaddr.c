/* Unit tests of lib/webaddr.c: parsing web addresses, and which IP
 * addresses the frame check may fetch (only public ones). */
#include <arpa/inet.h>

#include "tap.h"
#include "webaddr.h"

static int public4(const char *text)
{
	struct in_addr a;
	if (inet_pton(AF_INET, text, &a) != 1)
		return -1;
	return webaddr_ipv4_is_public(&a);
}

static int public6(const char *text)
{
	struct in6_addr a;
	if (inet_pton(AF_INET6, text, &a) != 1)
		return -1;
	return webaddr_ipv6_is_public(&a);
}

int main(void)
{
	static const char *const not4[] = { "0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1",
		"100.127.255.254", "127.0.0.1", "127.255.255.254", "169.254.169.254", "172.16.0.1",
		"172.31.255.255", "192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1",
		"198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250",
		"240.0.0.1", "255.255.255.255", NULL };
	for (const char *const *a = not4; *a; a++)
		ok(public4(*a) == 0, "%s is not public", *a);
	static const char *const yes4[] = { "1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.1",
		"172.15.255.255", "172.32.0.1", "192.0.1.1", "192.0.3.1", "198.17.255.255",
		"198.20.0.1", "203.0.114.1", "223.255.255.255", NULL };
	for (const char *const *a = yes4; *a; a++)
		ok(public4(*a) == 1, "%s is public", *a);

	static const char *const not6[] = { "::", "::1", "::127.0.0.1", "::ffff:127.0.0.1",
		"::ffff:10.1.2.3", "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::c0a8:101",
		"64:ff9b:1::1", "100::1", "2001::1", "2001:db8::1", "2001:10::1", "2002:7f00:1::1",
		"2002:a00:1::", "2002:c0a8:101::1", "2002:c612:1::", "3fff::1", "5f00::1", "fc00::1",
		"fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", NULL };
	for (const char *const *a = not6; *a; a++)
		ok(public6(*a) == 0, "%s is not public", *a);
	static const char *const yes6[] = { "2a00:1450:4001:81b::200e", "2606:4700::6810:84e5",
		"::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2001:200::1", NULL };
	for (const char *const *a = yes6; *a; a++)
		ok(public6(*a) == 1, "%s is public", *a);

	struct web_target t;
	ok(webaddr_parse("https://Shop.Example:8443/a?b#c", &t) && strcmp(t.host, "shop.example") == 0
	   && t.port == 8443 && strcmp(t.scheme, "https") == 0, "scheme, host (lower-cased) and port");
	ok(webaddr_parse("http://[::1]/", &t) && t.ipv6_literal && strcmp(t.host, "::1") == 0
	   && t.port == 80, "an IPv6 literal, the default port");
	static const char *const bad[] = { "ftp://x/", "http://", "http://user@host/", "http://h:0/",
		"http://h:65536/", "http://h:+80/", "http://h: 80/", "http://h:80x/", "http://[::1/",
		"http://[evil]/", "javascript:alert(1)", NULL };
	for (const char *const *u = bad; *u; u++)
		ok(!webaddr_parse(*u, &t), "refused: %s", *u);
	ok(webaddr_host_is_ascii("shop.example") && !webaddr_host_is_ascii("jos\xc3\xa9.example")
	   && !webaddr_host_is_ascii("a b"), "hosts of registered domains are ASCII");
	return done_testing();
}
