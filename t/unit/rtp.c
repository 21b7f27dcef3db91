/* Unit tests of lib/rtp.c: headers both ways, telephone events, and the
 * G.711 laws against their reference values. */
#include <stdint.h>

#include "tap.h"
#include "rtp.h"

int main(void)
{
	uint8_t pkt[RTP_MAX_PACKET], payload[160];
	memset(payload, 0xff, sizeof payload);
	size_t n = rtp_write(pkt, 0, true, 65535, 0xdeadbeef, 0x01020304, payload, sizeof payload);
	ok(n == 172, "a 20 ms frame is 172 bytes");
	struct rtp_packet p;
	ok(rtp_parse(pkt, n, &p) == 0, "and parses");
	ok(p.payload_type == 0 && p.marker && p.seq == 65535, "type, marker, sequence");
	ok(p.timestamp == 0xdeadbeef && p.ssrc == 0x01020304, "timestamp and source");
	ok(p.payload_len == 160 && p.payload == pkt + 12, "payload after the header");

	pkt[0] = 0x80 | 0x20; /* padding: the last byte says how much */
	pkt[n - 1] = 4;
	ok(rtp_parse(pkt, n, &p) == 0 && p.payload_len == 156, "padding is taken off");
	pkt[n - 1] = 200;
	ok(rtp_parse(pkt, n, &p) != 0, "padding longer than the payload is refused");
	pkt[0] = 0x80 | 0x10; /* an extension header of 1 word */
	pkt[12] = 0xbe; pkt[13] = 0xde; pkt[14] = 0; pkt[15] = 1;
	ok(rtp_parse(pkt, n, &p) == 0 && p.payload == pkt + 20, "an extension is skipped");
	pkt[15] = 200;
	ok(rtp_parse(pkt, 30, &p) != 0, "an extension past the end is refused");
	pkt[0] = 0x8f; /* fifteen CSRCs */
	ok(rtp_parse(pkt, 40, &p) != 0, "CSRCs past the end are refused");
	pkt[0] = 0x40;
	ok(rtp_parse(pkt, n, &p) != 0, "version 1 is refused");
	pkt[0] = 0x80; pkt[1] = 200; /* RTCP sender report, multiplexed */
	ok(rtp_parse(pkt, n, &p) != 0, "RTCP is not audio");
	ok(rtp_parse(pkt, 11, &p) != 0, "short packets are refused");

	uint8_t ev[4];
	rtp_event_write(ev, 11, true, 800);
	struct rtp_event e;
	ok(rtp_event_parse(ev, 4, &e) == 0 && e.event == 11 && e.end && e.duration == 800,
	   "a telephone event both ways");
	ok(rtp_event_parse(ev, 3, &e) != 0, "a short event is refused");
	ok(rtp_event_digit(10) == '*' && rtp_event_digit(11) == '#' && rtp_event_digit(5) == '5',
	   "event numbers are keypad digits");
	ok(rtp_event_digit(16) == 0 && rtp_digit_event('x') == -1 && rtp_digit_event('#') == 11,
	   "and back");

	/* Reference values of ITU-T G.711 (as sox and every phone use them). */
	ok(g711_ulaw_encode(0) == 0xff, "mu-law: silence is 0xff");
	ok(g711_ulaw_encode(32767) == 0x80 && g711_ulaw_encode(-32768) == 0x00, "mu-law: the extremes");
	ok(g711_ulaw_decode(0x80) == 32124 && g711_ulaw_decode(0x00) == -32124, "mu-law decodes them");
	ok(g711_alaw_encode(0) == 0xd5, "A-law: silence is 0xd5");
	ok(g711_alaw_encode(32767) == 0xaa && g711_alaw_encode(-32768) == 0x2a, "A-law: the extremes");
	ok(g711_alaw_decode(0xaa) == 32256 && g711_alaw_decode(0x2a) == -32256, "A-law decodes them");
	int worst_u = 0, worst_a = 0;
	for (int s = -32768; s <= 32767; s += 7) {
		int du = g711_ulaw_decode(g711_ulaw_encode((int16_t)s)) - s;
		int da = g711_alaw_decode(g711_alaw_encode((int16_t)s)) - s;
		if (du < 0) du = -du;
		if (da < 0) da = -da;
		/* The quantisation step is at most 1/16 of the magnitude. */
		int limit = (s < 0 ? -s : s) / 16 + 16;
		if (du > limit && du > worst_u) worst_u = du;
		if (da > limit && da > worst_a) worst_a = da;
	}
	ok(worst_u == 0, "mu-law round trips within its step (%d)", worst_u);
	ok(worst_a == 0, "A-law round trips within its step (%d)", worst_a);
	int codes_ok = 1;
	for (int c = 0; c < 256; c++) {
		if (g711_ulaw_encode(g711_ulaw_decode((uint8_t)c)) != c && c != 0x7f)
			codes_ok = 0;
		if (g711_alaw_encode(g711_alaw_decode((uint8_t)c)) != c)
			codes_ok = 0;
	}
	ok(codes_ok, "every code decodes to a value that encodes back to it");
	return done_testing();
}
