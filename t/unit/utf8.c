/* Unit tests of lib/utf8.c: the well-formedness table of RFC 3629. */
#include "tap.h"
#include "utf8.h"

static int valid(const char *s) { return utf8_valid(s, strlen(s)); }

int main(void)
{
	ok(valid("plain ascii"), "ASCII is valid");
	ok(valid("gr\xc3\xbc\xc3\x9f dich"), "two-byte sequences are valid");
	ok(valid("\xe2\x82\xac"), "the euro sign is valid");
	ok(valid("\xf0\x9f\x98\x80"), "an emoji (four bytes) is valid");
	ok(!valid("\xc0\xaf"), "an overlong slash is refused");
	ok(!valid("\xe0\x80\xaf"), "a three-byte overlong is refused");
	ok(!valid("\xed\xa0\x80"), "a UTF-16 surrogate is refused");
	ok(!valid("\xf4\x90\x80\x80"), "code points past U+10FFFF are refused");
	ok(!valid("\xff"), "0xFF is refused");
	ok(!valid("abc\xe2\x82"), "a truncated sequence is refused");
	ok(!valid("\x80"), "a lone continuation byte is refused");
	ok(!utf8_valid("a\0b", 3), "a NUL byte is refused");
	ok(utf8_length("gr\xc3\xbc\xc3\x9f", 6) == 4, "length counts code points");
	return done_testing();
}
