/* sipua_media.c - a leg's RTP: its socket, its description, paced frames
 * of sound or silence, audio relayed from a bridged leg, keypad digits
 * both ways. */
#include "sipua_leg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "log.h"
#include "rtp.h"
#include "sdp.h"

enum { DIGIT_STEPS = 8, MAX_CATCH_UP = 3 };

static int bind_port(int fd, const char *address, int port)
{
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, address, &sin.sin_addr) != 1)
		return -1;
	return bind(fd, (struct sockaddr *)&sin, sizeof sin);
}

int sipua_media_open(struct sip_leg *leg)
{
	const struct sipua_config *cfg = &leg->ua->cfg;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int bound = -1;
	if (cfg->rtp_port_min <= 0) {
		bound = bind_port(fd, leg->ua->media_address, 0);
	} else {
		/* Even ports, as RTP has them (RTCP would take the odd one). */
		int span = (cfg->rtp_port_max - cfg->rtp_port_min) / 2 + 1;
		uint32_t r;
		for (int i = 0; i < 64 && bound != 0; i++) {
			if (crypto_random(&r, sizeof r) != 0)
				break;
			int port = cfg->rtp_port_min + 2 * (int)(r % (uint32_t)span);
			bound = bind_port(fd, leg->ua->media_address, port);
		}
	}
	if (bound != 0) {
		close(fd);
		return -1;
	}
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	getsockname(fd, (struct sockaddr *)&sin, &len);
	leg->rtp_fd = fd;
	leg->rtp_port = ntohs(sin.sin_port);
	leg->pt = -1;
	leg->te_pt = -1;
	leg->send_media = true;
	uint16_t seq;
	if (crypto_random(&leg->ssrc, sizeof leg->ssrc) != 0 || crypto_random(&seq, sizeof seq) != 0
	    || crypto_random(&leg->ts, sizeof leg->ts) != 0) {
		close(fd);
		return -1;
	}
	leg->seq = seq;
	leg->sdp_id = (unsigned long long)sipua_now_ms();
	return 0;
}

void sipua_media_close(struct sip_leg *leg)
{
	if (leg->rtp_fd >= 0)
		close(leg->rtp_fd);
	leg->rtp_fd = -1;
	if (leg->peer != NULL && leg->peer->peer == leg)
		leg->peer->peer = NULL;
	leg->peer = NULL;
	leg->queue_len = 0;
}

