/* rtp.h - RTP packets (RFC 3550) as the dialer sends and receives them:
 * G.711 audio (mu-law and A-law, 8 kHz) and telephone events (RFC 4733,
 * the keypad's digits). Parsing is fuzzed by t/fuzz/rtp.c. */
#ifndef BATON_RTP_H
#define BATON_RTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	RTP_HEADER = 12,
	RTP_MAX_PACKET = 1500,
	RTP_FRAME_SAMPLES = 160,   /* 20 ms at 8 kHz */
};

struct rtp_packet {
	int payload_type;
	bool marker;
	uint16_t seq;
	uint32_t timestamp;
	uint32_t ssrc;
	const uint8_t *payload;    /* inside the packet given to rtp_parse */
	size_t payload_len;
};

/* Reads an RTP version 2 packet (CSRCs, extension and padding skipped);
 * 0, or -1 when it is not one. */
int rtp_parse(const uint8_t *data, size_t len, struct rtp_packet *out);
/* Writes a 12-byte header then the payload into out (which must hold
 * RTP_HEADER + payload_len bytes); returns the packet's length. */
size_t rtp_write(uint8_t *out, int payload_type, bool marker, uint16_t seq, uint32_t timestamp,
		 uint32_t ssrc, const uint8_t *payload, size_t payload_len);

/* A telephone event (RFC 4733 section 2.3). */
struct rtp_event {
	int event;      /* 0-9, 10 '*', 11 '#', 12-15 'A'-'D' */
	bool end;
	int volume;
	int duration;
};
int rtp_event_parse(const uint8_t *payload, size_t len, struct rtp_event *out);
void rtp_event_write(uint8_t out[4], int event, bool end, int duration);
/* '0'..'9', '*', '#', 'A'..'D' for an event number, 0 for others; and back
 * (-1 for characters that are not digits of a keypad). */
char rtp_event_digit(int event);
int rtp_digit_event(char digit);

/* G.711 (ITU-T): 16-bit linear samples to and from mu-law and A-law. */
uint8_t g711_ulaw_encode(int16_t sample);
int16_t g711_ulaw_decode(uint8_t code);
uint8_t g711_alaw_encode(int16_t sample);
int16_t g711_alaw_decode(uint8_t code);

#endif
