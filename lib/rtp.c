/* rtp.c - RTP headers, telephone events and the G.711 companding laws. */
#include "rtp.h"

#include <string.h>

int rtp_parse(const uint8_t *data, size_t len, struct rtp_packet *out)
{
	if (len < RTP_HEADER || (data[0] >> 6) != 2)
		return -1;
	bool padding = (data[0] & 0x20) != 0;
	bool extension = (data[0] & 0x10) != 0;
	size_t csrc = data[0] & 0x0f;
	size_t offset = RTP_HEADER + 4 * csrc;
	if (offset > len)
		return -1;
	if (extension) {
		if (offset + 4 > len)
			return -1;
		size_t words = ((size_t)data[offset + 2] << 8) | data[offset + 3];
		offset += 4 + 4 * words;
		if (offset > len)
			return -1;
	}
	size_t end = len;
	if (padding) {
		size_t pad = data[len - 1];
		if (pad == 0 || pad > end - offset)
			return -1;
		end -= pad;
	}
	out->payload_type = data[1] & 0x7f;
	/* RTCP multiplexed on the same port (RFC 5761) is not audio. */
	if (out->payload_type >= 64 && out->payload_type <= 95)
		return -1;
	out->marker = (data[1] & 0x80) != 0;
	out->seq = (uint16_t)((data[2] << 8) | data[3]);
	out->timestamp = ((uint32_t)data[4] << 24) | ((uint32_t)data[5] << 16)
			 | ((uint32_t)data[6] << 8) | data[7];
	out->ssrc = ((uint32_t)data[8] << 24) | ((uint32_t)data[9] << 16)
		    | ((uint32_t)data[10] << 8) | data[11];
	out->payload = data + offset;
	out->payload_len = end - offset;
	return 0;
}

size_t rtp_write(uint8_t *out, int payload_type, bool marker, uint16_t seq, uint32_t timestamp,
		 uint32_t ssrc, const uint8_t *payload, size_t payload_len)
{
	out[0] = 0x80;
	out[1] = (uint8_t)((marker ? 0x80 : 0) | (payload_type & 0x7f));
	out[2] = (uint8_t)(seq >> 8);
	out[3] = (uint8_t)seq;
	out[4] = (uint8_t)(timestamp >> 24);
	out[5] = (uint8_t)(timestamp >> 16);
	out[6] = (uint8_t)(timestamp >> 8);
	out[7] = (uint8_t)timestamp;
	out[8] = (uint8_t)(ssrc >> 24);
	out[9] = (uint8_t)(ssrc >> 16);
	out[10] = (uint8_t)(ssrc >> 8);
	out[11] = (uint8_t)ssrc;
	if (payload_len > 0)
		memcpy(out + RTP_HEADER, payload, payload_len);
	return RTP_HEADER + payload_len;
}

int rtp_event_parse(const uint8_t *payload, size_t len, struct rtp_event *out)
{
	if (len < 4)
		return -1;
	out->event = payload[0];
	out->end = (payload[1] & 0x80) != 0;
	out->volume = payload[1] & 0x3f;
	out->duration = (payload[2] << 8) | payload[3];
	return 0;
}

void rtp_event_write(uint8_t out[4], int event, bool end, int duration)
{
	out[0] = (uint8_t)event;
	out[1] = (uint8_t)((end ? 0x80 : 0) | 10); /* -10 dBm0 */
	out[2] = (uint8_t)(duration >> 8);
	out[3] = (uint8_t)duration;
}

char rtp_event_digit(int event)
{
	static const char digits[] = "0123456789*#ABCD";
	return event >= 0 && event < 16 ? digits[event] : 0;
}

int rtp_digit_event(char digit)
{
	static const char digits[] = "0123456789*#ABCD";
	const char *p = digit ? strchr(digits, digit) : NULL;
	return p != NULL ? (int)(p - digits) : -1;
}

/* The classic segment-based G.711 encoders (ITU-T G.711, as in Sun's
 * public-domain g711.c). */
enum { ULAW_BIAS = 0x84, ULAW_CLIP = 32635 };

uint8_t g711_ulaw_encode(int16_t sample)
{
	int s = sample;
	int sign = (s >> 8) & 0x80;
	if (sign)
		s = -s;
	if (s > ULAW_CLIP)
		s = ULAW_CLIP;
	s += ULAW_BIAS;
	int exponent = 7;
	for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1)
		exponent--;
	int mantissa = (s >> (exponent + 3)) & 0x0f;
	return (uint8_t)~(sign | (exponent << 4) | mantissa);
}

int16_t g711_ulaw_decode(uint8_t code)
{
	code = (uint8_t)~code;
	int sign = code & 0x80;
	int exponent = (code >> 4) & 0x07;
	int mantissa = code & 0x0f;
	int s = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
	return (int16_t)(sign ? -s : s);
}

uint8_t g711_alaw_encode(int16_t sample)
{
	int s = sample;
	int sign = 0x80;
	if (s < 0) {
		sign = 0;
		s = -s - 1;
	}
	if (s > 32767)
		s = 32767;
	int code;
	if (s < 256) {
		code = s >> 4;
	} else {
		int exponent = 1;
		for (int v = s >> 8; v > 1; v >>= 1)
			exponent++;
		code = (exponent << 4) | ((s >> (exponent + 3)) & 0x0f);
	}
	return (uint8_t)((code | sign) ^ 0x55);
}

int16_t g711_alaw_decode(uint8_t code)
{
	code ^= 0x55;
	int exponent = (code >> 4) & 0x07;
	int mantissa = code & 0x0f;
	int s = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
	return (int16_t)((code & 0x80) ? s : -s);
}