static int set_remote_address(struct sip_leg *leg, const char *address, int port)
{
	char service[8];
	snprintf(service, sizeof service, "%d", port);
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if (getaddrinfo(address, service, &hints, &res) != 0 || res == NULL)
		return -1;
	memcpy(&leg->remote_rtp, res->ai_addr, res->ai_addrlen);
	leg->remote_rtp_len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

int sipua_media_remote(struct sip_leg *leg, const char *body, bool is_offer)
{
	struct sdp_audio a;
	if (body == NULL || sdp_parse(body, &a) != 0 || a.port == 0)
		return -1;
	int pt = is_offer || leg->pt < 0 ? sdp_choose_codec(&a) : leg->pt;
	if (pt < 0)
		return -1;
	if (!leg->latched && set_remote_address(leg, a.address, a.port) != 0)
		return -1;
	leg->pt = pt;
	leg->alaw = pt == a.pcma;
	leg->te_pt = a.telephone_event;
	leg->send_media = a.direction == SDP_SENDRECV || a.direction == SDP_RECVONLY;
	if (is_offer)
		leg->sdp_version++;
	return 0;
}

void sipua_media_sdp(struct sip_leg *leg, struct buf *out, bool offer)
{
	enum sdp_direction dir = SDP_SENDRECV;
	if (offer)
		sdp_write(out, leg->ua->media_address, leg->rtp_port, leg->sdp_id, leg->sdp_version, -1,
			  false, -1, dir);
	else
		sdp_write(out, leg->ua->media_address, leg->rtp_port, leg->sdp_id, leg->sdp_version,
			  leg->pt, leg->alaw, leg->te_pt,
			  leg->send_media ? SDP_SENDRECV : SDP_RECVONLY);
}

void sipua_media_start(struct sip_leg *leg)
{
	long long now = sipua_now_ms();
	if (leg->media_start_ms == 0) {
		leg->media_start_ms = now;
		leg->ts_base = leg->ts;
	}
	leg->next_frame_at = now;
	leg->marker_next = true;
}

/* The timestamp to send with: ours advance with what we send, but never
 * fall far behind the clock, so that a gap (no relayed audio for a while)
 * reads as a gap to the far end's jitter buffer. */
static uint32_t next_timestamp(struct sip_leg *leg, size_t samples)
{
	long long now = sipua_now_ms();
	uint32_t wall = leg->ts_base + (uint32_t)((now - leg->media_start_ms) * 8);
	if ((int32_t)(wall - leg->ts) > 8 * 60) {
		leg->ts = wall;
		leg->marker_next = true;
	}
	uint32_t ts = leg->ts;
	leg->ts += (uint32_t)samples;
	return ts;
}

static void send_packet(struct sip_leg *leg, int pt, bool marker, uint32_t ts,
			const uint8_t *payload, size_t len)
{
	if (!leg->send_media || leg->remote_rtp_len == 0 || leg->rtp_fd < 0)
		return;
	uint8_t pkt[RTP_MAX_PACKET];
	if (len > RTP_MAX_PACKET - RTP_HEADER)
		return;
	size_t n = rtp_write(pkt, pt, marker, leg->seq++, ts, leg->ssrc, payload, len);
	if (sendto(leg->rtp_fd, pkt, n, 0, (struct sockaddr *)&leg->remote_rtp, leg->remote_rtp_len) >= 0)
		leg->tx++;
}

static void send_samples(struct sip_leg *leg, const int16_t *samples, size_t count)
{
	if (leg->pt < 0 || count == 0 || count > RTP_MAX_PACKET - RTP_HEADER)
		return;
	uint8_t payload[RTP_MAX_PACKET];
	for (size_t i = 0; i < count; i++)
		payload[i] = leg->alaw ? g711_alaw_encode(samples[i]) : g711_ulaw_encode(samples[i]);
	bool marker = leg->marker_next;
	leg->marker_next = false;
	send_packet(leg, leg->pt, marker, next_timestamp(leg, count), payload, count);
}

/* RFC 4733: three packets growing in duration, then three that say the
 * event ended, all with the event's one timestamp; then a pause. */
static bool send_digit_step(struct sip_leg *leg)
{
	if (leg->digits_len == 0)
		return false;
	int event = rtp_digit_event(leg->digits_out[0]);
	if (leg->te_pt < 0 || event < 0) {
		memmove(leg->digits_out, leg->digits_out + 1, leg->digits_len--);
		return false;
	}
	if (leg->digit_step == 0)
		leg->digit_ts = next_timestamp(leg, 0);
	uint8_t payload[4];
	if (leg->digit_step < 3) {
		rtp_event_write(payload, event, false, RTP_FRAME_SAMPLES * (leg->digit_step + 1));
		send_packet(leg, leg->te_pt, leg->digit_step == 0, leg->digit_ts, payload, 4);
	} else if (leg->digit_step < 6) {
		rtp_event_write(payload, event, true, RTP_FRAME_SAMPLES * 4);
		send_packet(leg, leg->te_pt, false, leg->digit_ts, payload, 4);
	}
	leg->ts += RTP_FRAME_SAMPLES;
	if (++leg->digit_step == DIGIT_STEPS) {
		leg->digit_step = 0;
		memmove(leg->digits_out, leg->digits_out + 1, leg->digits_len--);
	}
	return true;
}

/* The next frame of the sound queue (silence past its end). */
static void next_frame(struct sip_leg *leg, int16_t frame[RTP_FRAME_SAMPLES])
{
	size_t filled = 0;
	while (filled < RTP_FRAME_SAMPLES && leg->queue_index < leg->queue_len) {
		const struct sound *s = leg->queue[leg->queue_index];
		size_t left = s->count - leg->sample_pos;
		size_t take = left < RTP_FRAME_SAMPLES - filled ? left : RTP_FRAME_SAMPLES - filled;
		memcpy(frame + filled, s->samples + leg->sample_pos, take * sizeof frame[0]);
		filled += take;
		leg->sample_pos += take;
		if (leg->sample_pos >= s->count) {
			leg->sample_pos = 0;
			bool last = leg->queue_index + 1 == leg->queue_len;
			if (!(last && leg->loop))
				leg->queue_index++;
			if (last && !leg->loop)
				leg->played_pending = true;
			if (s->count == 0)
				break;
		}
	}
	memset(frame + filled, 0, (RTP_FRAME_SAMPLES - filled) * sizeof frame[0]);
	if (leg->queue_index >= leg->queue_len)
		leg->queue_len = leg->queue_index = 0;
}

int sipua_media_tick(struct sipua *ua)
{
	long long now = sipua_now_ms();
	int wait = -1;
	for (struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next) {
		if (leg->state != LEG_UP || leg->rtp_fd < 0)
			continue;
		if (now - leg->next_frame_at > MAX_CATCH_UP * SIPUA_FRAME_MS)
			leg->next_frame_at = now - MAX_CATCH_UP * SIPUA_FRAME_MS;
		while (leg->next_frame_at <= now) {
			leg->next_frame_at += SIPUA_FRAME_MS;
			if (send_digit_step(leg))
				continue;
			/* A bridged leg sends what its peer receives. */
			if (leg->peer != NULL && leg->peer->state == LEG_UP && leg->queue_len == 0)
				continue;
			int16_t frame[RTP_FRAME_SAMPLES];
			next_frame(leg, frame);
			send_samples(leg, frame, RTP_FRAME_SAMPLES);
		}
		int until = (int)(leg->next_frame_at - now);
		if (wait < 0 || until < wait)
			wait = until;
		if (leg->played_pending) {
			leg->played_pending = false;
			if (ua->handler.played)
				ua->handler.played(ua->handler.ctx, leg);
		}
	}
	return wait;
}

void sipua_media_digit_in(struct sip_leg *leg, char digit)
{
	if (digit && leg->ua->handler.digit)
		leg->ua->handler.digit(leg->ua->handler.ctx, leg, digit);
}

static void event_in(struct sip_leg *leg, const struct rtp_packet *p)
{
	struct rtp_event e;
	if (rtp_event_parse(p->payload, p->payload_len, &e) != 0)
		return;
	/* One digit per event: its first packet (the rest, and the end packets'
	 * repeats, carry the same timestamp). */
	if (leg->event_seen && p->timestamp == leg->last_event_ts && e.event == leg->last_event)
		return;
	leg->event_seen = true;
	leg->last_event_ts = p->timestamp;
	leg->last_event = e.event;
	sipua_media_digit_in(leg, rtp_event_digit(e.event));
}

static void audio_in(struct sip_leg *leg, const struct rtp_packet *p)
{
	int16_t samples[RTP_MAX_PACKET];
	size_t n = p->payload_len;
	bool alaw = p->payload_type == 8 || (p->payload_type == leg->pt && leg->alaw);
	for (size_t i = 0; i < n; i++)
		samples[i] = alaw ? g711_alaw_decode(p->payload[i]) : g711_ulaw_decode(p->payload[i]);
	struct sip_leg *peer = leg->peer;
	if (peer != NULL && peer->state == LEG_UP && peer->queue_len == 0 && peer->digits_len == 0)
		send_samples(peer, samples, n);
	if (leg->ua->handler.audio)
		leg->ua->handler.audio(leg->ua->handler.ctx, leg, samples, n);
}

void sipua_media_read(struct sip_leg *leg)
{
	uint8_t buf[RTP_MAX_PACKET + 1];
	for (int i = 0; i < 32; i++) {
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from;
		ssize_t n = recvfrom(leg->rtp_fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &from_len);
		if (n < 0)
			return;
		struct rtp_packet p;
		if ((size_t)n > RTP_MAX_PACKET || rtp_parse(buf, (size_t)n, &p) != 0)
			continue;
		/* Symmetric RTP: answer where the audio comes from (a NAT may
		 * have changed the port the description named). */
		if (!leg->latched) {
			memcpy(&leg->remote_rtp, &from, from_len);
			leg->remote_rtp_len = from_len;
			leg->latched = true;
		}
		leg->rx++;
		if (leg->state != LEG_UP)
			continue;
		if (p.payload_type == leg->te_pt && leg->te_pt >= 0)
			event_in(leg, &p);
		else if (p.payload_type == 0 || p.payload_type == 8 || p.payload_type == leg->pt)
			audio_in(leg, &p);
	}
}

void sipua_play(struct sip_leg *leg, const struct sound *sound, bool loop)
{
	if (leg->queue_len == SIPUA_QUEUE || sound == NULL)
		return;
	leg->queue[leg->queue_len++] = sound;
	leg->loop = loop;
	leg->played_pending = false;
}

void sipua_stop_playing(struct sip_leg *leg)
{
	leg->queue_len = leg->queue_index = leg->sample_pos = 0;
	leg->loop = false;
	leg->played_pending = false;
}

bool sipua_is_playing(const struct sip_leg *leg)
{
	return leg->queue_len > 0;
}

void sipua_bridge(struct sip_leg *a, struct sip_leg *b)
{
	sipua_unbridge(a);
	sipua_unbridge(b);
	a->peer = b;
	b->peer = a;
	sipua_stop_playing(a);
	sipua_stop_playing(b);
}

void sipua_unbridge(struct sip_leg *leg)
{
	if (leg->peer != NULL && leg->peer->peer == leg)
		leg->peer->peer = NULL;
	leg->peer = NULL;
}

void sipua_send_digits(struct sip_leg *leg, const char *digits)
{
	for (const char *p = digits; *p && leg->digits_len < SIPUA_DIGITS - 1; p++)
		if (rtp_digit_event(*p) >= 0)
			leg->digits_out[leg->digits_len++] = *p;
	leg->digits_out[leg->digits_len] = '\0';
}

void sipua_leg_packets(const struct sip_leg *leg, unsigned long *received, unsigned long *sent)
{
	*received = leg->rx;
	*sent = leg->tx;
}
