/* Fuzz harness for lib/rtp.c: any datagram on a call's media port. */
#include <stddef.h>
#include <stdint.h>

#include "rtp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rtp_packet p;
	if (rtp_parse(data, size, &p) == 0) {
		struct rtp_event e;
		if (rtp_event_parse(p.payload, p.payload_len, &e) == 0)
			rtp_event_digit(e.event);
		for (size_t i = 0; i < p.payload_len; i++) {
			g711_ulaw_decode(p.payload[i]);
			g711_alaw_decode(p.payload[i]);
		}
	}
	return 0;
}
