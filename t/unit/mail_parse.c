/* Unit tests of lib/mail_parse.c and lib/mail_text.c on the fuzz seeds
 * (t/fuzz/corpus/mail_parse/): what an incoming message becomes. Run from
 * the project root, as `make test` does. */
#include <stdio.h>
#include <stdlib.h>

#include "mail_parse.h"
#include "mail_text.h"
#include "pool.h"
#include "tap.h"

static const struct mail_parse_limits limits = { .max_parts = 100, .max_depth = 8,
						 .max_headers = 500 };

static char *slurp(struct pool *pool, const char *name, size_t *len)
{
	char path[256];
	snprintf(path, sizeof path, "t/fuzz/corpus/mail_parse/%s", name);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		printf("# cannot open %s\n", path);
		*len = 0;
		return "";
	}
	char *data = pool_alloc(pool, 1 << 20);
	*len = fread(data, 1, (1 << 20) - 1, f);
	fclose(f);
	return data;
}

static int parse(struct pool *pool, const char *name, struct mail_in *m, const char **error)
{
	size_t len;
	char *raw = slurp(pool, name, &len);
	return mail_parse(pool, raw, len, &limits, m, error);
}

int main(void)
{
	struct pool *pool = pool_new();
	struct mail_in m;
	const char *error;

	ok(parse(pool, "plain.eml", &m, &error) == 0, "a plain message parses");
	is_str(m.from_address, "vera@example.com", "its sender's address");
	is_str(m.from_name, "Vera Visitor", "and name");
	is_str(m.subject, "Where is my order?", "the subject");
	is_str(m.message_id, "v1@mail.example.com", "the Message-ID without <>");
	is_str(m.text, "Hello,\n\nmy order 4711 has not arrived.\n\nVera\n", "the text, with \\n line ends");
	ok(!mail_is_automatic(&m), "a person wrote it");

	ok(parse(pool, "multipart-alternative.eml", &m, &error) == 0, "multipart/alternative parses");
	is_str(m.from_name, "Ren\xc3\xa9" "e M\xc3\xbcller", "an ISO-8859-1 Q-encoded name");
	is_str(m.subject, "R\xc3\xa9ponse \xc3\xa0 votre question",
	       "encoded words joined across a fold, the space between them dropped");
	is_str(m.in_reply_to, "0123456789abcdef0123456789abcdef@baton.test", "In-Reply-To");
	is_str(m.references, "a@x.example 0123456789abcdef0123456789abcdef@baton.test",
	       "References, folded");
	is_str(m.text, "Danke sch\xc3\xb6n, das hat geholfen. Wirklich.\n\nAm 5.12.2026 schrieb Baton:\n"
		       "> Ihre Bestellung\n> ist unterwegs.",
	       "the plain part, quoted-printable with a soft break, from Latin-1");
	is_str(mail_strip_quote(pool, m.text), "Danke sch\xc3\xb6n, das hat geholfen. Wirklich.",
	       "the reply's own words, without the quote and its 'schrieb:' line");

	ok(parse(pool, "html-only.eml", &m, &error) == 0, "an HTML-only message parses");
	is_str(m.text, "Hi there & welcome\nSecond line \xe2\x80\x93 dash\n\n- one\n- two\n",
	       "HTML as text: no style or script, breaks, entities, list items");

	ok(parse(pool, "nested-attachments.eml", &m, &error) == 0, "nested multiparts parse");
	is_str(m.text, "See the picture.", "the text from inside the inner alternative");
	ok(m.attachment_count == 2, "two attachments (%zu)", m.attachment_count);
	if (m.attachment_count == 2) {
		is_str(m.attachments[0].filename, "\xc3\xa9" "cran 1.png", "an RFC 2231 file name");
		is_str(m.attachments[0].content_type, "image/png", "its type");
		ok(m.attachments[0].len == 70 && (unsigned char)m.attachments[0].data[0] == 0x89,
		   "its bytes, from base64 (%zu)", m.attachments[0].len);
		is_str(m.attachments[1].filename, "long-name-continued.pdf", "a continued file name");
	}

	ok(parse(pool, "autoreply.eml", &m, &error) == 0, "an auto-reply parses");
	ok(mail_is_automatic(&m), "and is recognised as automatic");

	ok(parse(pool, "bounce-exim.eml", &m, &error) == 0, "exim's bounce parses");
	ok(m.delivery_report && m.delivery_failed, "it is a failed delivery report");
	is_str(m.failed_recipient, "x@bounce.test", "the recipient that failed");
	is_str(m.delivery_status, "5.0.0", "the status");
	ok(mail_is_automatic(&m), "a bounce is automatic");

	ok(parse(pool, "broken.eml", &m, &error) == -1, "junk is refused");
	is_str(error, "no header", "with a reason");
	ok(parse(pool, "bad-boundary.eml", &m, &error) == 0, "an empty boundary is survived");

	/* Limits. */
	char *deep = pool_alloc(pool, 20000);
	size_t n = (size_t)snprintf(deep, 20000, "From: a@b.example\n");
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(deep + n, 20000 - n,
				      "Content-Type: multipart/mixed; boundary=\"d%d\"\n\n--d%d\n", i, i);
	ok(mail_parse(pool, deep, n, &limits, &m, &error) == -1, "nesting past the limit is refused");
	is_str(error, "MIME parts nested too deeply", "and said so");

	/* Decoders on their own. */
	size_t len;
	char *t = mail_to_utf8(pool, "no-such-charset", "caf\xe9", 4, &len);
	is_str(t, "caf\xc3\xa9", "an unknown charset: Windows-1252 when not UTF-8");
	t = mail_to_utf8(pool, "utf-8", "a\xff" "b\r\nc\x01", 7, &len);
	is_str(t, "a\xef\xbf\xbd" "b\nc", "invalid UTF-8 as U+FFFD, CRLF as LF, controls dropped");
	t = mail_decode_header(pool, "=?utf-8?q?a_b?= =?utf-8?q?c?= plain =?x?y?z?=");
	is_str(t, "a bc plain =?x?y?z?=", "Q words, space between words, a bad word kept as text");
	t = mail_decode_base64(pool, "aGVs\nbG8=", 9, &len);
	ok(len == 5 && memcmp(t, "hello", 5) == 0, "base64 across a line break");

	pool_free(pool);
	return done_testing();
}
