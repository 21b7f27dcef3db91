/* sipua.h - the dialer's SIP user agent: calls ("legs") placed and
 * answered over one UDP socket through the SIP proxy (Kamailio), each with
 * its own RTP socket carrying G.711. A leg plays sounds (prompts, hold
 * music, tones), relays audio to and from another leg, sends and detects
 * keypad digits (RFC 4733 and SIP INFO), and hands received audio to its
 * owner (for recording). Everything runs in the caller's single thread:
 * sipua_poll_fds() and sipua_timeout_ms() feed a poll() loop, and
 * sipua_process() does what is due. RFC 3261 transactions over UDP are
 * kept to what a UA behind one stateful proxy needs: requests are
 * retransmitted until answered, 2xx until ACKed, duplicates answered
 * again. */
#ifndef BATON_SIPUA_H
#define BATON_SIPUA_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sip_msg;
struct sipua;
struct sip_leg;

struct sipua_config {
	const char *listen;         /* "127.0.0.1:5070": the SIP socket */
	const char *proxy;          /* "127.0.0.1:5060": every request goes there */
	const char *domain;         /* host part of the URIs the dialer makes */
	const char *media_address;  /* IP address of the RTP sockets (and in SDP) */
	int rtp_port_min, rtp_port_max; /* 0, 0: any free port */
};

/* Sound to play: 16-bit linear samples at 8 kHz. */
struct sound {
	const int16_t *samples;
	size_t count;
};

/* What the UA tells its owner. Every callback may call back into the UA. */
struct sipua_handler {
	void *ctx;
	/* A new call arrived (an INVITE with an offer the UA can answer): the
	 * owner answers (sipua_answer) or rejects (sipua_reject) it, now or
	 * later. Calls the UA cannot take (no G.711 offered) never get here. */
	void (*incoming)(void *ctx, struct sip_leg *leg);
	/* The far end rings (180/183). */
	void (*ringing)(void *ctx, struct sip_leg *leg);
	/* The call is up: answered by the far end, or the owner's answer ACKed. */
	void (*up)(void *ctx, struct sip_leg *leg);
	/* The leg is over: status 200 after a BYE (either side), else the
	 * final failure of the call (486 busy, 408 no answer, 487 cancelled,
	 * 480/404/5xx...). The leg is freed after this returns. */
	void (*ended)(void *ctx, struct sip_leg *leg, int status);
	/* A keypad digit from the far end. */
	void (*digit)(void *ctx, struct sip_leg *leg, char digit);
	/* 20 ms (usually) of audio from the far end, decoded. */
	void (*audio)(void *ctx, struct sip_leg *leg, const int16_t *samples, size_t count);
	/* The last queued sound finished playing. */
	void (*played)(void *ctx, struct sip_leg *leg);
};

/* The clock every timeout of the UA is on: monotonic milliseconds. */
long long sipua_now_ms(void);

/* Opens the SIP socket; NULL with a reason in err on failure. */
struct sipua *sipua_new(const struct sipua_config *cfg, const struct sipua_handler *handler,
			char *err, size_t errlen);
/* Ends every leg at once (no BYE) and frees everything. */
void sipua_free(struct sipua *ua);
/* Sends BYE or CANCEL on every live leg (before a clean shutdown). */
void sipua_hangup_all(struct sipua *ua);
size_t sipua_leg_count(const struct sipua *ua);

/* The poll() loop: fills fds (at most max) with the sockets to watch;
 * the milliseconds until something is due (-1: nothing); and, after
 * poll() returns, reads what arrived and does what is due. */
size_t sipua_poll_fds(struct sipua *ua, struct pollfd *fds, size_t max);
int sipua_timeout_ms(struct sipua *ua);
void sipua_process(struct sipua *ua, const struct pollfd *fds, size_t count);

/* Places a call to sip:to_user@domain;user=phone (an E.164 number goes
 * to the trunk; the proxy decides) showing from_user and from_name.
 * Headers are extra "Name: value\r\n" lines (or NULL). */
struct sip_leg *sipua_call(struct sipua *ua, const char *to_user, const char *from_user,
			   const char *from_name, const char *headers);
/* Answers an incoming call (200 with SDP); -1 if it is no longer ringing. */
int sipua_answer(struct sip_leg *leg);
/* Refuses an incoming call that is not yet answered. */
void sipua_reject(struct sip_leg *leg, int status, const char *reason);
/* Ends a leg whatever its state: BYE, CANCEL or a refusal. */
void sipua_hangup(struct sip_leg *leg);

/* The owner's pointer, and what the INVITE said: the user part of the
 * request URI (the number dialled, or a key), the caller's user part
 * (From, or P-Asserted-Identity when present) and display name. */
void sipua_leg_set_data(struct sip_leg *leg, void *data);
void *sipua_leg_data(const struct sip_leg *leg);
const char *sipua_leg_dialled(const struct sip_leg *leg);
const char *sipua_leg_caller(const struct sip_leg *leg);
const char *sipua_leg_caller_name(const struct sip_leg *leg);
const char *sipua_leg_call_id(const struct sip_leg *leg);
bool sipua_leg_is_up(const struct sip_leg *leg);

/* Media. Sounds queue up and play in order (loop: the last one repeats
 * until stopped); when the queue runs out the leg sends silence. A
 * bridged leg sends what its peer receives instead. */
void sipua_play(struct sip_leg *leg, const struct sound *sound, bool loop);
void sipua_stop_playing(struct sip_leg *leg);
bool sipua_is_playing(const struct sip_leg *leg);
void sipua_bridge(struct sip_leg *a, struct sip_leg *b);
void sipua_unbridge(struct sip_leg *leg);
/* Queues keypad digits (0-9 * # A-D) to send as RFC 4733 events. */
void sipua_send_digits(struct sip_leg *leg, const char *digits);
/* Counters for tests and logs: RTP packets received and sent. */
void sipua_leg_packets(const struct sip_leg *leg, unsigned long *received, unsigned long *sent);

#endif
