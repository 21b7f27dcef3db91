/* sipua.c - the dialer's SIP signalling: INVITE, ACK, CANCEL, BYE, INFO
 * and OPTIONS over UDP through one proxy, with RFC 3261's retransmissions
 * and dialog state (tags, route set, remote target, CSeq). */
#include "sipua_leg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "crypto.h"
#include "log.h"

enum { LINGER_MS = SIPUA_TIMEOUT_MS, MAX_DATAGRAM = SIP_MAX_MESSAGE };

static const char allow[] = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO\r\n";

long long sipua_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sipua_random_hex(char *out, size_t hex_chars)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char bytes[32];
	size_t n = (hex_chars + 1) / 2;
	if (n > sizeof bytes)
		n = sizeof bytes;
	if (crypto_random(bytes, n) != 0)
		memset(bytes, 0, n); /* never reached in practice; tags need not be secret */
	for (size_t i = 0; i < hex_chars && i / 2 < n; i++)
		out[i] = hex[(bytes[i / 2] >> (i % 2 ? 0 : 4)) & 0x0f];
	out[hex_chars] = '\0';
}

static int resolve(const char *hostport, struct sockaddr_storage *out, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(hostport, ':');
	if (colon == NULL || (size_t)(colon - hostport) >= sizeof host)
		return -1;
	memcpy(host, hostport, (size_t)(colon - hostport));
	host[colon - hostport] = '\0';
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0 || res == NULL)
		return -1;
	memcpy(out, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

struct sipua *sipua_new(const struct sipua_config *cfg, const struct sipua_handler *handler,
			char *err, size_t errlen)
{
	struct sipua *ua = calloc(1, sizeof *ua);
	if (ua == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	ua->cfg = *cfg;
	ua->handler = *handler;
	ua->fd = -1;
	snprintf(ua->listen, sizeof ua->listen, "%s", cfg->listen);
	snprintf(ua->domain, sizeof ua->domain, "%s", cfg->domain);
	snprintf(ua->media_address, sizeof ua->media_address, "%s", cfg->media_address);
	ua->cfg.listen = ua->listen;
	ua->cfg.domain = ua->domain;
	ua->cfg.media_address = ua->media_address;
	struct sockaddr_storage local;
	socklen_t local_len;
	if (resolve(cfg->listen, &local, &local_len) != 0) {
		snprintf(err, errlen, "cannot read the SIP address '%s' (host:port)", cfg->listen);
		goto fail;
	}
	if (resolve(cfg->proxy, &ua->proxy, &ua->proxy_len) != 0) {
		snprintf(err, errlen, "cannot read the SIP proxy address '%s' (host:port)", cfg->proxy);
		goto fail;
	}
	ua->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (ua->fd < 0 || bind(ua->fd, (struct sockaddr *)&local, local_len) != 0) {
		snprintf(err, errlen, "cannot listen on %s: %s", cfg->listen, strerror(errno));
		goto fail;
	}
	return ua;
fail:
	if (ua->fd >= 0)
		close(ua->fd);
	free(ua);
	return NULL;
}

static void leg_free(struct sip_leg *leg)
{
	sipua_media_close(leg);
	if (leg->have_invite)
		sip_msg_free(&leg->invite);
	buf_free(&leg->last_response);
	buf_free(&leg->invite_txn.text);
	buf_free(&leg->other_txn.text);
	buf_free(&leg->ack);
	free(leg);
}

void sipua_free(struct sipua *ua)
{
	if (ua == NULL)
		return;
	while (ua->legs != NULL) {
		struct sip_leg *next = ua->legs->next;
		leg_free(ua->legs);
		ua->legs = next;
	}
	if (ua->fd >= 0)
		close(ua->fd);
	free(ua);
}

size_t sipua_leg_count(const struct sipua *ua)
{
	size_t n = 0;
	for (const struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next)
		n += leg->state != LEG_GONE;
	return n;
}

/* ---- sending ------------------------------------------------------------ */

static void send_to(struct sipua *ua, const struct buf *text, const struct sockaddr_storage *to,
		    socklen_t to_len)
{
	if (sendto(ua->fd, text->data, text->len, 0, (const struct sockaddr *)to, to_len) < 0)
		log_warn("sip: send failed: %s", strerror(errno));
}

static void txn_start(struct sipua *ua, struct sipua_txn *t, const char *method, long cseq)
{
	(void)ua;
	t->active = true;
	t->provisional = false;
	snprintf(t->method, sizeof t->method, "%s", method);
	t->cseq = cseq;
	t->interval = SIPUA_T1_MS;
	long long now = sipua_now_ms();
	t->next_at = now + t->interval;
	t->give_up_at = now + SIPUA_TIMEOUT_MS;
}

/* Our Via with a fresh branch; the branch is copied into t. */
static void put_via(struct sipua *ua, struct buf *b, char *branch_out, size_t size)
{
	char rand[24];
	sipua_random_hex(rand, 20);
	snprintf(branch_out, size, "z9hG4bK%s", rand);
	buf_printf(b, "Via: SIP/2.0/UDP %s;branch=%s;rport\r\n", ua->listen, branch_out);
}

static void put_routes(const struct sip_leg *leg, struct buf *b)
{
	for (size_t i = 0; i < leg->route_count; i++)
		buf_printf(b, "Route: %s\r\n", leg->routes[i]);
}

/* A request inside the leg's dialog (BYE, INFO, ACK of a 2xx). */
static void build_in_dialog(struct sip_leg *leg, struct buf *b, const char *method, long cseq,
			    char *branch, size_t branch_size, const char *extra, const char *body)
{
	buf_clear(b);
	buf_printf(b, "%s %s SIP/2.0\r\n", method, leg->remote_target);
	put_via(leg->ua, b, branch, branch_size);
	buf_puts(b, "Max-Forwards: 70\r\n");
	put_routes(leg, b);
	buf_printf(b, "From: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %ld %s\r\n", leg->local_header,
		   leg->remote_header, leg->call_id, cseq, method);
	if (extra != NULL)
		buf_puts(b, extra);
	buf_printf(b, "Content-Length: %zu\r\n\r\n%s", body ? strlen(body) : 0, body ? body : "");
}

/* Copies what a response repeats of its request (RFC 3261 8.2.6.2). */
static void build_response(struct sipua *ua, const struct sip_msg *req, struct buf *b, int status,
			   const char *reason, const char *to_tag, bool record_route,
			   const char *extra, const char *body)
{
	buf_clear(b);
	buf_printf(b, "SIP/2.0 %d %s\r\n", status, reason);
	for (size_t i = 0; i < req->header_count; i++)
		if (strcasecmp(req->headers[i].name, "Via") == 0)
			buf_printf(b, "Via: %s\r\n", req->headers[i].value);
	if (record_route)
		for (size_t i = 0; i < req->header_count; i++)
			if (strcasecmp(req->headers[i].name, "Record-Route") == 0)
				buf_printf(b, "Record-Route: %s\r\n", req->headers[i].value);
	char tag[8];
	bool tagged = sip_param(req->to, "tag", tag, sizeof tag) || to_tag == NULL;
	buf_printf(b, "From: %s\r\nTo: %s", req->from, req->to);
	if (!tagged && status > 100)
		buf_printf(b, ";tag=%s", to_tag);
	buf_printf(b, "\r\nCall-ID: %s\r\nCSeq: %ld %s\r\n", req->call_id, req->cseq, req->cseq_method);
	if (status >= 180 && status < 300 && strcmp(req->cseq_method, "INVITE") == 0)
		buf_printf(b, "Contact: <sip:baton@%s>\r\n", ua->listen);
	buf_puts(b, "User-Agent: Baton dialer\r\n");
	if (extra != NULL)
		buf_puts(b, extra);
	buf_printf(b, "Content-Length: %zu\r\n\r\n%s", body ? strlen(body) : 0, body ? body : "");
}

static void respond(struct sipua *ua, const struct sip_msg *req, const struct sockaddr_storage *from,
		    socklen_t from_len, int status, const char *reason, const char *to_tag)
{
	struct buf b;
	buf_init(&b);
	build_response(ua, req, &b, status, reason, to_tag, false,
		       status == 405 || status == 200 ? allow : NULL, NULL);
	send_to(ua, &b, from, from_len);
	buf_free(&b);
}

/* ---- legs ----------------------------------------------------------------- */

static struct sip_leg *leg_new(struct sipua *ua, bool outgoing)
{
	struct sip_leg *leg = calloc(1, sizeof *leg);
	if (leg == NULL)
		return NULL;
	leg->ua = ua;
	leg->outgoing = outgoing;
	leg->rtp_fd = -1;
	buf_init(&leg->last_response);
	buf_init(&leg->invite_txn.text);
	buf_init(&leg->other_txn.text);
	buf_init(&leg->ack);
	sipua_random_hex(leg->local_tag, 16);
	if (sipua_media_open(leg) != 0) {
		log_error("sip: no RTP port free on %s", ua->media_address);
		leg_free(leg);
		return NULL;
	}
	leg->next = ua->legs;
	ua->legs = leg;
	return leg;
}

/* The leg is over for its owner: told once, then kept a while (GONE) to
 * answer retransmissions, and freed by the sweep. */
static void leg_end(struct sip_leg *leg, int status)
{
	if (leg->state == LEG_GONE)
		return;
	leg->state = LEG_GONE;
	leg->linger_until = sipua_now_ms() + LINGER_MS;
	leg->invite_txn.active = false;
	leg->other_txn.active = false;
	leg->resend_at = 0;
	sipua_media_close(leg);
	if (leg->ua->handler.ended)
		leg->ua->handler.ended(leg->ua->handler.ctx, leg, status);
	leg->data = NULL;
}

static void sweep(struct sipua *ua)
{
	long long now = sipua_now_ms();
	struct sip_leg **p = &ua->legs;
	while (*p != NULL) {
		struct sip_leg *leg = *p;
		if (leg->state == LEG_GONE && now >= leg->linger_until) {
			*p = leg->next;
			leg_free(leg);
		} else {
			p = &leg->next;
		}
	}
}

static void leg_up(struct sip_leg *leg)
{
	leg->state = LEG_UP;
	sipua_media_start(leg);
	if (leg->ua->handler.up)
		leg->ua->handler.up(leg->ua->handler.ctx, leg);
}

static void set_routes(struct sip_leg *leg, const struct sip_msg *m, bool reverse)
{
	char buf[4096], *values[SIPUA_MAX_ROUTES];
	size_t n = sip_header_values(m, "Record-Route", values, SIPUA_MAX_ROUTES, buf, sizeof buf);
	leg->route_count = 0;
	for (size_t i = 0; i < n; i++) {
		const char *v = values[reverse ? n - 1 - i : i];
		if (strlen(v) < sizeof leg->routes[0])
			snprintf(leg->routes[leg->route_count++], sizeof leg->routes[0], "%s", v);
	}
}

static void set_target(struct sip_leg *leg, const struct sip_msg *m)
{
	char uri[256];
	if (sip_value_uri(sip_header(m, "Contact"), uri, sizeof uri))
		snprintf(leg->remote_target, sizeof leg->remote_target, "%s", uri);
}

/* ---- placing calls ------------------------------------------------------- */

struct sip_leg *sipua_call(struct sipua *ua, const char *to_user, const char *from_user,
			   const char *from_name, const char *headers)
{
	struct sip_leg *leg = leg_new(ua, true);
	if (leg == NULL)
		return NULL;
	char rand[24];
	sipua_random_hex(rand, 20);
	snprintf(leg->call_id, sizeof leg->call_id, "%s@baton", rand);
	snprintf(leg->request_uri, sizeof leg->request_uri, "sip:%s@%s;user=phone", to_user, ua->domain);
	snprintf(leg->remote_target, sizeof leg->remote_target, "%s", leg->request_uri);
	snprintf(leg->dialled, sizeof leg->dialled, "%s", to_user);
	/* The display name is ours (the client's name): quotes and
	 * backslashes in it are dropped rather than escaped. */
	char name[96];
	size_t n = 0;
	for (const char *p = from_name ? from_name : ""; *p && n + 1 < sizeof name; p++)
		if (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			name[n++] = *p;
	name[n] = '\0';
	snprintf(leg->local_header, sizeof leg->local_header, "\"%s\" <sip:%s@%s>;tag=%s", name,
		 from_user, ua->domain, leg->local_tag);
	snprintf(leg->remote_header, sizeof leg->remote_header, "<sip:%s@%s>", to_user, ua->domain);
	leg->local_cseq = 1;
	leg->state = LEG_CALLING;

	struct buf sdp;
	buf_init(&sdp);
	sipua_media_sdp(leg, &sdp, true);
	struct sipua_txn *t = &leg->invite_txn;
	struct buf *b = &t->text;
	buf_printf(b, "INVITE %s SIP/2.0\r\n", leg->request_uri);
	put_via(ua, b, t->branch, sizeof t->branch);
	buf_printf(b, "Max-Forwards: 70\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: 1 INVITE\r\n"
		      "Contact: <sip:baton@%s>\r\n%sUser-Agent: Baton dialer\r\n%s"
		      "Content-Type: application/sdp\r\nContent-Length: %zu\r\n\r\n%s",
		   leg->local_header, leg->remote_header, leg->call_id, ua->listen, allow,
		   headers ? headers : "", sdp.len, sdp.data);
	buf_free(&sdp);
	txn_start(ua, t, "INVITE", 1);
	send_to(ua, b, &ua->proxy, ua->proxy_len);
	return leg;
}

static void send_cancel(struct sip_leg *leg)
{
	struct sipua *ua = leg->ua;
	struct sipua_txn *t = &leg->other_txn;
	buf_clear(&t->text);
	buf_printf(&t->text, "CANCEL %s SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=%s;rport\r\n"
			     "Max-Forwards: 70\r\nFrom: %s\r\nTo: <sip:%s@%s>\r\nCall-ID: %s\r\n"
			     "CSeq: %ld CANCEL\r\nContent-Length: 0\r\n\r\n",
		   leg->request_uri, ua->listen, leg->invite_txn.branch, leg->local_header,
		   leg->dialled, ua->domain, leg->call_id, leg->invite_txn.cseq);
	snprintf(t->branch, sizeof t->branch, "%s", leg->invite_txn.branch);
	txn_start(ua, t, "CANCEL", leg->invite_txn.cseq);
	send_to(ua, &t->text, &ua->proxy, ua->proxy_len);
}

static void send_bye(struct sip_leg *leg)
{
	struct sipua_txn *t = &leg->other_txn;
	long cseq = ++leg->local_cseq;
	build_in_dialog(leg, &t->text, "BYE", cseq, t->branch, sizeof t->branch, NULL, NULL);
	txn_start(leg->ua, t, "BYE", cseq);
	leg->state = LEG_ENDING;
	send_to(leg->ua, &t->text, &leg->ua->proxy, leg->ua->proxy_len);
}

/* ACK of a non-2xx final response: part of the INVITE transaction. */
static void ack_failure(struct sip_leg *leg, const struct sip_msg *resp)
{
	struct sipua *ua = leg->ua;
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "ACK %s SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=%s;rport\r\nMax-Forwards: 70\r\n"
		       "From: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %ld ACK\r\nContent-Length: 0\r\n\r\n",
		   leg->request_uri, ua->listen, leg->invite_txn.branch, leg->local_header, resp->to,
		   leg->call_id, leg->invite_txn.cseq);
	send_to(ua, &b, &ua->proxy, ua->proxy_len);
	buf_free(&b);
}

static void ack_success(struct sip_leg *leg)
{
	char branch[48];
	if (leg->ack.len == 0)
		build_in_dialog(leg, &leg->ack, "ACK", leg->invite_txn.cseq, branch, sizeof branch, NULL,
				NULL);
	send_to(leg->ua, &leg->ack, &leg->ua->proxy, leg->ua->proxy_len);
}

static void invite_response(struct sip_leg *leg, const struct sip_msg *m)
{
	struct sipua_txn *t = &leg->invite_txn;
	if (m->status < 200) {
		t->provisional = true;
		if (leg->cancel_wanted && !leg->other_txn.active) {
			send_cancel(leg);
			return;
		}
		if (m->status >= 180 && leg->state == LEG_CALLING && leg->ua->handler.ringing)
			leg->ua->handler.ringing(leg->ua->handler.ctx, leg);
		return;
	}
	if (m->status < 300) {
		if (leg->state != LEG_CALLING) {
			ack_success(leg); /* a retransmitted 2xx */
			return;
		}
		t->active = false;
		char tag[128];
		if (sip_param(m->to, "tag", tag, sizeof tag))
			snprintf(leg->remote_tag, sizeof leg->remote_tag, "%s", tag);
		snprintf(leg->remote_header, sizeof leg->remote_header, "%s", m->to);
		set_routes(leg, m, true);
		set_target(leg, m);
		ack_success(leg);
		if (leg->cancel_wanted || sipua_media_remote(leg, m->body, false) != 0) {
			/* Answered after we gave up, or with no audio we can use. */
			send_bye(leg);
			return;
		}
		leg_up(leg);
		return;
	}
	if (leg->state != LEG_CALLING) {
		ack_failure(leg, m);
		return;
	}
	t->active = false;
	ack_failure(leg, m);
	leg_end(leg, m->status);
}

static void other_response(struct sip_leg *leg, const struct sip_msg *m)
{
	struct sipua_txn *t = &leg->other_txn;
	if (!t->active || m->status < 200 || strcmp(m->cseq_method, t->method) != 0)
		return;
	t->active = false;
	if (strcmp(t->method, "BYE") == 0)
		leg_end(leg, 200);
	/* A CANCEL's 200 is followed by the INVITE's 487. */
}

/* ---- receiving calls ------------------------------------------------------ */

static void keep_invite(struct sip_leg *leg, struct sip_msg *m, const struct sockaddr_storage *from,
			socklen_t from_len)
{
	if (leg->have_invite)
		sip_msg_free(&leg->invite);
	leg->invite = *m;
	leg->have_invite = true;
	m->text = NULL; /* the leg owns the text now */
	memcpy(&leg->invite_from, from, from_len);
	leg->invite_from_len = from_len;
}

/* Sends (and keeps, for retransmission) a response to the kept INVITE. */
static void invite_respond(struct sip_leg *leg, int status, const char *reason, const char *body)
{
	const char *extra = body ? "Content-Type: application/sdp\r\n" : NULL;
	struct buf extra_all;
	buf_init(&extra_all);
	if (status == 200)
		buf_puts(&extra_all, allow);
	if (extra)
		buf_puts(&extra_all, extra);
	build_response(leg->ua, &leg->invite, &leg->last_response, status, reason, leg->local_tag,
		       status < 300, extra_all.len ? extra_all.data : NULL, body);
	buf_free(&extra_all);
	send_to(leg->ua, &leg->last_response, &leg->invite_from, leg->invite_from_len);
}

static void caller_of(struct sip_leg *leg, const struct sip_msg *m)
{
	char uri[256];
	const char *who = sip_header(m, "P-Asserted-Identity");
	if (who == NULL)
		who = m->from;
	if (sip_value_uri(who, uri, sizeof uri))
		sip_uri_user(uri, leg->caller, sizeof leg->caller);
	/* "Display Name" <sip:...>: the words between the quotes. */
	const char *q = strchr(m->from, '"');
	const char *end = q ? strchr(q + 1, '"') : NULL;
	if (q != NULL && end != NULL && (size_t)(end - q - 1) < sizeof leg->caller_name) {
		memcpy(leg->caller_name, q + 1, (size_t)(end - q - 1));
		leg->caller_name[end - q - 1] = '\0';
	}
}

static void new_invite(struct sipua *ua, struct sip_msg *m, const struct sockaddr_storage *from,
		       socklen_t from_len)
{
	struct sip_leg *leg = leg_new(ua, false);
	if (leg == NULL) {
		respond(ua, m, from, from_len, 503, "Service Unavailable", NULL);
		return;
	}
	snprintf(leg->call_id, sizeof leg->call_id, "%s", m->call_id);
	char tag[128] = "";
	sip_param(m->from, "tag", tag, sizeof tag);
	snprintf(leg->remote_tag, sizeof leg->remote_tag, "%s", tag);
	snprintf(leg->remote_header, sizeof leg->remote_header, "%s", m->from);
	snprintf(leg->local_header, sizeof leg->local_header, "%s;tag=%s", m->to, leg->local_tag);
	leg->remote_cseq = m->cseq;
	sip_uri_user(m->uri, leg->dialled, sizeof leg->dialled);
	caller_of(leg, m);
	set_routes(leg, m, false);
	set_target(leg, m);
	leg->state = LEG_OFFERED;
	bool usable = leg->remote_target[0] != '\0' && sipua_media_remote(leg, m->body, true) == 0;
	keep_invite(leg, m, from, from_len);
	if (!usable) {
		invite_respond(leg, 488, "Not Acceptable Here", NULL);
		leg_end(leg, 488);
		return;
	}
	invite_respond(leg, 100, "Trying", NULL);
	if (ua->handler.incoming)
		ua->handler.incoming(ua->handler.ctx, leg);
}

int sipua_answer(struct sip_leg *leg)
{
	if (leg->state != LEG_OFFERED)
		return -1;
	struct buf sdp;
	buf_init(&sdp);
	sipua_media_sdp(leg, &sdp, false);
	invite_respond(leg, 200, "OK", sdp.data);
	buf_free(&sdp);
	leg->state = LEG_ANSWERED;
	leg->resend_interval = SIPUA_T1_MS;
	leg->resend_at = sipua_now_ms() + leg->resend_interval;
	leg->resend_until = sipua_now_ms() + SIPUA_TIMEOUT_MS;
	return 0;
}

void sipua_reject(struct sip_leg *leg, int status, const char *reason)
{
	if (leg->state != LEG_OFFERED)
		return;
	invite_respond(leg, status, reason, NULL);
	leg_end(leg, status);
}

void sipua_hangup(struct sip_leg *leg)
{
	switch (leg->state) {
	case LEG_CALLING:
		leg->cancel_wanted = true;
		if (leg->invite_txn.provisional && !leg->other_txn.active)
			send_cancel(leg);
		break;
	case LEG_OFFERED:
		sipua_reject(leg, 480, "Temporarily Unavailable");
		break;
	case LEG_ANSWERED:
	case LEG_UP:
		send_bye(leg);
		break;
	default:
		break;
	}
}

void sipua_hangup_all(struct sipua *ua)
{
	for (struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next)
		sipua_hangup(leg);
}

/* A re-INVITE (hold, a new address, a session refresh): answered with our
 * same address and codec. */
static void reinvite(struct sip_leg *leg, struct sip_msg *m, const struct sockaddr_storage *from,
		     socklen_t from_len)
{
	leg->remote_cseq = m->cseq;
	set_target(leg, m);
	if (m->body_len > 0 && sipua_media_remote(leg, m->body, true) != 0) {
		respond(leg->ua, m, from, from_len, 488, "Not Acceptable Here", NULL);
		return;
	}
	keep_invite(leg, m, from, from_len);
	struct buf sdp;
	buf_init(&sdp);
	sipua_media_sdp(leg, &sdp, false);
	invite_respond(leg, 200, "OK", sdp.data);
	buf_free(&sdp);
}

static void in_dialog(struct sip_leg *leg, struct sip_msg *m, const struct sockaddr_storage *from,
		      socklen_t from_len)
{
	struct sipua *ua = leg->ua;
	if (leg->state == LEG_GONE) {
		/* A retransmission after the end: BYE again gets its 200. */
		respond(ua, m, from, from_len, strcmp(m->method, "BYE") == 0 ? 200 : 481,
			strcmp(m->method, "BYE") == 0 ? "OK" : "Call/Transaction Does Not Exist", NULL);
		return;
	}
	if (strcmp(m->method, "BYE") == 0) {
		respond(ua, m, from, from_len, 200, "OK", NULL);
		leg_end(leg, 200);
	} else if (strcmp(m->method, "INFO") == 0) {
		respond(ua, m, from, from_len, 200, "OK", NULL);
		sipua_media_digit_in(leg, sip_info_digit(sip_header(m, "Content-Type"), m->body));
	} else if (strcmp(m->method, "INVITE") == 0) {
		if (m->cseq == leg->remote_cseq && leg->last_response.len > 0)
			send_to(ua, &leg->last_response, from, from_len);
		else
			reinvite(leg, m, from, from_len);
	} else if (strcmp(m->method, "OPTIONS") == 0 || strcmp(m->method, "UPDATE") == 0
		   || strcmp(m->method, "NOTIFY") == 0) {
		respond(ua, m, from, from_len, 200, "OK", NULL);
	} else {
		respond(ua, m, from, from_len, 405, "Method Not Allowed", NULL);
	}
}

static struct sip_leg *find_by_tag(struct sipua *ua, const char *call_id, const char *local_tag)
{
	for (struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next)
		if (strcmp(leg->call_id, call_id) == 0 && strcmp(leg->local_tag, local_tag) == 0)
			return leg;
	return NULL;
}

/* An INVITE to us not yet answered, by its transaction (Call-ID, branch). */
static struct sip_leg *find_offered(struct sipua *ua, const struct sip_msg *m)
{
	char branch[128];
	if (!sip_param(m->via, "branch", branch, sizeof branch))
		return NULL;
	for (struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next) {
		if (leg->outgoing || !leg->have_invite || strcmp(leg->call_id, m->call_id) != 0)
			continue;
		char kept[128];
		if (sip_param(leg->invite.via, "branch", kept, sizeof kept) && strcmp(kept, branch) == 0)
			return leg;
	}
	return NULL;
}

static void on_request(struct sipua *ua, struct sip_msg *m, const struct sockaddr_storage *from,
		       socklen_t from_len)
{
	char to_tag[128];
	bool tagged = sip_param(m->to, "tag", to_tag, sizeof to_tag);
	if (strcmp(m->method, "ACK") == 0) {
		struct sip_leg *leg = tagged ? find_by_tag(ua, m->call_id, to_tag) : NULL;
		if (leg != NULL && leg->state == LEG_ANSWERED) {
			leg->resend_at = 0;
			leg_up(leg);
		} else if (leg != NULL) {
			leg->resend_at = 0; /* the ACK of a re-INVITE's 200 */
		}
		return;
	}
	if (strcmp(m->method, "CANCEL") == 0) {
		struct sip_leg *leg = find_offered(ua, m);
		respond(ua, m, from, from_len, leg ? 200 : 481,
			leg ? "OK" : "Call/Transaction Does Not Exist", NULL);
		if (leg != NULL && leg->state == LEG_OFFERED) {
			invite_respond(leg, 487, "Request Terminated", NULL);
			leg_end(leg, 487);
		}
		return;
	}
	if (tagged) {
		struct sip_leg *leg = find_by_tag(ua, m->call_id, to_tag);
		if (leg == NULL)
			respond(ua, m, from, from_len, 481, "Call/Transaction Does Not Exist", NULL);
		else
			in_dialog(leg, m, from, from_len);
		return;
	}
	if (strcmp(m->method, "INVITE") == 0) {
		struct sip_leg *leg = find_offered(ua, m);
		if (leg != NULL) {
			/* A retransmission: the last response again. */
			if (leg->last_response.len > 0)
				send_to(ua, &leg->last_response, from, from_len);
			return;
		}
		new_invite(ua, m, from, from_len);
		return;
	}
	if (strcmp(m->method, "OPTIONS") == 0)
		respond(ua, m, from, from_len, 200, "OK", NULL);
	else
		respond(ua, m, from, from_len, 405, "Method Not Allowed", NULL);
}

static void on_response(struct sipua *ua, const struct sip_msg *m)
{
	char from_tag[128];
	if (!sip_param(m->from, "tag", from_tag, sizeof from_tag))
		return;
	struct sip_leg *leg = find_by_tag(ua, m->call_id, from_tag);
	if (leg == NULL || leg->state == LEG_GONE)
		return;
	if (strcmp(m->cseq_method, "INVITE") == 0 && leg->outgoing && m->cseq == leg->invite_txn.cseq)
		invite_response(leg, m);
	else
		other_response(leg, m);
}

static void read_sip(struct sipua *ua)
{
	char buf[MAX_DATAGRAM + 1];
	for (int i = 0; i < 64; i++) {
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from;
		ssize_t n = recvfrom(ua->fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &from_len);
		if (n < 0)
			return;
		if (n <= 4 || (size_t)n > MAX_DATAGRAM)
			continue; /* keep-alives (CRLF) and oversized datagrams */
		struct sip_msg m;
		const char *error;
		if (sip_parse(&m, buf, (size_t)n, &error) != 0) {
			log_warn("sip: dropped a malformed message (%s)", error);
			sip_msg_free(&m);
			continue;
		}
		if (m.is_request)
			on_request(ua, &m, &from, from_len);
		else
			on_response(ua, &m);
		sip_msg_free(&m);
	}
}

/* ---- timers ----------------------------------------------------------------- */

static void txn_timer(struct sip_leg *leg, struct sipua_txn *t, long long now)
{
	if (!t->active)
		return;
	if (now >= t->give_up_at) {
		t->active = false;
		if (t == &leg->invite_txn)
			leg_end(leg, leg->cancel_wanted ? 487 : 408);
		else if (strcmp(t->method, "BYE") == 0)
			leg_end(leg, 200);
		return;
	}
	/* An INVITE that has a provisional answer waits; others resend. */
	if (now >= t->next_at && !(t == &leg->invite_txn && t->provisional)) {
		send_to(leg->ua, &t->text, &leg->ua->proxy, leg->ua->proxy_len);
		t->interval = t == &leg->invite_txn ? t->interval * 2
			      : (t->interval * 2 > SIPUA_T2_MS ? SIPUA_T2_MS : t->interval * 2);
		t->next_at = now + t->interval;
	}
}

static void timers(struct sipua *ua)
{
	long long now = sipua_now_ms();
	for (struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next) {
		if (leg->state == LEG_GONE)
			continue;
		txn_timer(leg, &leg->invite_txn, now);
		if (leg->state != LEG_GONE)
			txn_timer(leg, &leg->other_txn, now);
		if (leg->state == LEG_GONE || leg->resend_at == 0 || now < leg->resend_at)
			continue;
		if (now >= leg->resend_until) {
			/* Our 200 was never ACKed: the call cannot be used. */
			leg->resend_at = 0;
			if (leg->state == LEG_ANSWERED)
				send_bye(leg);
			continue;
		}
		send_to(ua, &leg->last_response, &leg->invite_from, leg->invite_from_len);
		leg->resend_interval = leg->resend_interval * 2 > SIPUA_T2_MS ? SIPUA_T2_MS
									   : leg->resend_interval * 2;
		leg->resend_at = now + leg->resend_interval;
	}
}

/* ---- the loop --------------------------------------------------------------- */

size_t sipua_poll_fds(struct sipua *ua, struct pollfd *fds, size_t max)
{
	size_t n = 0;
	if (n < max)
		fds[n++] = (struct pollfd){ .fd = ua->fd, .events = POLLIN };
	for (struct sip_leg *leg = ua->legs; leg != NULL && n < max; leg = leg->next)
		if (leg->rtp_fd >= 0)
			fds[n++] = (struct pollfd){ .fd = leg->rtp_fd, .events = POLLIN };
	return n;
}

int sipua_timeout_ms(struct sipua *ua)
{
	long long now = sipua_now_ms(), next = -1;
	for (struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next) {
		long long due[5] = {
			leg->invite_txn.active ? leg->invite_txn.next_at : -1,
			leg->invite_txn.active ? leg->invite_txn.give_up_at : -1,
			leg->other_txn.active ? leg->other_txn.next_at : -1,
			leg->resend_at > 0 ? leg->resend_at : -1,
			leg->state == LEG_UP ? leg->next_frame_at
			: leg->state == LEG_GONE ? leg->linger_until : -1,
		};
		for (int i = 0; i < 5; i++)
			if (due[i] >= 0 && (next < 0 || due[i] < next))
				next = due[i];
	}
	if (next < 0)
		return -1;
	return next <= now ? 0 : (int)(next - now);
}

void sipua_process(struct sipua *ua, const struct pollfd *fds, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (!(fds[i].revents & POLLIN))
			continue;
		if (fds[i].fd == ua->fd) {
			read_sip(ua);
			continue;
		}
		for (struct sip_leg *leg = ua->legs; leg != NULL; leg = leg->next)
			if (leg->rtp_fd == fds[i].fd) {
				sipua_media_read(leg);
				break;
			}
	}
	timers(ua);
	sipua_media_tick(ua);
	sweep(ua);
}

/* ---- accessors --------------------------------------------------------------- */

void sipua_leg_set_data(struct sip_leg *leg, void *data) { leg->data = data; }
void *sipua_leg_data(const struct sip_leg *leg) { return leg->data; }
const char *sipua_leg_dialled(const struct sip_leg *leg) { return leg->dialled; }
const char *sipua_leg_caller(const struct sip_leg *leg) { return leg->caller; }
const char *sipua_leg_caller_name(const struct sip_leg *leg) { return leg->caller_name; }
const char *sipua_leg_call_id(const struct sip_leg *leg) { return leg->call_id; }
bool sipua_leg_is_up(const struct sip_leg *leg) { return leg->state == LEG_UP; }
