/* sdp.h - the little of SDP (RFC 4566, offer/answer RFC 3264) the dialer
 * needs: where a party wants its audio, in which of the G.711 codecs, with
 * which payload type for telephone events (RFC 4733), in which direction.
 * Fuzzed by t/fuzz/sdp.c. */
#ifndef BATON_SDP_H
#define BATON_SDP_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

enum sdp_direction { SDP_SENDRECV, SDP_SENDONLY, SDP_RECVONLY, SDP_INACTIVE };

enum { SDP_MAX_FORMATS = 32 };

struct sdp_audio {
	char address[64];       /* the audio's connection address (IPv4 or IPv6 text) */
	int port;               /* 0: audio refused */
	int formats[SDP_MAX_FORMATS];
	size_t format_count;    /* payload types in the order offered */
	int pcmu, pcma;         /* their payload types, or -1 */
	int telephone_event;    /* payload type of telephone-event/8000, or -1 */
	enum sdp_direction direction;
};

/* Reads the first audio stream of an SDP body. 0, or -1 when the body has
 * no usable audio stream (no m=audio, no connection address). */
int sdp_parse(const char *body, struct sdp_audio *out);

/* The codec to answer an offer with: its PCMU or PCMA payload type in the
 * offerer's order of preference, or -1 when it offers neither. */
int sdp_choose_codec(const struct sdp_audio *offer);

/* Writes an SDP body for one audio stream at address:port. With codec < 0
 * offers PCMU, PCMA and telephone-event 101; otherwise answers with that
 * payload type (A-law when alaw, else mu-law) and te_pt (when >= 0).
 * session_version must grow with each new description of the session. */
void sdp_write(struct buf *out, const char *address, int port, unsigned long long session_id,
	       unsigned long long session_version, int codec, bool alaw, int te_pt,
	       enum sdp_direction direction);

/* The direction to answer with (sendonly is answered with recvonly). */
enum sdp_direction sdp_answer_direction(enum sdp_direction offered);

#endif
