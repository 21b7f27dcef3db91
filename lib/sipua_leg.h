/* sipua_leg.h - what lib/sipua.c (signalling) and lib/sipua_media.c (RTP)
 * share about a leg and the agent; no other file includes it. */
#ifndef BATON_SIPUA_LEG_H
#define BATON_SIPUA_LEG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "buf.h"
#include "sip_msg.h"
#include "sipua.h"

enum {
	SIPUA_MAX_ROUTES = 8,
	SIPUA_QUEUE = 16,
	SIPUA_DIGITS = 32,
	SIPUA_T1_MS = 500,
	SIPUA_T2_MS = 4000,
	SIPUA_TIMEOUT_MS = 32000,   /* 64 * T1: a transaction's end */
	SIPUA_FRAME_MS = 20,
};

enum leg_state {
	LEG_CALLING,    /* our INVITE is out, nothing final yet */
	LEG_OFFERED,    /* an INVITE to us waits for the owner's answer */
	LEG_ANSWERED,   /* our 200 is out, waiting for the ACK */
	LEG_UP,
	LEG_ENDING,     /* our BYE is out */
	LEG_GONE,       /* ended; kept a while to answer retransmissions */
};

/* A request we sent: resent until a response ends the retransmissions. */
struct sipua_txn {
	bool active;
	bool provisional;        /* a 1xx came: stop resending an INVITE */
	char branch[48];
	char method[16];
	long cseq;
	struct buf text;
	long long next_at;
	int interval;
	long long give_up_at;
};

struct sip_leg {
	struct sipua *ua;
	struct sip_leg *next;
	void *data;
	bool outgoing;
	enum leg_state state;
	bool cancel_wanted;      /* hang up asked before any provisional */
	long long linger_until;

	char call_id[128];
	char local_tag[40];
	char remote_tag[128];
	char local_header[512];  /* our From (outgoing) or To (incoming), with tag */
	char remote_header[512]; /* theirs, with their tag once known */
	char request_uri[256];   /* of our INVITE */
	char remote_target[256];
	char routes[SIPUA_MAX_ROUTES][256];
	size_t route_count;
	long local_cseq;
	long remote_cseq;
	char dialled[128], caller[64], caller_name[96];

	/* An INVITE to us (initial or re-INVITE) and where it came from:
	 * kept until its transaction ends, for the later responses. */
	struct sip_msg invite;
	bool have_invite;
	struct sockaddr_storage invite_from;
	socklen_t invite_from_len;
	struct buf last_response;
	long long resend_at;
	int resend_interval;
	long long resend_until;

	struct sipua_txn invite_txn;   /* our INVITE */
	struct sipua_txn other_txn;    /* our BYE, CANCEL or INFO */
	struct buf ack;                /* the ACK of a 2xx, resent on its retransmissions */

	/* Media. */
	int rtp_fd;
	int rtp_port;
	struct sockaddr_storage remote_rtp;
	socklen_t remote_rtp_len;
	bool latched;                 /* remote_rtp learnt from the first packet */
	int pt;                       /* our G.711 payload type, -1 before negotiation */
	bool alaw;
	int te_pt;                    /* telephone-event payload type, -1 none */
	bool send_media;              /* the far end wants audio (not recvonly/inactive) */
	uint16_t seq;
	uint32_t ts;
	uint32_t ts_base;             /* the timestamp at media_start_ms */
	uint32_t ssrc;
	bool marker_next;
	long long media_start_ms;
	long long next_frame_at;
	unsigned long rx, tx;
	unsigned long long sdp_id, sdp_version;
	struct sip_leg *peer;
	const struct sound *queue[SIPUA_QUEUE];
	size_t queue_len, queue_index, sample_pos;
	bool loop;
	bool played_pending;
	char digits_out[SIPUA_DIGITS];
	size_t digits_len;
	int digit_step;
	uint32_t digit_ts;
	bool event_seen;
	uint32_t last_event_ts;
	int last_event;
};

struct sipua {
	struct sipua_config cfg;
	struct sipua_handler handler;
	int fd;
	struct sockaddr_storage proxy;
	socklen_t proxy_len;
	char listen[64];          /* host:port as we put it in Via and Contact */
	char domain[128];
	char media_address[64];
	struct sip_leg *legs;
	long long next_frame_at;
};

void sipua_random_hex(char *out, size_t hex_chars);
/* lib/sipua_media.c */
int sipua_media_open(struct sip_leg *leg);
void sipua_media_close(struct sip_leg *leg);
/* Applies a remote description (offer or answer); -1 when no G.711. */
int sipua_media_remote(struct sip_leg *leg, const char *sdp, bool is_offer);
void sipua_media_sdp(struct sip_leg *leg, struct buf *out, bool offer);
void sipua_media_start(struct sip_leg *leg);
void sipua_media_read(struct sip_leg *leg);
/* Sends what is due on every up leg; returns ms until the next frame. */
int sipua_media_tick(struct sipua *ua);
void sipua_media_digit_in(struct sip_leg *leg, char digit);

#endif
