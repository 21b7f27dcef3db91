/* Unit tests of lib/mime.c: the exact bytes of the messages Baton sends,
 * and what it refuses to put in a header. */
#include "mime.h"
#include "tap.h"

static const time_t when = 1796522715; /* Sun, 06 Dec 2026 02:05:15 UTC */

static void text_only(void)
{
	struct mime_message m = {
		.from_name = "Demo Shop", .from_address = "help@baton.test",
		.to_name = "Vera Visitor", .to_address = "vera@example.com",
		.subject = "Your transcript", .message_id = "abc123@baton.test", .date = when,
		.auto_submitted = "auto-generated", .text = "Hello Vera,\nline two\n",
	};
	struct buf b;
	buf_init(&b);
	int rc = mime_build(&m, &b);
	ok(rc == 0, "a plain text message builds");
	is_str(b.data,
	       "Date: Sun, 06 Dec 2026 02:05:15 +0000\r\n"
	       "From: Demo Shop <help@baton.test>\r\n"
	       "To: Vera Visitor <vera@example.com>\r\n"
	       "Subject: Your transcript\r\n"
	       "Message-ID: <abc123@baton.test>\r\n"
	       "Auto-Submitted: auto-generated\r\n"
	       "MIME-Version: 1.0\r\n"
	       "Content-Type: text/plain; charset=UTF-8\r\n"
	       "Content-Transfer-Encoding: quoted-printable\r\n"
	       "\r\n"
	       "Hello Vera,\r\n"
	       "line two\r\n",
	       "text only: headers, then the quoted-printable body with CRLF line ends");
	buf_free(&b);
}

static void reply_with_alternatives(void)
{
	struct mime_message m = {
		.from_name = "Zo\xc3\xab \xc3\x84gent", .from_address = "help@baton.test",
		.to_name = "O'Brien, Pat", .to_address = "pat@example.com",
		.reply_to = "reply+0123abcd@baton.test",
		.subject = "R\xc3\xa9ponse \xc3\xa0 votre question sur la commande n\xc2\xb0 4711 "
			   "\xe2\x80\x94 merci beaucoup",
		.message_id = "m2@baton.test", .in_reply_to = "orig@mail.example.com",
		.references = "first@mail.example.com orig@mail.example.com", .date = when,
		.text = "Bonjour,\n\nCaf\xc3\xa9 = 100%  \nend",
		.html = "<p>Caf\xc3\xa9</p>", .boundary = "test",
	};
	struct buf b;
	buf_init(&b);
	int rc = mime_build(&m, &b);
	ok(rc == 0, "a reply with text and HTML builds");
	is_str(b.data,
	       "Date: Sun, 06 Dec 2026 02:05:15 +0000\r\n"
	       "From: =?UTF-8?B?Wm/DqyDDhGdlbnQ=?= <help@baton.test>\r\n"
	       "To: \"O'Brien, Pat\" <pat@example.com>\r\n"
	       "Reply-To: <reply+0123abcd@baton.test>\r\n"
	       "Subject: =?UTF-8?B?UsOpcG9uc2Ugw6Agdm90cmUgcXVlc3Rpb24gc3VyIGxhIGNvbW1h?=\r\n"
	       " =?UTF-8?B?bmRlIG7CsCA0NzExIOKAlCBtZXJjaSBiZWF1Y291cA==?=\r\n"
	       "Message-ID: <m2@baton.test>\r\n"
	       "In-Reply-To: <orig@mail.example.com>\r\n"
	       "References: <first@mail.example.com> <orig@mail.example.com>\r\n"
	       "MIME-Version: 1.0\r\n"
	       "Content-Type: multipart/alternative;\r\n"
	       " boundary=\"=_baton_test_1\"\r\n"
	       "\r\n"
	       "--=_baton_test_1\r\n"
	       "Content-Type: text/plain; charset=UTF-8\r\n"
	       "Content-Transfer-Encoding: quoted-printable\r\n"
	       "\r\n"
	       "Bonjour,\r\n"
	       "\r\n"
	       "Caf=C3=A9 =3D 100% =20\r\n"
	       "end\r\n"
	       "--=_baton_test_1\r\n"
	       "Content-Type: text/html; charset=UTF-8\r\n"
	       "Content-Transfer-Encoding: quoted-printable\r\n"
	       "\r\n"
	       "<p>Caf=C3=A9</p>\r\n"
	       "--=_baton_test_1--\r\n",
	       "encoded name and subject (folded), quoted name, threading headers, alternatives");
	buf_free(&b);
}

static void calendar_attachment(void)
{
	static const char ics[] = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
	struct mime_attachment cal = {
		.content_type = "text/calendar; charset=UTF-8; method=PUBLISH",
		.filename = "appointment.ics", .data = ics, .len = sizeof ics - 1, .inline_part = false,
	};
	struct mime_message m = {
		.from_address = "help@baton.test", .to_address = "vera@example.com",
		.subject = "Your appointment", .message_id = "m3@baton.test", .date = when,
		.auto_submitted = "auto-generated", .text = "See you then.\n",
		.attachments = &cal, .attachment_count = 1, .boundary = "cal",
	};
	struct buf b;
	buf_init(&b);
	int rc = mime_build(&m, &b);
	ok(rc == 0, "a message with a calendar file builds");
	is_str(b.data,
	       "Date: Sun, 06 Dec 2026 02:05:15 +0000\r\n"
	       "From: <help@baton.test>\r\n"
	       "To: <vera@example.com>\r\n"
	       "Subject: Your appointment\r\n"
	       "Message-ID: <m3@baton.test>\r\n"
	       "Auto-Submitted: auto-generated\r\n"
	       "MIME-Version: 1.0\r\n"
	       "Content-Type: multipart/mixed;\r\n"
	       " boundary=\"=_baton_cal_0\"\r\n"
	       "\r\n"
	       "--=_baton_cal_0\r\n"
	       "Content-Type: text/plain; charset=UTF-8\r\n"
	       "Content-Transfer-Encoding: quoted-printable\r\n"
	       "\r\n"
	       "See you then.\r\n"
	       "--=_baton_cal_0\r\n"
	       "Content-Type: text/calendar; charset=UTF-8; method=PUBLISH;\r\n"
	       " name=\"appointment.ics\"\r\n"
	       "Content-Transfer-Encoding: base64\r\n"
	       "Content-Disposition: attachment;\r\n"
	       " filename=\"appointment.ics\"\r\n"
	       "\r\n"
	       "QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=\r\n"
	       "--=_baton_cal_0--\r\n",
	       "multipart/mixed: the text, then the calendar in base64");
	buf_free(&b);
}

