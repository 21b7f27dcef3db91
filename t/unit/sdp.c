/* Unit tests of lib/sdp.c: offers from rtpengine, phones and browsers
 * behind it; the codec chosen; what the dialer writes. */
#include "tap.h"
#include "buf.h"
#include "sdp.h"

int main(void)
{
	struct sdp_audio a;
	const char *offer =
		"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
		"m=audio 30000 RTP/AVP 111 0 8 126\r\na=rtpmap:111 opus/48000/2\r\n"
		"a=rtpmap:0 PCMU/8000\r\na=rtpmap:126 telephone-event/8000\r\na=sendrecv\r\n"
		"m=video 30002 RTP/AVP 96\r\nc=IN IP4 10.9.9.9\r\na=sendonly\r\n";
	ok(sdp_parse(offer, &a) == 0, "a browser's offer through rtpengine parses");
	is_str(a.address, "127.0.0.1", "session-level address");
	ok(a.port == 30000, "audio port");
	ok(a.format_count == 4, "four formats");
	ok(a.pcmu == 0 && a.pcma == 8, "both G.711 laws");
	ok(a.telephone_event == 126, "telephone events on 126");
	ok(a.direction == SDP_SENDRECV, "the video stream's direction is not the audio's");
	ok(sdp_choose_codec(&a) == 0, "PCMU chosen: first of the two in the offer");

	const char *phone = "v=0\no=x 1 1 IN IP4 10.0.0.5\ns=x\nt=0 0\nm=audio 4000 RTP/AVP 8 101\n"
			    "c=IN IP4 10.0.0.6\na=rtpmap:101 telephone-event/8000\na=sendonly\n";
	ok(sdp_parse(phone, &a) == 0, "bare line feeds, media-level address");
	is_str(a.address, "10.0.0.6", "media-level address wins");
	ok(sdp_choose_codec(&a) == 8, "PCMA when only it is offered");
	ok(a.direction == SDP_SENDONLY, "sendonly (a hold)");
	ok(sdp_answer_direction(a.direction) == SDP_RECVONLY, "answered recvonly");

	ok(sdp_parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 5 RTP/AVP 9\r\n", &a) == 0
	   && sdp_choose_codec(&a) == -1, "G.722 alone: no codec in common");
	ok(sdp_parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 5 RTP/SAVPF 0\r\n", &a) == 0 && a.port == 0,
	   "secure RTP straight from a browser is refused (port 0)");
	ok(sdp_parse("v=0\r\nm=audio 5 RTP/AVP 0\r\n", &a) != 0, "no connection address: refused");
	ok(sdp_parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=video 5 RTP/AVP 96\r\n", &a) != 0, "no audio: refused");
	ok(sdp_parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 99999 RTP/AVP 0\r\n", &a) != 0,
	   "a port past 65535: refused");
	ok(sdp_parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 5 RTP/AVP 0 x\r\n", &a) != 0,
	   "a format that is no number: refused");
	ok(sdp_parse("v=0\r\nc=IN IP4 1.2.3.4;rm -rf\r\nm=audio 5 RTP/AVP 0\r\n", &a) != 0,
	   "an address with odd characters is not used");

	struct buf b;
	buf_init(&b);
	sdp_write(&b, "127.0.0.1", 40000, 7, 1, -1, false, -1, SDP_SENDRECV);
	ok(strstr(b.data, "m=audio 40000 RTP/AVP 0 8 101\r\n") != NULL, "an offer lists both laws and events");
	ok(sdp_parse(b.data, &a) == 0 && a.telephone_event == 101 && a.port == 40000,
	   "and reads back");
	buf_clear(&b);
	sdp_write(&b, "127.0.0.1", 40002, 7, 2, 8, true, 126, SDP_RECVONLY);
	ok(strstr(b.data, "m=audio 40002 RTP/AVP 8 126\r\na=rtpmap:8 PCMA/8000\r\n") != NULL,
	   "an answer names the one codec chosen");
	ok(strstr(b.data, "a=rtpmap:126 telephone-event/8000") != NULL, "and the offer's event type");
	ok(strstr(b.data, "a=recvonly") != NULL, "and the direction");
	buf_free(&b);
	return done_testing();
}
