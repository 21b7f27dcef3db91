/* Unit tests of lib/sip_msg.c: requests and responses as Kamailio and
 * phones send them, compact forms, folded lines, parameters, and the
 * malformed messages that must be refused. */
#include "tap.h"
#include "sip_msg.h"

static const char invite[] =
	"INVITE sip:+442079460000@baton.invalid;user=phone SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKabc;rport\r\n"
	"v: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKdef\r\n"
	"Record-Route: <sip:127.0.0.1:5060;lr;ftag=x>, <sip:10.0.0.2;lr>\r\n"
	"Record-Route: <sip:10.0.0.3;lr>\r\n"
	"f: \"Ann, the caller\" <sip:+4420@carrier.invalid>;tag=from1\r\n"
	"To: <sip:+442079460000@baton.invalid>\r\n"
	"i: call-1@host\r\n"
	"CSeq: 101 INVITE\r\n"
	"Contact: <sip:ann@10.0.0.1:5070;transport=udp>\r\n"
	"Subject: folded\r\n"
	" across two lines\r\n"
	"Content-Type: application/sdp\r\n"
	"l: 5\r\n"
	"\r\n"
	"v=0\r\nextra";

int main(void)
{
	struct sip_msg m;
	const char *error;
	ok(sip_parse(&m, invite, sizeof invite - 1, &error) == 0, "an INVITE parses");
	ok(m.is_request, "as a request");
	is_str(m.method, "INVITE", "method");
	is_str(m.uri, "sip:+442079460000@baton.invalid;user=phone", "request URI");
	is_str(m.call_id, "call-1@host", "Call-ID from its compact form");
	ok(m.cseq == 101, "CSeq number");
	is_str(m.cseq_method, "INVITE", "CSeq method");
	is_str(m.via, "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKabc;rport", "the top Via");
	is_str(sip_header(&m, "subject"), "folded   across two lines", "a folded line is joined");
	ok(m.body_len == 5, "the body is Content-Length long");
	is_str(m.body, "v=0\r\n", "and ends there");

	char buf[512], *values[8];
	size_t n = sip_header_values(&m, "Record-Route", values, 8, buf, sizeof buf);
	ok(n == 3, "three Record-Route values over two headers (%zu)", n);
	is_str(values[0], "<sip:127.0.0.1:5060;lr;ftag=x>", "the first in order");
	is_str(values[2], "<sip:10.0.0.3;lr>", "the last in order");
	n = sip_header_values(&m, "Via", values, 8, buf, sizeof buf);
	ok(n == 2, "Via and its compact form are one header");

	char out[128];
	ok(sip_param(m.from, "tag", out, sizeof out), "From has a tag");
	is_str(out, "from1", "past a quoted comma in the display name");
	ok(!sip_param(m.to, "tag", out, sizeof out), "To has none yet");
	ok(sip_param(m.via, "branch", out, sizeof out) && strcmp(out, "z9hG4bKabc") == 0, "Via branch");
	ok(sip_param(m.via, "rport", out, sizeof out) && out[0] == '\0', "a parameter without a value");
	ok(sip_value_uri(m.from, out, sizeof out), "the URI of a name-addr");
	is_str(out, "sip:+4420@carrier.invalid", "without the display name or tag");
	ok(sip_value_uri("sip:a@b;tag=9", out, sizeof out) && strcmp(out, "sip:a@b") == 0,
	   "the URI of an addr-spec stops at its parameters");
	ok(sip_param("sip:a@b;tag=9", "tag", out, sizeof out) && strcmp(out, "9") == 0,
	   "whose parameters are the header's");
	ok(sip_param("<sip:a@b;tag=wrong>;tag=right", "tag", out, sizeof out) && strcmp(out, "right") == 0,
	   "parameters inside <...> belong to the URI");
	ok(sip_uri_user(m.uri, out, sizeof out), "the request URI has a user");
	is_str(out, "+442079460000", "without the host or parameters");
	ok(sip_uri_user("sip:c-abc:secret@host", out, sizeof out) && strcmp(out, "c-abc") == 0,
	   "a password is not part of the user");
	ok(!sip_uri_user("sip:host;user=x@y", out, sizeof out), "an @ in a parameter is no user");
	ok(!sip_uri_user("tel:+4420", out, sizeof out), "tel: URIs have no SIP user");
	ok(sip_uri_hostport("sip:u@127.0.0.1:5070;transport=udp", out, sizeof out)
	   && strcmp(out, "127.0.0.1:5070") == 0, "host and port of a URI");
	sip_msg_free(&m);

	static const char ok200[] = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
				    "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\n"
				    "CSeq: 7 BYE\r\nContent-Length: 0\r\n\r\n";
	ok(sip_parse(&m, ok200, sizeof ok200 - 1, &error) == 0, "a response parses");
	ok(!m.is_request && m.status == 200, "with its status");
	is_str(m.reason, "OK", "and reason");
	ok(m.body_len == 0, "and no body");
	sip_msg_free(&m);

	static const char lf_only[] = "SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\n"
				      "From: <sip:a@b>;tag=1\nTo: <sip:c@d>\nCall-ID: x\nCSeq: 1 INVITE\n\n";
	ok(sip_parse(&m, lf_only, sizeof lf_only - 1, &error) == 0 && m.status == 486,
	   "bare line feeds are read too");
	sip_msg_free(&m);

	static const char *const bad[] = {
		"",
		"INVITE sip:a SIP/2.0\r\nVia: x\r\n",                          /* no end of headers */
		"INVITE sip:a SIP/3.0\r\nVia: x\r\n\r\n",                     /* version */
		"INVITE  SIP/2.0\r\n\r\n",                                     /* no URI */
		"SIP/2.0 99 Low\r\nVia: x\r\n\r\n",                           /* status out of range */
		"SIP/2.0 2000 OK\r\n\r\n",
		"OPTIONS sip:a SIP/2.0\r\nVia: x\r\nFrom: a\r\nTo: b\r\nCSeq: 1 OPTIONS\r\n\r\n", /* no Call-ID */
		"OPTIONS sip:a SIP/2.0\r\nVia: x\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: x\r\n\r\n",
		"OPTIONS sip:a SIP/2.0\r\nVia: x\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n"
		"Content-Length: 99\r\n\r\nshort",
		"OPTIONS sip:a SIP/2.0\r\nVia x\r\n\r\n",                      /* no colon */
		"OPTIONS sip:a SIP/2.0\r\nBad Name: x\r\n\r\n",
		NULL,
	};
	for (int i = 0; bad[i] != NULL; i++) {
		ok(sip_parse(&m, bad[i], strlen(bad[i]), &error) != 0, "malformed message %d refused (%s)",
		   i, error ? error : "?");
		sip_msg_free(&m);
	}
	static const char nul[] = "OPTIONS sip:a SIP/2.0\r\nVia: x\0y\r\n\r\n";
	ok(sip_parse(&m, nul, sizeof nul - 1, &error) != 0, "a NUL in the headers is refused");
	sip_msg_free(&m);

	ok(sip_info_digit("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n") == '5',
	   "the digit of a dtmf-relay INFO");
	ok(sip_info_digit("application/dtmf-relay", "Signal= #\r\n") == '#', "a hash");
	ok(sip_info_digit("application/dtmf-relay", "Signal=11\r\n") == '#', "as event 11");
	ok(sip_info_digit("application/dtmf", "7") == '7', "application/dtmf");
	ok(sip_info_digit("text/plain", "Signal=5") == 0, "nothing from other types");
	ok(sip_info_digit("application/dtmf-relay", "Signal=x") == 0, "nor from other signals");
	return done_testing();
}
