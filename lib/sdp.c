/* sdp.c - reading and writing the audio part of session descriptions. */
#include "sdp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

enum { SDP_LINE_MAX = 1024 };

static int parse_int(const char *s, const char **end, int min, int max)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	long v = 0;
	while (isdigit((unsigned char)*s)) {
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
		s++;
	}
	*end = s;
	return v < min ? -1 : (int)v;
}

/* "c=IN IP4 192.0.2.1" (a multicast TTL after '/' is cut off). */
static void parse_connection(const char *v, char *address, size_t size)
{
	if (strncmp(v, "IN IP4 ", 7) != 0 && strncmp(v, "IN IP6 ", 7) != 0)
		return;
	v += 7;
	size_t n = strcspn(v, "/ \t");
	if (n == 0 || n >= size)
		return;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)v[i]) && v[i] != '.' && v[i] != ':')
			return;
	memcpy(address, v, n);
	address[n] = '\0';
}

/* "m=audio 49170 RTP/AVP 0 8 101" */
static int parse_media(const char *v, struct sdp_audio *a)
{
	const char *p;
	int port = parse_int(v + 6, &p, 0, 65535);
	if (port < 0)
		return -1;
	if (*p == '/') { /* port/count */
		int ignored = parse_int(p + 1, &p, 1, 65535);
		if (ignored < 0)
			return -1;
	}
	if (*p != ' ')
		return -1;
	p++;
	size_t proto = strcspn(p, " ");
	if (proto == 0 || p[proto] != ' ')
		return -1;
	/* RTP/AVP (and AVPF): the dialer speaks plain RTP only. */
	if (strncmp(p, "RTP/AVP", 7) != 0)
		port = 0;
	p += proto;
	a->port = port;
	a->format_count = 0;
	while (*p == ' ') {
		p++;
		int pt = parse_int(p, &p, 0, 127);
		if (pt < 0)
			return -1;
		if (a->format_count < SDP_MAX_FORMATS)
			a->formats[a->format_count++] = pt;
		if (pt == 0)
			a->pcmu = 0;
		else if (pt == 8)
			a->pcma = 8;
	}
	return *p == '\0' ? 0 : -1;
}

static bool offered(const struct sdp_audio *a, int pt)
{
	for (size_t i = 0; i < a->format_count; i++)
		if (a->formats[i] == pt)
			return true;
	return false;
}

/* "a=rtpmap:101 telephone-event/8000" and the directions. */
static void parse_attribute(const char *v, struct sdp_audio *a)
{
	if (strncmp(v, "rtpmap:", 7) == 0) {
		const char *p;
		int pt = parse_int(v + 7, &p, 0, 127);
		if (pt < 0 || *p != ' ' || !offered(a, pt))
			return;
		p++;
		if (strncasecmp(p, "telephone-event/8000", 20) == 0 && a->telephone_event < 0)
			a->telephone_event = pt;
		else if (strncasecmp(p, "PCMU/8000", 9) == 0 && a->pcmu < 0)
			a->pcmu = pt;
		else if (strncasecmp(p, "PCMA/8000", 9) == 0 && a->pcma < 0)
			a->pcma = pt;
	} else if (strcmp(v, "sendrecv") == 0) {
		a->direction = SDP_SENDRECV;
	} else if (strcmp(v, "sendonly") == 0) {
		a->direction = SDP_SENDONLY;
	} else if (strcmp(v, "recvonly") == 0) {
		a->direction = SDP_RECVONLY;
	} else if (strcmp(v, "inactive") == 0) {
		a->direction = SDP_INACTIVE;
	}
}

int sdp_parse(const char *body, struct sdp_audio *out)
{
	memset(out, 0, sizeof *out);
	out->pcmu = out->pcma = out->telephone_event = -1;
	out->direction = SDP_SENDRECV;
	char session_address[64] = "";
	char line[SDP_LINE_MAX];
	bool in_audio = false, seen_audio = false, done = false;
	const char *p = body;
	while (p != NULL && *p && !done) {
		size_t n = strcspn(p, "\r\n");
		const char *next = p + n;
		while (*next == '\r' || *next == '\n')
			next++;
		if (n >= 2 && n < sizeof line && p[1] == '=') {
			memcpy(line, p, n);
			line[n] = '\0';
			const char *v = line + 2;
			switch (line[0]) {
			case 'c':
				parse_connection(v, in_audio ? out->address : session_address,
						 sizeof out->address);
				break;
			case 'm':
				if (in_audio) {
					done = true; /* only the first audio stream */
				} else if (strncmp(v, "audio ", 6) == 0 && !seen_audio) {
					if (parse_media(v, out) != 0)
						return -1;
					in_audio = seen_audio = true;
				}
				break;
			case 'a':
				if (in_audio)
					parse_attribute(v, out);
				else if (strcmp(v, "sendonly") == 0 || strcmp(v, "recvonly") == 0
					 || strcmp(v, "inactive") == 0 || strcmp(v, "sendrecv") == 0)
					parse_attribute(v, out); /* session level: the default */
				break;
			default:
				break;
			}
		}
		p = next;
	}
	if (!seen_audio)
		return -1;
	if (out->address[0] == '\0')
		memcpy(out->address, session_address, sizeof out->address);
	return out->address[0] != '\0' ? 0 : -1;
}

int sdp_choose_codec(const struct sdp_audio *offer)
{
	for (size_t i = 0; i < offer->format_count; i++) {
		int pt = offer->formats[i];
		if (pt == offer->pcmu || pt == offer->pcma)
			return pt;
	}
	return -1;
}

enum sdp_direction sdp_answer_direction(enum sdp_direction offered_direction)
{
	switch (offered_direction) {
	case SDP_SENDONLY:
		return SDP_RECVONLY;
	case SDP_RECVONLY:
		return SDP_SENDONLY;
	case SDP_INACTIVE:
		return SDP_INACTIVE;
	default:
		return SDP_SENDRECV;
	}
}

static const char *direction_name(enum sdp_direction d)
{
	switch (d) {
	case SDP_SENDONLY:
		return "sendonly";
	case SDP_RECVONLY:
		return "recvonly";
	case SDP_INACTIVE:
		return "inactive";
	default:
		return "sendrecv";
	}
}

void sdp_write(struct buf *out, const char *address, int port, unsigned long long session_id,
	       unsigned long long session_version, int codec, bool alaw, int te_pt,
	       enum sdp_direction direction)
{
	const char *family = strchr(address, ':') ? "IP6" : "IP4";
	buf_printf(out, "v=0\r\no=baton %llu %llu IN %s %s\r\ns=Baton\r\nc=IN %s %s\r\nt=0 0\r\n",
		   session_id, session_version, family, address, family, address);
	if (codec < 0) {
		buf_printf(out, "m=audio %d RTP/AVP 0 8 101\r\n"
				"a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
				"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n", port);
	} else {
		buf_printf(out, "m=audio %d RTP/AVP %d", port, codec);
		if (te_pt >= 0)
			buf_printf(out, " %d", te_pt);
		buf_printf(out, "\r\na=rtpmap:%d %s/8000\r\n", codec, alaw ? "PCMA" : "PCMU");
		if (te_pt >= 0)
			buf_printf(out, "a=rtpmap:%d telephone-event/8000\r\na=fmtp:%d 0-15\r\n", te_pt,
				   te_pt);
	}
	buf_printf(out, "a=ptime:20\r\na=%s\r\n", direction_name(direction));
}