static void digest_headers(void)
{
	struct mime_message m = {
		.from_address = "help@baton.test", .to_address = "sue@example.com",
		.subject = "Weekly digest for Demo Shop: waits, missed offers and the pages that "
			   "most often led to help requests this week",
		.message_id = "m4@baton.test", .date = when, .auto_submitted = "auto-generated",
		.list_unsubscribe = "https://help.example.com/unsubscribe?t=0123456789abcdef0123456789abcdef",
		.text = "x",
	};
	struct buf b;
	buf_init(&b);
	int rc = mime_build(&m, &b);
	ok(rc == 0, "a digest builds");
	is_str(b.data,
	       "Date: Sun, 06 Dec 2026 02:05:15 +0000\r\n"
	       "From: <help@baton.test>\r\n"
	       "To: <sue@example.com>\r\n"
	       "Subject: Weekly digest for Demo Shop: waits, missed offers and the pages that\r\n"
	       " most often led to help requests this week\r\n"
	       "Message-ID: <m4@baton.test>\r\n"
	       "Auto-Submitted: auto-generated\r\n"
	       "List-Unsubscribe:\r\n"
	       " <https://help.example.com/unsubscribe?t=0123456789abcdef0123456789abcdef>\r\n"
	       "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
	       "MIME-Version: 1.0\r\n"
	       "Content-Type: text/plain; charset=UTF-8\r\n"
	       "Content-Transfer-Encoding: quoted-printable\r\n"
	       "\r\n"
	       "x\r\n",
	       "a long subject folds at a space; List-Unsubscribe with one-click POST");
	buf_free(&b);
}

static void quoted_printable_lines(void)
{
	struct buf b;
	buf_init(&b);
	char line[81];
	memset(line, 'a', 80);
	line[80] = '\0';
	mime_quoted_printable(&b, line, 80);
	is_str(b.data,
	       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=\r\n"
	       "aaaaa\r\n", "a long line gets a soft break and no line passes 76");
	buf_clear(&b);
	mime_quoted_printable(&b, line, 76);
	ok(b.len == 78 && strchr(b.data, '=') == NULL, "exactly 76 characters need no break");
	buf_clear(&b);
	mime_quoted_printable(&b, "tab\tend\t\r\nx\r\n", 13);
	is_str(b.data, "tab\tend=09\r\nx\r\n", "a tab before a line end is encoded, CRLF kept once");
	buf_clear(&b);
	mime_quoted_printable(&b, "", 0);
	is_str(b.data, "\r\n", "an empty body is one empty line");
	buf_free(&b);
}

static void refusals(void)
{
	struct mime_message base = {
		.from_address = "help@baton.test", .to_address = "vera@example.com",
		.subject = "s", .message_id = "m5@baton.test", .date = when, .text = "x",
	};
	struct buf b;
	buf_init(&b);
	struct mime_message m = base;
	m.to_address = "vera@example.com\r\nBcc: all@example.com";
	int rc = mime_build(&m, &b);
	ok(rc == -1 && b.len == 0, "CR LF in an address is refused, nothing written");
	m = base;
	m.to_address = "Vera <vera@example.com>";
	rc = mime_build(&m, &b);
	ok(rc == -1, "a display name in the address field is refused");
	m = base;
	m.message_id = "a b@baton.test";
	rc = mime_build(&m, &b);
	ok(rc == -1, "a Message-ID with a space is refused");
	m = base;
	m.references = "ok@x.example bad>@x.example";
	rc = mime_build(&m, &b);
	ok(rc == -1 && b.len == 0, "a bad References id is refused, nothing written");
	m = base;
	m.list_unsubscribe = "javascript:alert(1)";
	rc = mime_build(&m, &b);
	ok(rc == -1, "List-Unsubscribe must be a web address");
	m = base;
	m.auto_submitted = "no\r\nX: y";
	rc = mime_build(&m, &b);
	ok(rc == -1, "Auto-Submitted takes only its known values");
	m = base;
	m.subject = "Hi\r\nBcc: all@example.com";
	rc = mime_build(&m, &b);
	ok(rc == 0 && strstr(b.data, "\r\nBcc:") == NULL,
	   "a line break in the subject cannot start a header (it is encoded)");
	ok(mime_address_ok("reply+abc@baton.test") && !mime_address_ok("a@") && !mime_address_ok("@b")
	   && !mime_address_ok("a b@c.d") && !mime_address_ok("a@b,c@d"), "mime_address_ok");
	buf_free(&b);
}

int main(void)
{
	text_only();
	reply_with_alternatives();
	calendar_attachment();
	digest_headers();
	quoted_printable_lines();
	refusals();
	return done_testing();
}
