/* loadgen - Baton's load generator (bench/README).
 *
 * One process, one epoll loop, plain sockets: HTTP/1.1 keep-alive to nginx
 * on 127.0.0.1, making the requests the viewer and the agent console make:
 *   POST /say   channel, token, text, cmid  (Accept: application/json,
 *               Origin: the base URL, Cookie: the participant's cookie)
 *   POST /go    channel, token, url, mode   (the leader leads)
 *   GET  /poll?channel=CH&after=SEQ&signals=S   long-poll; asks again at once
 *               with the last seq; obeys retry_ms; after a failure it
 *               reconnects and asks again with the last seq it saw.
 * Modes (one measurement each; tools/bench runs them in turn):
 *   convo     N pairs: the visitor says a line, the agent answers as soon as
 *             its poll returns it, the visitor pauses (--pause MIN-MAX ms)
 *   saturate  the same without pauses, ramping the pairs (--steps) until
 *             p99 reaches --target-p99
 *   idle      --polls long-polls held open with nothing happening
 *   fanout    one channel, --followers polling; the leader POSTs /go
 *   auditorium  the same for an event (issue 17): its attendees poll
 *             /poll?audience=EVENT, its leading speaker POSTs /go on the stage
 *             --rounds times: time until the last follower has the address
 * Every mode checks sequence numbers (events by seq, lines by cmid) and
 * reports lost, doubled and out-of-order ones. With --timeline FILE, convo
 * writes one line per delivery, resent post and integrity failure, with its
 * time, so a fault test can tell what each fault did; with --duration 0 it
 * runs until SIGUSR1 (then stops starting lines and drains). With --stack DIR it reports
 * CPU and memory of the stack's processes (the pid files in DIR/run and their
 * children) and, with --mysql, MariaDB's counters over the window.
 *
 * Fixtures (made by bench/setup.pl), one record a line:
 *   pair CHANNEL VISITOR_COOKIE VISITOR_TOKEN AGENT_COOKIE AGENT_TOKEN
 *   fan CHANNEL LEADER_COOKIE LEADER_TOKEN
 *   follower VISITOR_COOKIE
 *   stage EVENT STAGE_CHANNEL SPEAKER_COOKIE SPEAKER_TOKEN
 *   attendee VISITOR_COOKIE
 * where a cookie is NAME=VALUE as the browser sends it. The channels' current
 * last_seq and signal_version are read from the database at start (--mysql),
 * so fixtures can be reused run after run. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
enum { RING = 256, MAX_STEPS = 64, MAX_GROUPS = 96, GAP_SLOTS = 16 };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("loadgen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (p == NULL)
		die("out of memory");
	return p;
}

/* ---- growable byte buffer ------------------------------------------------ */

struct sbuf {
	char *d;
	size_t len, cap;
};

static void sb_reserve(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 512;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->d = realloc(b->d, cap);
	if (b->d == NULL)
		die("out of memory");
	b->cap = cap;
}

static void sb_add(struct sbuf *b, const void *p, size_t n)
{
	sb_reserve(b, n);
	memcpy(b->d + b->len, p, n);
	b->len += n;
	b->d[b->len] = '\0';
}

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	sb_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->d + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void sb_consume(struct sbuf *b, size_t n)
{
	memmove(b->d, b->d + n, b->len - n);
	b->len -= n;
	if (b->d)
		b->d[b->len] = '\0';
}

/* ---- a little JSON: enough to walk Baton's answers ------------------------ */

static const char *js_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p;
}

static const char *js_skip_string(const char *p, const char *e)
{
	for (p++; p < e; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

static const char *js_skip(const char *p, const char *e)
{
	p = js_ws(p, e);
	if (p >= e)
		return NULL;
	if (*p == '"')
		return js_skip_string(p, e);
	if (*p == '{' || *p == '[') {
		int depth = 0;
		while (p < e) {
			if (*p == '"') {
				if ((p = js_skip_string(p, e)) == NULL)
					return NULL;
				continue;
			}
			if (*p == '{' || *p == '[')
				depth++;
			else if ((*p == '}' || *p == ']') && --depth == 0)
				return p + 1;
			p++;
		}
		return NULL;
	}
	while (p < e && *p != ',' && *p != '}' && *p != ']' && !isspace((unsigned char)*p))
		p++;
	return p;
}

/* The value of `key` in the object at p, or NULL; *vend gets its end. */
static const char *js_get(const char *p, const char *e, const char *key, const char **vend)
{
	size_t kl = strlen(key);
	p = js_ws(p, e);
	if (p >= e || *p != '{')
		return NULL;
	p++;
	for (;;) {
		p = js_ws(p, e);
		if (p >= e || *p != '"')
			return NULL;
		const char *ks = p + 1, *ke = js_skip_string(p, e);
		if (ke == NULL)
			return NULL;
		bool match = (size_t)(ke - 1 - ks) == kl && memcmp(ks, key, kl) == 0;
		p = js_ws(ke, e);
		if (p >= e || *p != ':')
			return NULL;
		p = js_ws(p + 1, e);
		const char *ve = js_skip(p, e);
		if (ve == NULL)
			return NULL;
		if (match) {
			if (vend)
				*vend = ve;
			return p;
		}
		p = js_ws(ve, e);
		if (p < e && *p == ',')
			p++;
	}
}

static bool js_int(const char *p, const char *e, const char *key, long long *out)
{
	const char *v = js_get(p, e, key, NULL);
	if (v == NULL || !(isdigit((unsigned char)*v) || *v == '-'))
		return false;
	*out = strtoll(v, NULL, 10);
	return true;
}

/* Copies the string value of `key` (simple escapes decoded); false if absent
 * or not a string. */
static bool js_str(const char *p, const char *e, const char *key, char *out, size_t cap)
{
	const char *ve, *v = js_get(p, e, key, &ve);
	if (v == NULL || *v != '"' || cap == 0)
		return false;
	size_t n = 0;
	for (v++; v < ve - 1 && n + 1 < cap; v++) {
		char c = *v;
		if (c == '\\' && v + 1 < ve - 1) {
			c = *++v;
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'u' && v + 4 < ve) {
				c = (char)strtol((char[]){ v[1], v[2], v[3], v[4], 0 }, NULL, 16);
				v += 4;
			}
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return true;
}

/* ---- options --------------------------------------------------------------- */

enum mode { M_CONVO, M_SATURATE, M_IDLE, M_FANOUT, M_AUDITORIUM };

static struct {
	enum mode mode;
	const char *url, *fixtures, *stack, *mysql, *label, *summary;
	char host[64];
	struct sockaddr_in addr;
	int pairs;
	double duration, warmup, drain, settle;
	int pause_min, pause_max;
	int steps[MAX_STEPS], nsteps;
	double step_secs;
	double target_p99;
	int patience;
	int polls, open_rate, followers, rounds;
	int procs;          /* fan-out: processes sharing the followers */
	int askers;         /* auditorium: attendees who ask a question each, */
	double storm_secs;  /* spread over these seconds */
	double idle;        /* auditorium: seconds measured with everyone held, before the rounds */
	bool verbose;
	const char *fault; /* --fault drop|dup: test the checks themselves */
	const char *timeline;
} O = {
	.pairs = 20, .duration = 10, .warmup = 3, .drain = 5, .settle = 3,
	.pause_min = 1000, .pause_max = 3000, .step_secs = 5, .target_p99 = 100, .patience = 1,
	.polls = 200, .open_rate = 1000, .followers = 100, .rounds = 3, .procs = 1, .storm_secs = 10,
};

/* ---- connections ----------------------------------------------------------- */

enum conn_state { CS_CLOSED, CS_CONNECTING, CS_OPEN };
enum conn_kind { K_POLL, K_SAY, K_GO, K_ASK, K_QUEUE };

struct conn {
	int fd;
	enum conn_state state;
	enum conn_kind kind;
	void *owner;
	bool busy;            /* a request is outstanding */
	struct sbuf out;      /* the request, kept until answered (to resend) */
	size_t out_off;
	struct sbuf in;
	uint32_t events;      /* registered with epoll */
	double sent_at, deadline;
	int tries;            /* failures in a row of this request */
	int line_n;           /* K_SAY: the line in flight */
};

static int epfd = -1;
static struct conn **all_conns;
static size_t nconns, capconns;

/* Global counters; win_* count inside the measurement window only. */
static struct {
	double w0, w1;        /* window; w0 = 0: none open yet */
	bool sending;         /* new lines may be started */
	long responses, connects, net_errors, timeouts, http_4xx, http_5xx, poll_503, poll_retry;
	long win_http, win_say, win_poll, win_poll_empty, win_lines, win_events_idle;
	long say_rejected;
	/* integrity (whole run) */
	long ev_lost, ev_doubled, ev_reordered, ln_lost, ln_doubled, ln_reordered, misnumbered;
	long unfinished;      /* lines still in flight when the run ended */
	char first_error[300];
} G;

/* --timeline: "EPOCH_SECONDS WHAT ..." lines, written as things happen. */
static FILE *timeline;

static void tl(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void tl(const char *fmt, ...)
{
	if (timeline == NULL)
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(timeline, "%lld.%03ld ", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(timeline, fmt, ap);
	va_end(ap);
	fputc('\n', timeline);
}

static void note_error(const char *fmt, ...)
{
	if (G.first_error[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(G.first_error, sizeof G.first_error, fmt, ap);
	va_end(ap);
	for (char *p = G.first_error; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '|')
			*p = ' ';
}

static bool in_window(double t)
{
	return G.w0 > 0 && t >= G.w0 && (G.w1 == 0 || t < G.w1);
}

static struct conn *conn_new(enum conn_kind kind, void *owner)
{
	struct conn *c = xmalloc(sizeof *c);
	c->fd = -1;
	c->kind = kind;
	c->owner = owner;
	if (nconns == capconns) {
		capconns = capconns ? capconns * 2 : 1024;
		all_conns = realloc(all_conns, capconns * sizeof *all_conns);
		if (all_conns == NULL)
			die("out of memory");
	}
	all_conns[nconns++] = c;
	return c;
}

static void conn_set_events(struct conn *c, uint32_t events)
{
	if (c->events == events)
		return;
	struct epoll_event ev = { .events = events, .data.ptr = c };
	if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) != 0)
		die("epoll_ctl: %s", strerror(errno));
	c->events = events;
}

static void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->state = CS_CLOSED;
	c->in.len = 0;
	c->events = 0;
}

static bool conn_connect(struct conn *c)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		note_error("socket: %s", strerror(errno));
		return false;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, (struct sockaddr *)&O.addr, sizeof O.addr) != 0 && errno != EINPROGRESS) {
		note_error("connect: %s", strerror(errno));
		close(fd);
		return false;
	}
	c->fd = fd;
	c->state = CS_CONNECTING;
	c->events = EPOLLIN | EPOLLOUT;
	struct epoll_event ev = { .events = c->events, .data.ptr = c };
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0)
		die("epoll_ctl add: %s", strerror(errno));
	G.connects++;
	return true;
}

static void conn_failed(struct conn *c);

static void conn_write(struct conn *c)
{
	while (c->out_off < c->out.len) {
		ssize_t w = send(c->fd, c->out.d + c->out_off, c->out.len - c->out_off, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			conn_failed(c);
			return;
		}
		c->out_off += (size_t)w;
	}
	conn_set_events(c, EPOLLIN | (c->out_off < c->out.len ? EPOLLOUT : 0));
}

static double request_timeout(const struct conn *c)
{
	/* As the browser: the hold plus 15 s for a poll, 20 s for a post. */
	return c->kind == K_POLL ? 25 + 15 : 20;
}

/* Sends the request in c->out (again, after a failure). */
static void conn_start(struct conn *c)
{
	c->out_off = 0;
	c->busy = true;
	c->sent_at = now();
	c->deadline = c->sent_at + request_timeout(c);
	if (c->state == CS_CLOSED && !conn_connect(c)) {
		conn_failed(c);
		return;
	}
	if (c->state == CS_OPEN)
		conn_write(c);
}

/* ---- timers (a binary heap) ------------------------------------------------ */

struct timer {
	double at;
	void (*fn)(void *);
	void *arg;
};
static struct timer *heap;
static size_t nheap, capheap;

static void timer_add(double at, void (*fn)(void *), void *arg)
{
	if (nheap == capheap) {
		capheap = capheap ? capheap * 2 : 1024;
		heap = realloc(heap, capheap * sizeof *heap);
		if (heap == NULL)
			die("out of memory");
	}
	size_t i = nheap++;
	while (i > 0 && heap[(i - 1) / 2].at > at) {
		heap[i] = heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	heap[i] = (struct timer){ at, fn, arg };
}

static struct timer timer_pop(void)
{
	struct timer top = heap[0], last = heap[--nheap];
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		double mat = last.at;
		if (l < nheap && heap[l].at < mat) {
			m = l;
			mat = heap[l].at;
		}
		if (r < nheap && heap[r].at < mat)
			m = r;
		if (m == i)
			break;
		heap[i] = heap[m];
		i = m;
	}
	if (nheap > 0)
		heap[i] = last;
	return top;
}

static void after_ms(double ms, void (*fn)(void *), void *arg)
{
	timer_add(now() + ms / 1000.0, fn, arg);
}

/* ---- the people -------------------------------------------------------------- */

struct line {
	int n;
	double t;          /* the send started */
	long long seq;     /* acknowledged as */
	long long got_seq; /* delivered as */
	bool delivered;
	bool in_window;
};

struct poller;

struct party {
	int pair;          /* -1 for the fan-out channel */
	char side;         /* 'v' visitor, 'a' agent, 'l' leader, 'f' follower */
	int chan;
	char *cookie, *token;
	struct party *peer;
	struct poller *main_poller;
	struct conn *post;
	int sent, posted, acked;
	struct line ring[RING];
	/* the peer's lines as they reach us */
	int expect;
	int gaps[GAP_SLOTS];
	bool active;
	bool audience;     /* an event's attendee: polls /poll?audience=EVENT */
};

struct poller {
	struct party *party;
	struct conn *conn;
	long long after, signals, last;
	long long gaps[GAP_SLOTS];
	int failures;
	bool stopped, open;
	int round_seen;
};

struct chan {
	char id[33];
	long long last_seq, signals;
};

static struct chan *chans;
static int nchans;
static struct party *visitors, *agents; /* by pair */
static int npairs;
static struct party *leader, *followers;
static int nfollowers;
static char audience_event[33]; /* auditorium: the event the attendees follow */
static char *producer_cookie;    /* auditorium: the event's producer (the stage line) */
static struct poller *pollers;
static int npollers;
static char run_id[16];

/* Samples of delivery latency (ms) for lines started in the window. */
static double *lat;
static size_t nlat, caplat;
static long window_started, window_done; /* lines started in the window / delivered */

/* Time from the start of a /say to its answer (the line is stored). */
static double *ack;
static size_t nack, capack;

static void ack_add(double ms)
{
	if (nack == capack) {
		capack = capack ? capack * 2 : 65536;
		ack = realloc(ack, capack * sizeof *ack);
		if (ack == NULL)
			die("out of memory");
	}
	ack[nack++] = ms;
}

static void lat_add(double ms)
{
	if (nlat == caplat) {
		caplat = caplat ? caplat * 2 : 65536;
		lat = realloc(lat, caplat * sizeof *lat);
		if (lat == NULL)
			die("out of memory");
	}
	lat[nlat++] = ms;
}

/* ---- polls -------------------------------------------------------------------- */

static void poller_send(struct poller *p)
{
	if (p->stopped)
		return;
	struct conn *c = p->conn;
	c->out.len = 0;
	sb_printf(&c->out,
		  "GET /poll?%s=%s&after=%lld&signals=%lld HTTP/1.1\r\nHost: %s\r\n"
		  "Accept: application/json\r\nUser-Agent: baton-loadgen/1\r\nCookie: %s\r\n\r\n",
		  p->party->audience ? "audience" : "channel",
		  p->party->audience ? audience_event : chans[p->party->chan].id, p->after, p->signals,
		  O.host, p->party->cookie);
	p->open = true;
	conn_start(c);
}

static void poller_send_cb(void *arg)
{
	poller_send(arg);
}

static void poller_again(struct poller *p, double delay_ms)
{
	if (p->stopped)
		return;
	if (delay_ms <= 0)
		poller_send(p);
	else
		after_ms(delay_ms, poller_send_cb, p);
}

static bool gap_take(long long *gaps, long long v)
{
	for (int i = 0; i < GAP_SLOTS; i++)
		if (gaps[i] == v) {
			gaps[i] = 0;
			return true;
		}
	return false;
}

static void gap_put(long long *gaps, long long from, long long to)
{
	for (long long v = from; v <= to && v < from + GAP_SLOTS; v++)
		for (int i = 0; i < GAP_SLOTS; i++)
			if (gaps[i] == 0) {
				gaps[i] = v;
				break;
			}
}

static void check_seq(struct poller *p, long long seq)
{
	if (seq == p->last + 1) {
		p->last = seq;
	} else if (seq > p->last + 1) {
		G.ev_lost += seq - p->last - 1;
		tl("event-lost %lld", seq - p->last - 1);
		note_error("events %lld..%lld of channel %s never reached a poll", p->last + 1, seq - 1,
			   chans[p->party->chan].id);
		gap_put(p->gaps, p->last + 1, seq - 1);
		p->last = seq;
	} else if (gap_take(p->gaps, seq)) {
		G.ev_reordered++;
		G.ev_lost--;
		tl("event-reordered %lld", seq);
	} else {
		G.ev_doubled++;
		tl("event-doubled %lld", seq);
		note_error("event %lld of channel %s delivered twice", seq, chans[p->party->chan].id);
	}
}

static void conn_retry_cb(void *arg);
static void party_send_line(struct party *p);
static void party_send_cb(void *arg)
{
	party_send_line(arg);
}

static double pause_ms(void)
{
	if (O.mode != M_CONVO)
		return 0;
	return O.pause_min + (O.pause_max > O.pause_min ? rand() % (O.pause_max - O.pause_min + 1) : 0);
}

/* A line of `from` reaches `to` (its peer) with seq. */
static void deliver(struct party *to, struct party *from, int n, long long seq)
{
	double t = now();
	if (n == to->expect) {
		to->expect++;
	} else if (n > to->expect) {
		G.ln_lost += n - to->expect;
		tl("line-lost %d %d", to->pair, n - to->expect);
		note_error("lines %d..%d of a pair never arrived", to->expect, n - 1);
		for (int k = to->expect; k < n; k++)
			for (int i = 0; i < GAP_SLOTS; i++)
				if (to->gaps[i] == 0) {
					to->gaps[i] = k;
					break;
				}
		to->expect = n + 1;
	} else {
		bool was_gap = false;
		for (int i = 0; i < GAP_SLOTS; i++)
			if (to->gaps[i] == n) {
				to->gaps[i] = 0;
				was_gap = true;
			}
		if (was_gap) {
			G.ln_reordered++;
			G.ln_lost--;
			tl("line-reordered %d %d", to->pair, n);
		} else {
			G.ln_doubled++;
			tl("line-doubled %d %d", to->pair, n);
			note_error("line %d of a pair delivered twice (seq %lld)", n, seq);
		}
		return;
	}
	struct line *l = &from->ring[n % RING];
	if (l->n == n) {
		l->delivered = true;
		l->got_seq = seq;
		if (l->seq && l->seq != seq)
			G.misnumbered++;
		if (l->in_window) {
			lat_add((t - l->t) * 1000.0);
			window_done++;
		}
		tl("deliver %d %c %d %.1f", from->pair, from->side, n, (t - l->t) * 1000.0);
	}
	if (in_window(t))
		G.win_lines++;
	/* The conversation goes on. */
	if (!G.sending || !to->active)
		return;
	if (to->side == 'a')
		party_send_line(to);
	else if (to->side == 'v')
		after_ms(pause_ms(), party_send_cb, to);
}

static void on_line(struct poller *p, const char *cmid, long long seq)
{
	/* r<run>-<pair>-<side>-<n> */
	char run[16];
	int pair, n;
	char side;
	if (sscanf(cmid, "r%15[^-]-%d-%c-%d", run, &pair, &side, &n) != 4 || strcmp(run, run_id) != 0)
		return;
	if (pair < 0 || pair >= npairs || p != p->party->main_poller)
		return;
	struct party *from = side == 'v' ? &visitors[pair] : &agents[pair];
	if (from == p->party || from->peer != p->party)
		return; /* our own line coming back */
	deliver(p->party, from, n, seq);
}

/* A fan-out's rounds, in memory shared with the helper processes that
 * hold shares of the followers (--procs): the first process writes url and
 * t0 and then round; whoever's follower gets the address takes a slot
 * (got), writes its time and counts it (reached). */
enum { MAX_PROCS = 16 };
struct fan_state {
	int round;              /* > 0 while a round is under way */
	char url[200];
	double t0;
	int got, reached;
	double w0, w1;          /* the window, for the helpers' counts */
	int stop;
	int out[MAX_PROCS];     /* helper i's polls are all sent */
	__typeof__(G) counts[MAX_PROCS]; /* helper i's counts, at its end */
	double times[];
};
static struct fan_state *fan;
static double fan_ack;

static void on_address(struct poller *p, const char *url)
{
	int round = fan ? __atomic_load_n(&fan->round, __ATOMIC_ACQUIRE) : 0;
	if (round == 0 || p->round_seen == round || strcmp(url, fan->url) != 0)
		return;
	if (p->party->side != 'f')
		return;
	p->round_seen = round;
	int at = __atomic_fetch_add(&fan->got, 1, __ATOMIC_RELAXED);
	fan->times[at] = (now() - fan->t0) * 1000.0;
	__atomic_fetch_add(&fan->reached, 1, __ATOMIC_RELEASE);
}

static void poll_answered(struct poller *p, int status, const char *body, size_t len)
{
	const char *e = body + len;
	double t = now();
	long long retry = -1;
	if (status == 200) {
		p->failures = 0;
		if (in_window(t))
			G.win_poll++;
		js_int(body, e, "retry_ms", &retry);
		const char *ae, *a = js_get(body, e, "events", &ae);
		int count = 0;
		if (a && *a == '[') {
			const char *q = a + 1;
			for (;;) {
				q = js_ws(q, ae);
				if (q >= ae || *q == ']')
					break;
				const char *oe = js_skip(q, ae);
				if (oe == NULL)
					break;
				long long seq = 0;
				char kind[16] = "", cmid[80] = "";
				js_int(q, oe, "seq", &seq);
				js_str(q, oe, "kind", kind, sizeof kind);
				count++;
				static long fault_at;
				bool twice = false;
				if (O.fault && strcmp(kind, "line") == 0 && ++fault_at == 10) {
					if (strcmp(O.fault, "drop") == 0)
						goto next_event; /* as if the server had skipped it */
					twice = true;
				}
				for (int k = 0; k <= (int)twice; k++) {
					check_seq(p, seq);
					if (strcmp(kind, "line") == 0 && js_str(q, oe, "cmid", cmid, sizeof cmid)) {
						on_line(p, cmid, seq);
					} else if (strcmp(kind, "address") == 0) {
						char url[256];
						if (js_str(q, oe, "body", url, sizeof url))
							on_address(p, url);
					}
				}
			next_event:
				q = js_ws(oe, ae);
				if (q < ae && *q == ',')
					q++;
			}
			long long last_seq = p->after, signals = p->signals;
			js_int(body, e, "last_seq", &last_seq);
			js_int(body, e, "signals", &signals);
			if (last_seq > p->last) {
				/* Past events this viewer was not shown: none in a bench. */
				G.ev_lost += last_seq - p->last;
				gap_put(p->gaps, p->last + 1, last_seq);
				p->last = last_seq;
			}
			if (last_seq > p->after)
				p->after = last_seq;
			p->signals = signals;
			if (count == 0 && in_window(t))
				G.win_poll_empty++;
			if (O.mode == M_IDLE && count > 0 && in_window(t))
				G.win_events_idle += count;
		} else if (retry < 0) {
			G.http_5xx++;
			note_error("poll answer without events: %.200s", body);
			retry = 1000;
		} else {
			G.poll_retry++;
		}
		poller_again(p, retry > 0 ? (double)retry : 0);
		return;
	}
	js_int(body, e, "retry_ms", &retry);
	if (status == 503) {
		G.poll_503++;
		if (retry < 250)
			retry = 1000;
	} else if (status >= 500 || status == 408 || status == 429) {
		G.http_5xx++;
		note_error("poll answered %d: %.200s", status, body);
		static const int backoff[] = { 1000, 2000, 4000, 8000, 10000 };
		retry = backoff[p->failures < 5 ? p->failures : 4];
	} else {
		G.http_4xx++;
		note_error("poll answered %d: %.200s", status, body);
		p->stopped = true;
		return;
	}
	p->failures++;
	poller_again(p, (double)retry);
}

/* ---- posting lines ------------------------------------------------------------- */

static void party_post_next(struct party *p)
{
	struct conn *c = p->post;
	if (c->busy || p->posted >= p->sent)
		return;
	int n = ++p->posted;
	c->line_n = n;
	c->out.len = 0;
	char body[512];
	const char *who = p->side == 'v' ? "visitor" : "agent";
	int blen = snprintf(body, sizeof body,
			    "channel=%s&token=%s&cmid=r%s-%d-%c-%d&text=Line+%d+from+the+%s+of+pair+%d%%3A"
			    "+the+quick+brown+fox+jumps+over+the+lazy+dog.",
			    chans[p->chan].id, p->token, run_id, p->pair, p->side, n, n, who, p->pair);
	sb_printf(&c->out,
		  "POST /say HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\nOrigin: %s\r\n"
		  "User-Agent: baton-loadgen/1\r\nCookie: %s\r\n"
		  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		  O.host, O.url, p->cookie, blen, body);
	conn_start(c);
}

static void party_send_line(struct party *p)
{
	if (!G.sending || !p->active)
		return;
	int n = ++p->sent;
	double t = now();
	p->ring[n % RING] = (struct line){ .n = n, .t = t, .in_window = in_window(t) };
	if (in_window(t))
		window_started++;
	party_post_next(p);
}

static void say_answered(struct party *p, struct conn *c, int status, const char *body, size_t len)
{
	double t = now();
	if (status == 200) {
		long long seq = 0;
		if (!js_int(body, body + len, "seq", &seq)) {
			note_error("say answered without seq: %.200s", body);
			G.http_5xx++;
		}
		struct line *l = &p->ring[c->line_n % RING];
		if (l->n == c->line_n) {
			if (l->in_window)
				ack_add((t - l->t) * 1000.0);
			l->seq = seq;
			if (l->delivered && l->got_seq != seq)
				G.misnumbered++;
		}
		if (c->line_n > p->acked)
			p->acked = c->line_n;
		if (in_window(t))
			G.win_say++;
		c->tries = 0;
		party_post_next(p);
		return;
	}
	if (status >= 500 || status == 408 || status == 429) {
		/* Sent again as is: the cmid makes a retried post harmless. */
		G.http_5xx++;
		tl("resend %d %c %d %d", p->pair, p->side, c->line_n, status);
		note_error("say answered %d: %.200s", status, body);
		c->tries++;
		c->busy = true;
		after_ms(c->tries < 5 ? 250.0 * c->tries : 2000, conn_retry_cb, c);
		return;
	}
	G.http_4xx++;
	G.say_rejected++;
	note_error("say answered %d: %.200s", status, body);
	party_post_next(p);
}

static void go_answered(int status, const char *body)
{
	if (status == 200) {
		fan_ack = (now() - fan->t0) * 1000.0;
	} else {
		G.http_4xx += status < 500;
		G.http_5xx += status >= 500;
		note_error("go answered %d: %.200s", status, body);
	}
}

/* ---- HTTP responses -------------------------------------------------------------- */

static bool header_is(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	return len > n && strncasecmp(line, name, n) == 0 && line[n] == ':';
}

/* 1: a whole response is in c->in (body into `body`), 0: not yet, -1: bad. */
static int http_parse(struct conn *c, bool eof, int *status, struct sbuf *body, size_t *consumed,
		      bool *close_after)
{
	char *d = c->in.d;
	size_t n = c->in.len;
	char *hend = n >= 4 ? memmem(d, n, "\r\n\r\n", 4) : NULL;
	if (hend == NULL)
		return 0;
	size_t hlen = (size_t)(hend - d) + 4;
	if (n < 12 || memcmp(d, "HTTP/1.", 7) != 0)
		return -1;
	*status = atoi(d + 9);
	bool close = d[7] == '0', chunked = false;
	long long cl = -1;
	for (char *l = memchr(d, '\n', hlen) + 1; l < d + hlen - 2;) {
		char *le = memchr(l, '\n', (size_t)(d + hlen - l));
		size_t ll = (size_t)(le - l);
		if (header_is(l, ll, "content-length"))
			cl = strtoll(l + 15, NULL, 10);
		else if (header_is(l, ll, "transfer-encoding") && memmem(l, ll, "chunked", 7))
			chunked = true;
		else if (header_is(l, ll, "connection") && (memmem(l, ll, "close", 5) || memmem(l, ll, "Close", 5)))
			close = true;
		l = le + 1;
	}
	body->len = 0;
	if (chunked) {
		size_t p = hlen;
		for (;;) {
			char *le = memmem(d + p, n - p, "\r\n", 2);
			if (le == NULL)
				return 0;
			unsigned long sz = strtoul(d + p, NULL, 16);
			size_t data = (size_t)(le - d) + 2;
			if (sz == 0) {
				char *te = memmem(d + data - 2, n - (data - 2), "\r\n\r\n", 4);
				if (te == NULL)
					return 0;
				*consumed = (size_t)(te - d) + 4;
				break;
			}
			if (n < data + sz + 2)
				return 0;
			sb_add(body, d + data, sz);
			p = data + sz + 2;
		}
	} else if (cl >= 0) {
		if (n < hlen + (size_t)cl)
			return 0;
		sb_add(body, d + hlen, (size_t)cl);
		*consumed = hlen + (size_t)cl;
	} else if (*status == 204 || *status == 304) {
		*consumed = hlen;
	} else {
		if (!eof)
			return 0;
		sb_add(body, d + hlen, n - hlen);
		*consumed = n;
		close = true;
	}
	sb_reserve(body, 1);
	body->d[body->len] = '\0';
	*close_after = close;
	return 1;
}

static void ask_answered(void *owner, int status, const char *body);
static void queue_answered(int status, const char *body, size_t len);

static void dispatch(struct conn *c, int status, const char *body, size_t len)
{
	switch (c->kind) {
	case K_POLL: poll_answered(c->owner, status, body, len); break;
	case K_SAY: say_answered(c->owner, c, status, body, len); break;
	case K_GO: go_answered(status, body); break;
	case K_ASK: ask_answered(c->owner, status, body); break;
	case K_QUEUE: queue_answered(status, body, len); break;
	}
}

static void conn_retry_cb(void *arg)
{
	struct conn *c = arg;
	if (c->busy)
		conn_start(c);
}

/* The connection broke (or timed out) with a request outstanding: reconnect
 * and send it again, as the browser does; a poll asks with the same seq. */
static void conn_failed(struct conn *c)
{
	bool busy = c->busy;
	conn_close(c);
	if (!busy)
		return;
	G.net_errors++;
	c->tries++;
	if (c->kind == K_SAY) {
		struct party *p = c->owner;
		tl("resend %d %c %d 0", p->pair, p->side, c->line_n);
	}
	if (c->kind == K_POLL && ((struct poller *)c->owner)->stopped) {
		c->busy = false;
		return;
	}
	after_ms(c->tries == 1 ? 0 : c->tries < 6 ? 1000.0 * (1 << (c->tries - 2)) : 10000,
		 conn_retry_cb, c);
}

static struct sbuf scratch;

static void conn_read(struct conn *c)
{
	bool eof = false;
	for (;;) {
		sb_reserve(&c->in, 4096);
		ssize_t r = recv(c->fd, c->in.d + c->in.len, c->in.cap - c->in.len - 1, 0);
		if (r > 0) {
			c->in.len += (size_t)r;
			c->in.d[c->in.len] = '\0';
			continue;
		}
		if (r == 0) {
			eof = true;
			break;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			break;
		if (errno == EINTR)
			continue;
		conn_failed(c);
		return;
	}
	while (c->state != CS_CLOSED && (c->in.len > 0 || eof)) {
		if (!c->busy) {
			conn_close(c); /* closed while idle (keep-alive end) */
			return;
		}
		int status = 0;
		size_t consumed = 0;
		bool close_after = false;
		int rc = http_parse(c, eof, &status, &scratch, &consumed, &close_after);
		if (rc == 0) {
			if (eof)
				conn_failed(c);
			return;
		}
		if (rc < 0) {
			note_error("unreadable response: %.100s", c->in.d);
			conn_failed(c);
			return;
		}
		sb_consume(&c->in, consumed);
		c->busy = false;
		c->tries = c->kind == K_SAY ? c->tries : 0;
		if (close_after || eof)
			conn_close(c);
		G.responses++;
		if (in_window(now()))
			G.win_http++;
		dispatch(c, status, scratch.d, scratch.len);
		if (eof)
			return;
	}
}

static void conn_event(struct conn *c, uint32_t ev)
{
	if (c->state == CS_CONNECTING) {
		int err = 0;
		socklen_t l = sizeof err;
		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
		if (err != 0) {
			note_error("connect: %s", strerror(err));
			conn_failed(c);
			return;
		}
		if (!(ev & (EPOLLOUT | EPOLLIN)))
			return;
		c->state = CS_OPEN;
		if (c->busy)
			conn_write(c);
		else
			conn_set_events(c, EPOLLIN);
		if (c->state != CS_OPEN)
			return;
	} else if ((ev & EPOLLOUT) && c->busy && c->out_off < c->out.len) {
		conn_write(c);
		if (c->state != CS_OPEN)
			return;
	}
	if (ev & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP))
		conn_read(c);
}

static void sweep_timeouts(void)
{
	double t = now();
	for (size_t i = 0; i < nconns; i++) {
		struct conn *c = all_conns[i];
		if (c->busy && c->fd >= 0 && t > c->deadline) {
			G.timeouts++;
			note_error("a request got no answer in %.0f s", request_timeout(c));
			conn_failed(c);
		}
	}
}

/* ---- stack processes: CPU, memory ------------------------------------------------- */

struct group {
	char name[48];
	pid_t root;
	double cpu;                   /* seconds in the window */
	long rss_kb, pss_kb;          /* latest sample */
	long rss_max, pss_max;        /* most in the window */
	int procs, fds;
	char fds_each[160];           /* per process, at the end */
};

struct proc_tick {
	pid_t pid;
	int group;
	unsigned long long ticks;
};

static struct group groups[MAX_GROUPS];
static int ngroups;
static pthread_mutex_t sample_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile bool sampling; /* the sampler records maxima */
static struct proc_tick *tick0;
static size_t ntick0;
static double tick0_at;
static struct rusage self0;
struct thread_tick {
	pid_t tid;
	unsigned long long ticks;
};
static struct thread_tick poll_threads0[64];
static int npoll_threads0;

static int read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, cap - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return (int)n;
}

/* ppid and utime+stime of a process (or thread) from its stat file. */
static bool read_stat(const char *path, pid_t *ppid, unsigned long long *ticks)
{
	char buf[1024];
	if (read_file(path, buf, sizeof buf) < 0)
		return false;
	char *p = strrchr(buf, ')');
	if (p == NULL)
		return false;
	char state;
	int pp;
	unsigned long long ut, st;
	/* state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
	if (sscanf(p + 2, "%c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &state, &pp, &ut,
		   &st) != 4)
		return false;
	if (state == 'Z')
		return false;
	*ppid = pp;
	*ticks = ut + st;
	return true;
}

static void groups_init(void)
{
	if (O.stack == NULL)
		return;
	char path[4096];
	snprintf(path, sizeof path, "%s/run", O.stack);
	DIR *d = opendir(path);
	if (d == NULL)
		die("cannot read %s: %s", path, strerror(errno));
	struct dirent *de;
	while ((de = readdir(d)) != NULL && ngroups < MAX_GROUPS - 1) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".pid") != 0)
			continue;
		char buf[64];
		snprintf(path, sizeof path, "%s/run/%s", O.stack, de->d_name);
		if (read_file(path, buf, sizeof buf) <= 0)
			continue;
		struct group *g = &groups[ngroups++];
		snprintf(g->name, sizeof g->name, "%.*s", (int)(l - 4), de->d_name);
		g->root = (pid_t)atoi(buf);
	}
	closedir(d);
}

struct pinfo {
	pid_t pid, ppid;
	unsigned long long ticks;
	int group;
};

/* Every process of the stack: the pid files' processes and descendants. */
static size_t scan_stack(struct pinfo **out)
{
	struct pinfo *all = NULL;
	size_t cap = 0, n = 0;
	DIR *d = opendir("/proc");
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		char path[300];
		snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
		pid_t ppid;
		unsigned long long ticks;
		if (!read_stat(path, &ppid, &ticks))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			all = realloc(all, cap * sizeof *all);
			if (all == NULL)
				die("out of memory");
		}
		all[n++] = (struct pinfo){ (pid_t)atoi(de->d_name), ppid, ticks, -1 };
	}
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		for (int g = 0; g < ngroups; g++)
			if (all[i].pid == groups[g].root)
				all[i].group = g;
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			if (all[i].group >= 0)
				continue;
			for (size_t j = 0; j < n; j++)
				if (all[j].pid == all[i].ppid && all[j].group >= 0) {
					all[i].group = all[j].group;
					changed = true;
					break;
				}
		}
	}
	*out = all;
	return n;
}

static long status_kb(pid_t pid, const char *file, const char *key)
{
	char path[64], buf[8192];
	snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
	if (read_file(path, buf, sizeof buf) < 0)
		return 0;
	char *p = strstr(buf, key);
	return p ? strtol(p + strlen(key), NULL, 10) : 0;
}

static int count_fds(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/fd", pid);
	DIR *d = opendir(path);
	if (d == NULL)
		return 0;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void sample_memory(void)
{
	struct pinfo *all;
	size_t n = scan_stack(&all);
	long rss[MAX_GROUPS] = { 0 }, pss[MAX_GROUPS] = { 0 };
	int procs[MAX_GROUPS] = { 0 };
	for (size_t i = 0; i < n; i++) {
		int g = all[i].group;
		if (g < 0)
			continue;
		rss[g] += status_kb(all[i].pid, "status", "VmRSS:");
		pss[g] += status_kb(all[i].pid, "smaps_rollup", "\nPss:");
		procs[g]++;
	}
	free(all);
	pthread_mutex_lock(&sample_lock);
	for (int g = 0; g < ngroups; g++) {
		groups[g].rss_kb = rss[g];
		groups[g].pss_kb = pss[g];
		groups[g].procs = procs[g];
		if (sampling) {
			if (rss[g] > groups[g].rss_max)
				groups[g].rss_max = rss[g];
			if (pss[g] > groups[g].pss_max)
				groups[g].pss_max = pss[g];
		}
	}
	pthread_mutex_unlock(&sample_lock);
}

static void *sampler_main(void *arg)
{
	(void)arg;
	for (;;) {
		sample_memory();
		sleep(1);
	}
	return NULL;
}

static int group_index(const char *name)
{
	for (int g = 0; g < ngroups; g++)
		if (strcmp(groups[g].name, name) == 0)
			return g;
	return -1;
}

static int read_threads(pid_t pid, struct thread_tick *out, int cap)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task", pid);
	DIR *d = opendir(path);
	if (d == NULL)
		return 0;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL && n < cap) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		char sp[320];
		snprintf(sp, sizeof sp, "/proc/%d/task/%s/stat", pid, de->d_name);
		pid_t pp;
		unsigned long long t;
		if (read_stat(sp, &pp, &t))
			out[n++] = (struct thread_tick){ (pid_t)atoi(de->d_name), t };
	}
	closedir(d);
	/* creation order */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && out[j].tid < out[j - 1].tid; j--) {
			struct thread_tick x = out[j];
			out[j] = out[j - 1];
			out[j - 1] = x;
		}
	return n;
}

/* The poll program's own process: of its group (its supervisor, the
 * program, and with poll_processes > 1 its children), the one with the
 * most threads. The group's root is the supervisor, a thread of its own. */
static pid_t poll_process(void)
{
	int pg = group_index("poll");
	if (pg < 0)
		return -1;
	struct pinfo *all;
	size_t n = scan_stack(&all);
	pid_t best = -1;
	int most = 0;
	for (size_t i = 0; i < n; i++) {
		if (all[i].group != pg)
			continue;
		struct thread_tick t[64];
		int k = read_threads(all[i].pid, t, 64);
		if (k > most) {
			most = k;
			best = all[i].pid;
		}
	}
	free(all);
	return best;
}

/* ---- MariaDB counters --------------------------------------------------------------- */

/* Innodb_data_fsyncs counts the redo log's flushes too (MariaDB 10.11 opens
 * the log O_DIRECT and fdatasync()s it at each durable commit). */
static const char *const db_keys[] = { "Questions", "Com_select", "Com_insert", "Com_update",
	"Handler_commit", "Innodb_data_fsyncs", "Innodb_log_writes", "Innodb_row_lock_waits",
	"Innodb_row_lock_time", "Threads_connected", "Bytes_sent" };
static char db_file[2][256];
static pid_t db_pid[2];

static void db_status_start(int which)
{
	if (O.mysql == NULL)
		return;
	snprintf(db_file[which], sizeof db_file[which], "/tmp/baton-loadgen-%d-%d.status", (int)getpid(),
		 which);
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "%s -N -B -e 'SHOW GLOBAL STATUS' > %s 2>/dev/null", O.mysql,
		 db_file[which]);
	char *argv[] = { "sh", "-c", cmd, NULL };
	if (posix_spawn(&db_pid[which], "/bin/sh", NULL, NULL, argv, environ) != 0)
		db_pid[which] = 0;
}

static bool db_status_read(int which, long long *vals)
{
	if (db_pid[which] <= 0)
		return false;
	waitpid(db_pid[which], NULL, 0);
	FILE *f = fopen(db_file[which], "r");
	if (f == NULL)
		return false;
	char name[128];
	long long v;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "%127s %lld", name, &v) != 2)
			continue;
		for (size_t k = 0; k < COUNT_OF(db_keys); k++)
			if (strcmp(name, db_keys[k]) == 0)
				vals[k] = v;
	}
	fclose(f);
	unlink(db_file[which]);
	return true;
}

/* The fan-out's helper processes (--procs, see start_helpers). */
static pid_t helpers[MAX_PROCS];
static int helper_index; /* 0: the first process */
static unsigned long long helper_ticks0;

/* The helpers' CPU ticks together (for the generator's own CPU). */
static unsigned long long helpers_ticks(void)
{
	unsigned long long sum = 0;
	for (int i = 1; i < O.procs; i++) {
		char path[64];
		snprintf(path, sizeof path, "/proc/%d/stat", (int)helpers[i]);
		pid_t ppid;
		unsigned long long t;
		if (read_stat(path, &ppid, &t))
			sum += t;
	}
	return sum;
}

/* ---- the window: start, end, report ----------------------------------------------- */

static void window_open(void)
{
	G.w0 = now();
	G.w1 = 0;
	G.win_http = G.win_say = G.win_poll = G.win_poll_empty = G.win_lines = G.win_events_idle = 0;
	nlat = 0;
	nack = 0;
	window_started = window_done = 0;
	db_status_start(0);
	getrusage(RUSAGE_SELF, &self0);
	helper_ticks0 = helpers_ticks();
	if (ngroups == 0)
		return;
	struct pinfo *all;
	size_t n = scan_stack(&all);
	free(tick0);
	tick0 = xmalloc(n * sizeof *tick0);
	ntick0 = 0;
	for (size_t i = 0; i < n; i++)
		if (all[i].group >= 0)
			tick0[ntick0++] = (struct proc_tick){ all[i].pid, all[i].group, all[i].ticks };
	free(all);
	tick0_at = now();
	pid_t poll_pid = poll_process();
	npoll_threads0 = poll_pid > 0 ? read_threads(poll_pid, poll_threads0, 64) : 0;
	pthread_mutex_lock(&sample_lock);
	for (int g = 0; g < ngroups; g++) {
		groups[g].rss_max = groups[g].rss_kb;
		groups[g].pss_max = groups[g].pss_kb;
	}
	sampling = true;
	pthread_mutex_unlock(&sample_lock);
}

static double self_cpu, win_len;
static char thread_report[512];
static long long dbv0[COUNT_OF(db_keys)], dbv1[COUNT_OF(db_keys)];
static bool have_db;

static void window_close(void)
{
	G.w1 = now();
	win_len = G.w1 - G.w0;
	db_status_start(1);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	self_cpu = (double)(ru.ru_utime.tv_sec - self0.ru_utime.tv_sec + ru.ru_stime.tv_sec
			    - self0.ru_stime.tv_sec)
		   + (double)(ru.ru_utime.tv_usec - self0.ru_utime.tv_usec + ru.ru_stime.tv_usec
			      - self0.ru_stime.tv_usec) / 1e6;
	self_cpu += (double)(helpers_ticks() - helper_ticks0) / (double)sysconf(_SC_CLK_TCK);
	if (ngroups == 0)
		return;
	struct pinfo *all;
	size_t n = scan_stack(&all);
	double hz = (double)sysconf(_SC_CLK_TCK), wall = now() - tick0_at;
	(void)wall;
	for (int g = 0; g < ngroups; g++) {
		groups[g].cpu = 0;
		groups[g].fds = 0;
		groups[g].fds_each[0] = '\0';
	}
	for (size_t i = 0; i < n; i++) {
		if (all[i].group < 0)
			continue;
		unsigned long long before = 0;
		for (size_t j = 0; j < ntick0; j++)
			if (tick0[j].pid == all[i].pid) {
				before = tick0[j].ticks;
				break;
			}
		groups[all[i].group].cpu += (double)(all[i].ticks - before) / hz;
		struct group *gr = &groups[all[i].group];
		if (strcmp(gr->name, "poll") == 0 || strcmp(gr->name, "nginx") == 0) {
			int fds = count_fds(all[i].pid);
			gr->fds += fds;
			size_t off = strlen(gr->fds_each);
			snprintf(gr->fds_each + off, sizeof gr->fds_each - off, "%s%d", off ? " + " : "", fds);
		}
	}
	free(all);
	pid_t poll_pid = poll_process();
	thread_report[0] = '\0';
	if (poll_pid > 0) {
		struct thread_tick now_t[64];
		int k = read_threads(poll_pid, now_t, 64);
		size_t off = 0;
		for (int i = 0; i < k; i++) {
			unsigned long long before = 0;
			for (int j = 0; j < npoll_threads0; j++)
				if (poll_threads0[j].tid == now_t[i].tid)
					before = poll_threads0[j].ticks;
			off += (size_t)snprintf(thread_report + off, sizeof thread_report - off, "%s%.1f",
						i ? " / " : "",
						(double)(now_t[i].ticks - before) / hz / win_len * 100);
			if (off >= sizeof thread_report)
				break;
		}
	}
	sample_memory();
	pthread_mutex_lock(&sample_lock);
	sampling = false;
	pthread_mutex_unlock(&sample_lock);
	memset(dbv0, 0, sizeof dbv0);
	memset(dbv1, 0, sizeof dbv1);
	have_db = db_status_read(0, dbv0) && db_status_read(1, dbv1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(const double *v, size_t n, double p)
{
	if (n == 0)
		return 0;
	size_t i = (size_t)(p / 100.0 * (double)n);
	if (i >= n)
		i = n - 1;
	return v[i];
}

struct latstats {
	double p50, p95, p99, max;
	size_t n;
};

static struct latstats lat_stats(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return (struct latstats){ pct(v, n, 50), pct(v, n, 95), pct(v, n, 99), n ? v[n - 1] : 0, n };
}

static FILE *summary;

static void sumf(const char *fmt, ...)
{
	if (summary == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(summary, fmt, ap);
	va_end(ap);
	fputc('\n', summary);
	fflush(summary);
}

/* CPU (% of one core over the window) and memory of the stack's processes. */
static void print_processes(const char *key)
{
	if (ngroups == 0)
		return;
	double tot_cpu = 0, other_cpu = 0;
	long tot_rss = 0, tot_pss = 0, other_rss = 0, other_pss = 0;
	int other_n = 0;
	printf("\n| process | CPU %% of one core | RSS MiB (max) | PSS MiB (max) | processes |\n"
	       "|---|---:|---:|---:|---:|\n");
	static const char *const order[] = { "nginx", "poll", "say", "go", "mariadb" };
	for (size_t k = 0; k < COUNT_OF(order); k++) {
		int g = group_index(order[k]);
		if (g < 0)
			continue;
		struct group *gr = &groups[g];
		printf("| %s | %.1f | %.1f | %.1f | %d |\n", gr->name, gr->cpu / win_len * 100,
		       gr->rss_max / 1024.0, gr->pss_max / 1024.0, gr->procs);
		sumf("%s.cpu.%s %.1f", key, gr->name, gr->cpu / win_len * 100);
	}
	for (int g = 0; g < ngroups; g++) {
		struct group *gr = &groups[g];
		tot_cpu += gr->cpu;
		tot_rss += gr->rss_max;
		tot_pss += gr->pss_max;
		bool listed = false;
		for (size_t k = 0; k < COUNT_OF(order); k++)
			listed |= strcmp(order[k], gr->name) == 0;
		if (listed)
			continue;
		if (gr->cpu / win_len >= 0.01) {
			printf("| %s | %.1f | %.1f | %.1f | %d |\n", gr->name, gr->cpu / win_len * 100,
			       gr->rss_max / 1024.0, gr->pss_max / 1024.0, gr->procs);
			continue;
		}
		other_cpu += gr->cpu;
		other_rss += gr->rss_max;
		other_pss += gr->pss_max;
		other_n += gr->procs;
	}
	printf("| other programs | %.1f | %.1f | %.1f | %d |\n", other_cpu / win_len * 100,
	       other_rss / 1024.0, other_pss / 1024.0, other_n);
	printf("| **whole stack** | **%.1f** | **%.1f** | **%.1f** | |\n", tot_cpu / win_len * 100,
	       tot_rss / 1024.0, tot_pss / 1024.0);
	printf("| loadgen (this generator) | %.1f | | | %d |\n", self_cpu / win_len * 100, O.procs);
	sumf("%s.cpu.stack %.1f", key, tot_cpu / win_len * 100);
	sumf("%s.rss.stack_mib %.1f", key, tot_rss / 1024.0);
	sumf("%s.pss.stack_mib %.1f", key, tot_pss / 1024.0);
	sumf("%s.cpu.loadgen %.1f", key, self_cpu / win_len * 100);
	if (thread_report[0])
		printf("\npoll.fcgi threads, %% of one core, in creation order (main, 4 acceptors, "
		       "watcher, router): %s\n", thread_report);
	int pg = group_index("poll"), ng = group_index("nginx");
	if (O.mode == M_IDLE || O.mode == M_FANOUT || O.mode == M_AUDITORIUM)
		printf("\nOpen descriptors at the end: poll.fcgi %d; nginx %d (master + each worker: %s; "
		       "each held poll is two connections in one worker).\n",
		       pg >= 0 ? groups[pg].fds : 0, ng >= 0 ? groups[ng].fds : 0,
		       ng >= 0 ? groups[ng].fds_each : "");
}

static void print_db(const char *key, double per_what, const char *what)
{
	if (!have_db)
		return;
	double d[COUNT_OF(db_keys)];
	for (size_t k = 0; k < COUNT_OF(db_keys); k++)
		d[k] = (double)(dbv1[k] - dbv0[k]);
	printf("\nMariaDB over the window: %.0f queries/s (select %.0f, insert %.0f, update %.0f), "
	       "%.0f fsyncs/s (Innodb_data_fsyncs: durable commits, redo log included), "
	       "%.0f redo log writes/s, row lock waits %.0f",
	       d[0] / win_len, d[1] / win_len, d[2] / win_len, d[3] / win_len, d[5] / win_len,
	       d[6] / win_len, d[7]);
	if (per_what > 0)
		printf("; per %s: %.1f queries (%.1f insert/update), %.2f fsyncs", what, d[0] / per_what,
		       (d[2] + d[3]) / per_what, d[5] / per_what);
	printf(".\n");
	sumf("%s.db.qps %.0f", key, d[0] / win_len);
	sumf("%s.db.fsyncs %.0f", key, d[5] / win_len);
	if (per_what > 0)
		sumf("%s.db.queries_per_%s %.1f", key, what, d[0] / per_what);
}

static void print_integrity(const char *key)
{
	printf("\nIntegrity: lines lost %ld, doubled %ld, out of order %ld; events lost %ld, "
	       "doubled %ld, out of order %ld; acknowledged seq differing from delivered seq %ld",
	       G.ln_lost, G.ln_doubled, G.ln_reordered, G.ev_lost, G.ev_doubled, G.ev_reordered,
	       G.misnumbered);
	if (G.unfinished)
		printf("; lines still unanswered at the end %ld", G.unfinished);
	printf(".\n");
	printf("Requests: %ld answers, %ld connections opened, %ld network errors, %ld timeouts, "
	       "%ld 5xx, %ld 4xx, %ld poll 503 (retry_ms), %ld retry-now answers.\n",
	       G.responses, G.connects, G.net_errors, G.timeouts, G.http_5xx, G.http_4xx, G.poll_503,
	       G.poll_retry);
	if (G.first_error[0])
		printf("First problem seen: %s\n", G.first_error);
	sumf("%s.lost %ld", key, G.ln_lost + G.ev_lost);
	sumf("%s.doubled %ld", key, G.ln_doubled + G.ev_doubled + G.misnumbered);
	sumf("%s.reordered %ld", key, G.ln_reordered + G.ev_reordered);
	sumf("%s.errors %ld", key, G.net_errors + G.timeouts + G.http_5xx + G.http_4xx);
}

/* ---- fixtures ------------------------------------------------------------------------- */

static int chan_find_or_add(const char *id)
{
	for (int i = nchans - 1; i >= 0 && i >= nchans - 4; i--)
		if (strcmp(chans[i].id, id) == 0)
			return i;
	static int cap;
	if (nchans == cap) {
		cap = cap ? cap * 2 : 1024;
		chans = realloc(chans, (size_t)cap * sizeof *chans);
		if (chans == NULL)
			die("out of memory");
	}
	memset(&chans[nchans], 0, sizeof chans[nchans]);
	snprintf(chans[nchans].id, sizeof chans[nchans].id, "%s", id);
	return nchans++;
}

static int cmp_chan(const void *a, const void *b)
{
	return strcmp(((const struct chan *)a)->id, ((const struct chan *)b)->id);
}

static void load_fixtures(void)
{
	FILE *f = fopen(O.fixtures, "r");
	if (f == NULL)
		die("cannot open %s: %s", O.fixtures, strerror(errno));
	char line[1024];
	int cap_pairs = 0, cap_f = 0;
	while (fgets(line, sizeof line, f)) {
		char kind[16], a[128], b[160], c[128], d[160], e[128];
		int n = sscanf(line, "%15s %127s %159s %127s %159s %127s", kind, a, b, c, d, e);
		if (n >= 6 && strcmp(kind, "pair") == 0) {
			if (npairs == cap_pairs) {
				cap_pairs = cap_pairs ? cap_pairs * 2 : 256;
				visitors = realloc(visitors, (size_t)cap_pairs * sizeof *visitors);
				agents = realloc(agents, (size_t)cap_pairs * sizeof *agents);
				if (!visitors || !agents)
					die("out of memory");
			}
			int ch = chan_find_or_add(a);
			struct party *v = &visitors[npairs], *ag = &agents[npairs];
			memset(v, 0, sizeof *v);
			memset(ag, 0, sizeof *ag);
			*v = (struct party){ .pair = npairs, .side = 'v', .chan = ch, .cookie = strdup(b),
					     .token = strdup(c), .expect = 1 };
			*ag = (struct party){ .pair = npairs, .side = 'a', .chan = ch, .cookie = strdup(d),
					      .token = strdup(e), .expect = 1 };
			npairs++;
		} else if (n >= 5 && strcmp(kind, "stage") == 0 && O.mode == M_AUDITORIUM) {
			/* stage EVENT STAGE_CHANNEL SPEAKER_COOKIE TOKEN [PRODUCER_COOKIE]:
			 * the speaker leads, the producer reads the questions */
			if (n >= 6)
				producer_cookie = strdup(e);
			if (strlen(a) != 32)
				die("%s: not an event id: %s", O.fixtures, a);
			memcpy(audience_event, a, 33);
			leader = xmalloc(sizeof *leader);
			*leader = (struct party){ .pair = -1, .side = 'l', .chan = chan_find_or_add(b),
						  .cookie = strdup(c), .token = strdup(d), .expect = 1 };
		} else if (n >= 2 && strcmp(kind, "attendee") == 0 && O.mode == M_AUDITORIUM) {
			if (leader == NULL)
				die("%s: an attendee before the stage line", O.fixtures);
			if (nfollowers == cap_f) {
				cap_f = cap_f ? cap_f * 2 : 1024;
				followers = realloc(followers, (size_t)cap_f * sizeof *followers);
				if (followers == NULL)
					die("out of memory");
			}
			followers[nfollowers] = (struct party){ .pair = -1, .side = 'f', .chan = leader->chan,
								.cookie = strdup(a), .expect = 1, .audience = true };
			nfollowers++;
		} else if (O.mode == M_AUDITORIUM && (strcmp(kind, "fan") == 0 || strcmp(kind, "follower") == 0)) {
			continue;
		} else if (n >= 4 && strcmp(kind, "fan") == 0) {
			leader = xmalloc(sizeof *leader);
			*leader = (struct party){ .pair = -1, .side = 'l', .chan = chan_find_or_add(a),
						  .cookie = strdup(b), .token = strdup(c), .expect = 1 };
		} else if (n >= 2 && strcmp(kind, "follower") == 0) {
			if (leader == NULL)
				die("%s: a follower before the fan line", O.fixtures);
			if (nfollowers == cap_f) {
				cap_f = cap_f ? cap_f * 2 : 1024;
				followers = realloc(followers, (size_t)cap_f * sizeof *followers);
				if (followers == NULL)
					die("out of memory");
			}
			followers[nfollowers] = (struct party){ .pair = -1, .side = 'f', .chan = leader->chan,
								.cookie = strdup(a), .token = NULL, .expect = 1 };
			nfollowers++;
		}
	}
	fclose(f);
	for (int i = 0; i < npairs; i++) {
		visitors[i].peer = &agents[i];
		agents[i].peer = &visitors[i];
	}
}

/* The channels' last_seq and signal_version now. */
static void load_seqs(void)
{
	if (O.mysql == NULL)
		return;
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "%s -N -B -e 'SELECT public_id, last_seq, signal_version FROM channel WHERE state = \"open\"'",
		 O.mysql);
	FILE *p = popen(cmd, "r");
	if (p == NULL)
		die("cannot run %s", O.mysql);
	struct chan *sorted = xmalloc((size_t)(nchans ? nchans : 1) * sizeof *sorted);
	int *index = xmalloc((size_t)(nchans ? nchans : 1) * sizeof *index);
	memcpy(sorted, chans, (size_t)nchans * sizeof *sorted);
	qsort(sorted, (size_t)nchans, sizeof *sorted, cmp_chan);
	char line[256];
	int found = 0;
	while (fgets(line, sizeof line, p)) {
		struct chan key;
		long long seq, sig;
		if (sscanf(line, "%32s %lld %lld", key.id, &seq, &sig) != 3)
			continue;
		struct chan *hit = bsearch(&key, sorted, (size_t)nchans, sizeof *sorted, cmp_chan);
		if (hit) {
			hit->last_seq = seq;
			hit->signals = sig;
			found++;
		}
	}
	if (pclose(p) != 0)
		die("%s failed", cmd);
	for (int i = 0; i < nchans; i++) {
		struct chan *hit = bsearch(&chans[i], sorted, (size_t)nchans, sizeof *sorted, cmp_chan);
		chans[i].last_seq = hit->last_seq;
		chans[i].signals = hit->signals;
	}
	if (found < nchans)
		die("only %d of the %d channels in %s are open in the database", found, nchans, O.fixtures);
	free(sorted);
	free(index);
}

/* ---- scenario plumbing ------------------------------------------------------------------ */

static struct poller *poller_new(struct party *party)
{
	struct poller *p = &pollers[npollers++];
	memset(p, 0, sizeof *p);
	p->party = party;
	p->conn = conn_new(K_POLL, p);
	p->after = p->last = chans[party->chan].last_seq;
	p->signals = chans[party->chan].signals;
	return p;
}

/* Opens polls at O.open_rate per second: nginx and the poll program's
 * acceptors take new connections at a finite rate, as from real browsers. */
static struct poller **open_queue;
static int open_next, open_count;

static void open_tick(void *arg)
{
	(void)arg;
	int batch = O.open_rate / 100 > 0 ? O.open_rate / 100 : 1;
	for (int i = 0; i < batch && open_next < open_count; i++)
		poller_send(open_queue[open_next++]);
	if (open_next < open_count)
		after_ms(10, open_tick, NULL);
}

static void open_pollers(struct poller **list, int n)
{
	open_queue = list;
	open_next = 0;
	open_count = n;
	open_tick(NULL);
}

static bool all_opened(void)
{
	return open_next >= open_count;
}

static long in_flight_lines(void)
{
	long n = 0;
	for (int i = 0; i < npairs; i++) {
		struct party *ps[2] = { &visitors[i], &agents[i] };
		for (int k = 0; k < 2; k++) {
			struct party *p = ps[k];
			if (!p->active)
				continue;
			/* lines sent whose delivery the peer has not seen */
			n += p->sent - (p->peer->expect - 1);
		}
	}
	return n;
}

/* After the drain: acknowledged lines the other side never saw are lost. */
static void final_line_check(void)
{
	for (int i = 0; i < npairs; i++) {
		struct party *ps[2] = { &visitors[i], &agents[i] };
		for (int k = 0; k < 2; k++) {
			struct party *p = ps[k];
			int seen = p->peer->expect - 1;
			if (p->acked > seen) {
				G.ln_lost += p->acked - seen;
				note_error("%d acknowledged lines of pair %d never reached the other side",
					   p->acked - seen, i);
			}
			if (p->sent > p->acked && p->sent > seen)
				G.unfinished += p->sent - (p->acked > seen ? p->acked : seen);
		}
	}
}

static void activate_pair(int i, double first_send_ms)
{
	struct party *v = &visitors[i], *a = &agents[i];
	v->active = a->active = true;
	v->post = conn_new(K_SAY, v);
	a->post = conn_new(K_SAY, a);
	v->main_poller = poller_new(v);
	a->main_poller = poller_new(a);
	after_ms(first_send_ms, party_send_cb, v);
}

/* ---- the event loop ---------------------------------------------------------------------- */

static volatile sig_atomic_t interrupted;
static void on_signal(int s)
{
	(void)s;
	interrupted = 1;
}

/* Runs until done() says so (checked every loop) or `limit` seconds pass. */
static void run_until(bool (*done)(void), double limit)
{
	static struct epoll_event evs[1024];
	double end = now() + limit, last_sweep = now(), last_print = now();
	while (!interrupted) {
		double t = now();
		while (nheap > 0 && heap[0].at <= t) {
			struct timer tm = timer_pop();
			tm.fn(tm.arg);
		}
		if ((done && done()) || t >= end)
			return;
		int timeout = 50;
		if (nheap > 0) {
			double d = (heap[0].at - now()) * 1000.0;
			if (d < timeout)
				timeout = d < 0 ? 0 : (int)d + 1;
		}
		int n = epoll_wait(epfd, evs, (int)COUNT_OF(evs), timeout);
		for (int i = 0; i < n; i++)
			conn_event(evs[i].data.ptr, evs[i].events);
		t = now();
		if (t - last_sweep >= 1) {
			sweep_timeouts();
			last_sweep = t;
		}
		if (O.verbose && t - last_print >= 1) {
			fprintf(stderr, "loadgen: %.0f s: %ld answers, %ld lines in window, %zu samples, %ld errors\n",
				t - G.w0, G.responses, G.win_lines, nlat, G.net_errors + G.http_5xx + G.http_4xx);
			last_print = t;
		}
	}
	die("interrupted");
}

static bool never(void)
{
	return false;
}

/* --duration 0: the window lasts until SIGUSR1. */
static volatile sig_atomic_t stop_asked;
static void on_stop_signal(int s)
{
	(void)s;
	stop_asked = 1;
}

static bool stop_was_asked(void)
{
	return stop_asked != 0;
}

static bool drained(void)
{
	return in_flight_lines() == 0;
}

/* ---- convo -------------------------------------------------------------------------------- */

static void print_latency_table(const char *key, struct latstats s)
{
	printf("| delivery latency | p50 | p95 | p99 | max | lines measured |\n|---|---:|---:|---:|---:|---:|\n");
	printf("| ms | %.1f | %.1f | %.1f | %.1f | %zu |\n", s.p50, s.p95, s.p99, s.max, s.n);
	sumf("%s.p50 %.2f", key, s.p50);
	sumf("%s.p95 %.2f", key, s.p95);
	sumf("%s.p99 %.2f", key, s.p99);
	sumf("%s.max %.2f", key, s.max);
}

static void mode_convo(void)
{
	int n = O.pairs < npairs ? O.pairs : npairs;
	if (n < O.pairs)
		fprintf(stderr, "loadgen: only %d pairs in the fixtures\n", n);
	pollers = xmalloc((size_t)(2 * n + 1) * sizeof *pollers);
	G.sending = true;
	struct poller **list = xmalloc((size_t)(2 * n + 1) * sizeof *list);
	for (int i = 0; i < n; i++) {
		activate_pair(i, O.open_rate > 0 ? 1000.0 * (2 * i) / O.open_rate + rand() % (O.pause_max + 1) : 0);
		list[2 * i] = agents[i].main_poller;
		list[2 * i + 1] = visitors[i].main_poller;
	}
	/* The polls open at the open rate; the activation queued them. */
	for (int i = 0; i < 2 * n; i++)
		list[i]->open = false;
	open_pollers(list, 2 * n);
	double open_secs = 2.0 * n / (O.open_rate > 0 ? O.open_rate : 1000);
	run_until(never, open_secs + O.warmup);
	window_open();
	tl("window-open");
	if (O.duration > 0)
		run_until(never, O.duration);
	else
		run_until(stop_was_asked, 1e9);
	window_close();
	G.sending = false;
	run_until(drained, O.drain);
	final_line_check();
	tl("end in-flight %ld", in_flight_lines());

	char key[32];
	snprintf(key, sizeof key, "convo%d", n);
	struct latstats s = lat_stats(lat, nlat);
	printf("\n### Conversation load: %d pairs, visitor pauses %d-%d ms, %.0f s measured\n\n", n,
	       O.pause_min, O.pause_max, win_len);
	print_latency_table(key, s);
	struct latstats a = lat_stats(ack, nack);
	printf("| /say answered (stored) | %.1f | %.1f | %.1f | %.1f | %zu |\n", a.p50, a.p95, a.p99, a.max, a.n);
	printf("\nLines delivered: %.1f/s. HTTP requests: %.1f/s (say %.1f/s, poll answers %.1f/s, of "
	       "which empty %.1f/s).\n", G.win_lines / win_len, G.win_http / win_len, G.win_say / win_len,
	       G.win_poll / win_len, G.win_poll_empty / win_len);
	if (window_done < window_started)
		printf("Lines started in the window but not delivered by its end + %.0f s: %ld "
		       "(not in the latency figures).\n", O.drain, window_started - window_done);
	sumf("%s.lines_per_s %.1f", key, G.win_lines / win_len);
	sumf("%s.http_per_s %.1f", key, G.win_http / win_len);
	print_processes(key);
	print_db(key, (double)G.win_lines, "line");
	print_integrity(key);
}

/* ---- saturate ----------------------------------------------------------------------------- */

static bool window_lines_done(void)
{
	return window_done >= window_started;
}

static void mode_saturate(void)
{
	int maxp = O.steps[O.nsteps - 1] < npairs ? O.steps[O.nsteps - 1] : npairs;
	pollers = xmalloc((size_t)(2 * maxp + 1) * sizeof *pollers);
	O.pause_min = O.pause_max = 0;
	G.sending = true;
	int active = 0;
	double best_lps = 0, best_p99 = 0, best_http = 0;
	int best_pairs = 0;
	bool saturated = false;
	int over = 0;
	printf("\n### Saturation: no pauses, pairs ramped, %.0f s per step, target p99 < %.0f ms\n\n",
	       O.step_secs, O.target_p99);
	printf("| pairs | lines/s | HTTP req/s | p50 ms | p95 ms | p99 ms | max ms | /say p99 ms | "
	       "stack CPU %% | nginx | poll | say | MariaDB | fsyncs/s | queries/line |\n"
	       "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	fflush(stdout);
	for (int s = 0; s < O.nsteps && !saturated; s++) {
		int want = O.steps[s] < npairs ? O.steps[s] : npairs;
		if (want <= active)
			continue;
		struct poller **list = xmalloc((size_t)(2 * (want - active)) * sizeof *list);
		int k = 0;
		for (int i = active; i < want; i++) {
			activate_pair(i, 200.0 + rand() % 500);
			list[k++] = agents[i].main_poller;
			list[k++] = visitors[i].main_poller;
		}
		open_pollers(list, k);
		active = want;
		run_until(all_opened, 60);
		run_until(never, 1.5);
		window_open();
		run_until(never, O.step_secs);
		window_close();
		/* Same load until the window's lines are in (at most 3 s more). */
		run_until(window_lines_done, 3);
		long missing = window_started - window_done;
		for (long m = 0; m < missing; m++)
			lat_add(3000 + O.step_secs * 1000); /* not delivered yet: count as very late */
		struct latstats st = lat_stats(lat, nlat);
		struct latstats at = lat_stats(ack, nack);
		double lps = G.win_lines / win_len;
		int pg = group_index("poll"), sg = group_index("say"), mg = group_index("mariadb");
		int ngx = group_index("nginx");
		double stack = 0;
		for (int g = 0; g < ngroups; g++)
			stack += groups[g].cpu;
		double dq = have_db ? (double)(dbv1[0] - dbv0[0]) : 0;
		double df = have_db ? (double)(dbv1[5] - dbv0[5]) : 0;
		printf("| %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f |\n",
		       want, lps, G.win_http / win_len, st.p50, st.p95, st.p99, st.max, at.p99,
		       stack / win_len * 100, ngx >= 0 ? groups[ngx].cpu / win_len * 100 : 0,
		       pg >= 0 ? groups[pg].cpu / win_len * 100 : 0,
		       sg >= 0 ? groups[sg].cpu / win_len * 100 : 0,
		       mg >= 0 ? groups[mg].cpu / win_len * 100 : 0, df / win_len,
		       G.win_lines ? dq / G.win_lines : 0);
		fflush(stdout);
		if (thread_report[0] && O.verbose)
			fprintf(stderr, "loadgen: poll threads %s\n", thread_report);
		if (st.p99 < O.target_p99 && missing == 0) {
			over = 0;
			if (lps > best_lps) {
				best_lps = lps;
				best_p99 = st.p99;
				best_pairs = want;
				best_http = G.win_http / win_len;
			}
		} else if (++over >= O.patience) {
			saturated = true;
		}
		char key[32];
		snprintf(key, sizeof key, "sat%d", want);
		sumf("%s.lines_per_s %.1f", key, lps);
		sumf("%s.http_per_s %.1f", key, G.win_http / win_len);
		sumf("%s.p99 %.2f", key, st.p99);
	}
	G.sending = false;
	run_until(drained, O.drain);
	final_line_check();
	printf("\nMost lines delivered per second with p99 < %.0f ms: **%.0f** (%d pairs, p99 %.1f ms)%s.\n",
	       O.target_p99, best_lps, best_pairs, best_p99,
	       saturated ? "" : "; p99 stayed under the target at every step (not saturated: "
			       "more pairs are needed to find the limit)");
	printf("Last step's poll.fcgi threads, %% of one core (main, 4 acceptors, watcher, router): %s\n",
	       thread_report);
	sumf("sat.best_lines_per_s %.1f", best_lps);
	sumf("sat.best_pairs %d", best_pairs);
	sumf("sat.best_p99 %.2f", best_p99);
	sumf("sat.best_http_per_s %.1f", best_http);
	sumf("sat.saturated %d", saturated);
	print_processes("sat.last");
	print_db("sat.last", (double)G.win_lines, "line");
	print_integrity("sat");
}

/* The descriptors of every process of the poll program (poll_processes > 1
 * runs several under the one in the pid file). */
static int poll_group_fds(int pg)
{
	struct pinfo *all;
	size_t n = scan_stack(&all);
	int fds = 0;
	for (size_t i = 0; i < n; i++)
		if (all[i].group == pg)
			fds += count_fds(all[i].pid);
	free(all);
	return fds;
}

/* Until poll.fcgi holds `n` more descriptors than `base` (each held poll is
 * one), i.e. the polls have reached it rather than waiting in a backlog. */
static int parked_target;
static bool parked_enough(void)
{
	static double last;
	static bool result;
	int pg = group_index("poll");
	if (pg < 0)
		return true;
	if (now() - last >= 0.1) { /* reading 10,000 descriptors takes a while */
		last = now();
		result = poll_group_fds(pg) >= parked_target;
	}
	return result;
}

/* poll.fcgi's descriptors once steady: the polls of an earlier run are
 * dropped by its once-a-second sweep for clients that went away. */
static int poll_fds(void)
{
	int pg = group_index("poll");
	if (pg < 0)
		return 0;
	int last = poll_group_fds(pg);
	for (int i = 0; i < 40; i++) {
		run_until(never, 0.3);
		int n = poll_group_fds(pg);
		if (n == last && i >= 4)
			break;
		last = n;
	}
	return last;
}

static void wait_parked(int base, int n, double limit)
{
	parked_target = base + n;
	double t0 = now();
	run_until(never, 0.15); /* a fresh count */
	run_until(parked_enough, limit);
	if (!parked_enough())
		fprintf(stderr, "loadgen: poll.fcgi holds %d of the %d polls after %.0f s\n",
			poll_fds() - base, n, now() - t0);
}

/* ---- idle --------------------------------------------------------------------------------- */

static void mode_idle(void)
{
	int nparties = 2 * npairs + nfollowers + (leader ? 1 : 0);
	if (nparties == 0)
		die("no parties in %s", O.fixtures);
	struct party **parties = xmalloc((size_t)nparties * sizeof *parties);
	int k = 0;
	for (int i = 0; i < npairs; i++) {
		parties[k++] = &visitors[i];
		parties[k++] = &agents[i];
	}
	for (int i = 0; i < nfollowers; i++)
		parties[k++] = &followers[i];
	if (leader)
		parties[k++] = leader;
	pollers = xmalloc((size_t)O.polls * sizeof *pollers);
	struct poller **list = xmalloc((size_t)O.polls * sizeof *list);
	for (int i = 0; i < O.polls; i++)
		list[i] = poller_new(parties[i % nparties]);
	int base = poll_fds();
	open_pollers(list, O.polls);
	run_until(all_opened, 600);
	wait_parked(base, O.polls, 120);
	run_until(never, O.settle);
	window_open();
	run_until(never, O.duration);
	window_close();

	printf("\n### Idle holding: %d long-polls open (%d participants), nothing happening, %.0f s measured\n",
	       O.polls, nparties, win_len);
	printf("\nPolls answered in the window: %ld (%.1f/s; each is a hold running out, asked again "
	       "at once); events received: %ld.\n", G.win_poll, G.win_poll / win_len, G.win_events_idle);
	sumf("idle.polls %d", O.polls);
	sumf("idle.answers_per_s %.1f", G.win_poll / win_len);
	print_processes("idle");
	print_db("idle", 0, "");
	print_integrity("idle");
}

/* ---- the question storm (auditorium) ---------------------------------------------------- */

/* --askers attendees of this process's share each POST /ask once, spread
 * evenly over --storm-secs, as the page's form sends it (the form token is
 * a double-submit cookie, FORM_CSRF_COOKIE). Then the producer's
 * moderation queue is read as the producer's page reads it (GET /moderate,
 * their session): every question /ask acknowledged must be there exactly
 * once, and no storm question /ask did not acknowledge. */
struct asker {
	struct party *party;
	struct conn *c;
	int index;
	double sent_at, ms;
	int status;
};
static struct asker *askers;
static int nask_sent, nask_answered;
static char *queue_body;
static size_t queue_len;
static int queue_status;

static void ask_marker(char *out, size_t size, int i)
{
	snprintf(out, size, "[storm %s q%06d]", run_id, i);
}

static void ask_send(void *arg)
{
	struct asker *a = arg;
	char marker[64], body[400];
	ask_marker(marker, sizeof marker, a->index);
	int blen = snprintf(body, sizeof body, "csrf=%064d&e=%s&kind=question&text=", a->index, audience_event);
	for (const char *p = marker; *p; p++)
		blen += snprintf(body + blen, sizeof body - (size_t)blen, isalnum((unsigned char)*p) ? "%c" : "%%%02X",
				 (unsigned char)*p);
	blen += snprintf(body + blen, sizeof body - (size_t)blen, "+How+long+does+the+battery+last%%3F");
	a->c->out.len = 0;
	sb_printf(&a->c->out,
		  "POST /ask HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\nOrigin: %s\r\n"
		  "User-Agent: baton-loadgen/1\r\nCookie: %s; baton_csrf=%064d\r\n"
		  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		  O.host, O.url, a->party->cookie, a->index, blen, body);
	a->sent_at = now();
	nask_sent++;
	conn_start(a->c);
}

static void ask_answered(void *owner, int status, const char *body)
{
	struct asker *a = owner;
	a->status = status;
	a->ms = (now() - a->sent_at) * 1000.0;
	nask_answered++;
	if (status != 200) {
		G.http_4xx += status >= 400 && status < 500;
		G.http_5xx += status >= 500;
		note_error("ask answered %d: %.200s", status, body);
	}
}

static void queue_answered(int status, const char *body, size_t len)
{
	queue_status = status;
	free(queue_body);
	queue_body = xmalloc(len + 1);
	memcpy(queue_body, body, len);
	queue_body[len] = '\0';
	queue_len = len;
}

static bool asks_done(void)
{
	return nask_answered >= O.askers;
}

static bool queue_read(void)
{
	return queue_status != 0;
}

/* Occurrences of a string in the queue's answer. */
static int queue_count(const char *what)
{
	int n = 0;
	size_t wl = strlen(what);
	for (const char *p = queue_body; p && (p = memmem(p, queue_len - (size_t)(p - queue_body), what, wl)); p += wl)
		n++;
	return n;
}

static void question_storm(int share)
{
	int n = O.askers < share ? O.askers : share;
	O.askers = n;
	if (n <= 0 || producer_cookie == NULL)
		return;
	askers = xmalloc((size_t)n * sizeof *askers);
	for (int i = 0; i < n; i++) {
		/* Every share/n-th attendee of this process's share asks. */
		struct party *p = &followers[(long)i * share / n];
		askers[i] = (struct asker){ .party = p, .c = conn_new(K_ASK, &askers[i]), .index = i };
		after_ms(O.storm_secs * 1000.0 * i / n, ask_send, &askers[i]);
	}
	double t0 = now();
	run_until(asks_done, O.storm_secs + 60);
	double took = now() - t0;
	int acked = 0, refused = 0;
	double *ms = xmalloc((size_t)n * sizeof *ms);
	for (int i = 0; i < n; i++) {
		if (askers[i].status == 0)
			continue; /* no answer */
		ms[acked + refused] = askers[i].ms;
		acked += askers[i].status == 200;
		refused += askers[i].status != 200;
	}
	struct latstats st = lat_stats(ms, (size_t)(acked + refused));
	/* The producer's queue, as their page reads it; read again (for 10 s)
	 * while it holds fewer than were acknowledged. */
	struct conn *q = conn_new(K_QUEUE, NULL);
	int once = 0, twice = 0, missing = 0, extra = 0, total = 0;
	for (double until = now() + 10;;) {
		queue_status = 0;
		q->out.len = 0;
		sb_printf(&q->out, "GET /moderate?e=%s HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\n"
			  "User-Agent: baton-loadgen/1\r\nCookie: %s\r\n\r\n", audience_event, O.host, producer_cookie);
		conn_start(q);
		run_until(queue_read, 30);
		char prefix[64];
		snprintf(prefix, sizeof prefix, "[storm %s q", run_id);
		total = queue_count(prefix);
		if (queue_status != 200 || total >= acked || now() >= until)
			break;
		run_until(never, 1.0);
	}
	if (queue_status != 200)
		note_error("the producer's GET /moderate answered %d", queue_status);
	for (int i = 0; i < n; i++) {
		char marker[64];
		ask_marker(marker, sizeof marker, i);
		int k = queue_count(marker);
		if (askers[i].status == 200) {
			once += k == 1;
			twice += k > 1;
			missing += k == 0;
		} else {
			extra += k > 0;
		}
	}
	printf("\n### Question storm: %d attendees ask a question each within %.0f s\n\n", n, O.storm_secs);
	printf("Sent over %.1f s, one every %.0f ms, while all the attendees' polls are held. /ask answered "
	       "200 (stored) for %d, refused %d; answered in p50 %.1f ms, p99 %.1f ms, max %.1f ms.\n\n",
	       took, O.storm_secs * 1000.0 / n, acked, refused, st.p50, st.p99, st.max);
	printf("The producer's queue (GET /moderate?e=EVENT with the producer's session, as their page "
	       "reads it; HTTP %d) holds %d storm questions: of the %d acknowledged, %d once, %d more "
	       "than once, %d missing; %d it holds were not acknowledged.\n", queue_status, total, acked,
	       once, twice, missing, extra);
	sumf("storm.askers %d", n);
	sumf("storm.acked %d", acked);
	sumf("storm.refused %d", refused);
	sumf("storm.once %d", once);
	sumf("storm.missing %d", missing);
	sumf("storm.doubled %d", twice);
	sumf("storm.p99_ms %.1f", st.p99);
	G.ev_lost += missing;
	G.ev_doubled += twice;
}

/* ---- fan-out ------------------------------------------------------------------------------ */

static bool fan_complete(void)
{
	return __atomic_load_n(&fan->reached, __ATOMIC_ACQUIRE) >= nfollowers;
}

static bool all_polls_out(void)
{
	for (int i = 0; i < npollers; i++)
		if (!pollers[i].conn->busy && !pollers[i].stopped)
			return false;
	return true;
}

/* Every follower of every process has asked again. */
static bool everyone_out(void)
{
	if (!all_polls_out())
		return false;
	for (int i = 1; i < O.procs; i++)
		if (!__atomic_load_n(&fan->out[i], __ATOMIC_ACQUIRE))
			return false;
	return true;
}

/* ---- followers over several processes (--procs) ---------------------------------------- */

/* A process holds a descriptor per follower, and a container's open-file
 * limit (ulimit -Hn) may be below the audience: helper processes, forked
 * before any connection is made, each hold a share of the followers on an
 * epoll loop of their own, and tell the first process through struct
 * fan_state. The first holds the first share and the leader, runs the
 * rounds and reports; the helpers' counts are added to its own at the end. */

static bool helper_should_stop(void)
{
	G.w0 = fan->w0;
	G.w1 = fan->w1;
	__atomic_store_n(&fan->out[helper_index], all_polls_out(), __ATOMIC_RELEASE);
	return __atomic_load_n(&fan->stop, __ATOMIC_ACQUIRE) != 0;
}

static pid_t first_pid;

static void helper_main(int first, int last)
{
	/* Not left holding thousands of polls if the first process dies. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != first_pid)
		_exit(1);
	close(epfd);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		die("epoll_create1: %s", strerror(errno));
	ngroups = 0; /* the first process measures the stack */
	int n = last - first;
	pollers = xmalloc((size_t)n * sizeof *pollers);
	struct poller **list = xmalloc((size_t)n * sizeof *list);
	for (int i = 0; i < n; i++)
		list[i] = followers[first + i].main_poller = poller_new(&followers[first + i]);
	open_pollers(list, n);
	run_until(helper_should_stop, 1e9);
	fan->counts[helper_index] = G;
	_exit(0);
}

/* Forks the helpers; returns the first follower of this process's share. */
static int start_helpers(int n)
{
	if (O.procs < 1 || O.procs > MAX_PROCS)
		die("--procs 1 to %d", MAX_PROCS);
	O.open_rate = O.open_rate / O.procs > 0 ? O.open_rate / O.procs : 1;
	fflush(stdout);
	fflush(stderr);
	first_pid = getpid();
	for (int i = 1; i < O.procs; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			helper_index = i;
			helper_main((int)((long)n * i / O.procs), (int)((long)n * (i + 1) / O.procs));
		}
		helpers[i] = pid;
	}
	return (int)((long)n / O.procs);
}

/* Stops the helpers and adds their counts to this process's. */
static void stop_helpers(void)
{
	__atomic_store_n(&fan->stop, 1, __ATOMIC_RELEASE);
	for (int i = 1; i < O.procs; i++) {
		int st = 0;
		if (waitpid(helpers[i], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			note_error("loadgen helper %d ended badly (status %d)", i, st);
			G.ev_lost++;
			continue;
		}
		const __typeof__(G) *c = &fan->counts[i];
		G.responses += c->responses;
		G.connects += c->connects;
		G.net_errors += c->net_errors;
		G.timeouts += c->timeouts;
		G.http_4xx += c->http_4xx;
		G.http_5xx += c->http_5xx;
		G.poll_503 += c->poll_503;
		G.poll_retry += c->poll_retry;
		G.win_http += c->win_http;
		G.win_poll += c->win_poll;
		G.win_poll_empty += c->win_poll_empty;
		G.win_events_idle += c->win_events_idle;
		G.ev_lost += c->ev_lost;
		G.ev_doubled += c->ev_doubled;
		G.ev_reordered += c->ev_reordered;
		G.misnumbered += c->misnumbered;
		if (G.first_error[0] == '\0')
			memcpy(G.first_error, c->first_error, sizeof G.first_error);
	}
}

static void go_send(struct conn *c, const char *url)
{
	c->out.len = 0;
	char body[600];
	int blen = snprintf(body, sizeof body, "channel=%s&token=%s&mode=frame&url=", chans[leader->chan].id,
			    leader->token);
	for (const char *p = url; *p && blen < (int)sizeof body - 4; p++) {
		if (isalnum((unsigned char)*p) || *p == '-' || *p == '.' || *p == '_')
			body[blen++] = *p;
		else
			blen += snprintf(body + blen, sizeof body - (size_t)blen, "%%%02X", (unsigned char)*p);
	}
	body[blen] = '\0';
	sb_printf(&c->out,
		  "POST /go HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\nOrigin: %s\r\n"
		  "User-Agent: baton-loadgen/1\r\nCookie: %s\r\n"
		  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		  O.host, O.url, leader->cookie, blen, body);
	conn_start(c);
}

static void mode_fanout(void)
{
	if (leader == NULL)
		die("no fan channel in %s", O.fixtures);
	int n = O.followers < nfollowers ? O.followers : nfollowers;
	nfollowers = n;
	fan = mmap(NULL, sizeof *fan + (size_t)(n + 1) * sizeof(double), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fan == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	int base = poll_fds();
	int first = n;
	if (O.procs > 1)
		first = start_helpers(n);
	pollers = xmalloc((size_t)(first + 1) * sizeof *pollers);
	struct poller **list = xmalloc((size_t)(first + 1) * sizeof *list);
	for (int i = 0; i < first; i++)
		list[i] = followers[i].main_poller = poller_new(&followers[i]);
	list[first] = leader->main_poller = poller_new(leader);
	open_pollers(list, first + 1);
	run_until(all_opened, 600);
	wait_parked(base, n + 1, 60);
	run_until(never, O.settle);
	struct conn *go = conn_new(K_GO, NULL);
	double *lasts = xmalloc((size_t)O.rounds * sizeof *lasts);
	const char *name = O.mode == M_AUDITORIUM ? "auditorium" : "fanout";
	if (O.mode == M_AUDITORIUM && O.idle > 0) {
		/* The audience held with nothing happening: each hold runs out and
		 * is asked again, spread over the hold. */
		fan->w0 = now();
		window_open();
		run_until(never, O.idle);
		window_close();
		fan->w1 = now();
		printf("\n### Auditorium held idle: %d attendees polling, nothing happening, %.0f s measured\n", n,
		       win_len);
		printf("\nPolls answered in the window (each a hold running out, asked again at once): "
		       "%ld in this generator's share of %d.\n", G.win_poll, first);
		print_processes("auditorium_idle");
		print_db("auditorium_idle", 0, "");
	}
	if (O.mode == M_AUDITORIUM)
		printf("\n### Auditorium: one live event, %d attendees polling /poll?audience=EVENT; the leading "
		       "speaker POSTs /go on the stage\n\n", n);
	else
		printf("\n### Fan-out: one channel, one leader, %d followers polling; the leader POSTs /go\n\n", n);
	if (O.procs > 1)
		printf("The followers are held by %d processes of the generator (%d each, one descriptor a "
		       "follower).\n\n", O.procs, n / O.procs);
	printf("| round | /go answered ms | first follower ms | p50 ms | p99 ms | last follower ms | "
	       "followers reached |\n|---:|---:|---:|---:|---:|---:|---:|\n");
	fan->w0 = now();
	fan->w1 = 0;
	window_open();
	for (int r = 1; r <= O.rounds; r++) {
		/* Every follower has asked again and its poll is held. */
		run_until(everyone_out, 30);
		wait_parked(base, n + 1, 30);
		run_until(never, 1.0);
		snprintf(fan->url, sizeof fan->url, "https://example.com/bench/%s/round-%d?from=leader", run_id, r);
		fan->got = 0;
		__atomic_store_n(&fan->reached, 0, __ATOMIC_RELEASE);
		fan_ack = 0;
		fan->t0 = now();
		__atomic_store_n(&fan->round, r, __ATOMIC_RELEASE);
		go_send(go, fan->url);
		run_until(fan_complete, 20);
		__atomic_store_n(&fan->round, 0, __ATOMIC_RELEASE);
		int got = __atomic_load_n(&fan->reached, __ATOMIC_ACQUIRE);
		struct latstats s = lat_stats(fan->times, (size_t)got);
		lasts[r - 1] = got == n ? s.max : 1e9;
		printf("| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d of %d |\n", r, fan_ack,
		       got ? fan->times[0] : 0, s.p50, s.p99, s.max, got, n);
		fflush(stdout);
		if (got < n) {
			G.ev_lost += n - got;
			note_error("round %d: %d followers did not get the address within 20 s", r, n - got);
		}
	}
	window_close();
	fan->w1 = now();
	stop_helpers();
	qsort(lasts, (size_t)O.rounds, sizeof *lasts, cmp_double);
	printf("\nTime until the last follower had the address: median %.0f ms, worst %.0f ms over %d rounds.\n",
	       lasts[(O.rounds - 1) / 2], lasts[O.rounds - 1], O.rounds);
	sumf("%s.followers %d", name, n);
	sumf("%s.last_median_ms %.1f", name, lasts[(O.rounds - 1) / 2]);
	sumf("%s.last_max_ms %.1f", name, lasts[O.rounds - 1]);
	print_processes(name);
	print_db(name, (double)O.rounds, "round");
	if (O.mode == M_AUDITORIUM)
		question_storm(first);
	print_integrity(name);
}


/* ---- main ---------------------------------------------------------------------------------- */

static void usage(void)
{
	fputs("usage: loadgen convo|saturate|idle|fanout|auditorium --url URL --fixtures FILE [--stack DIR]\n"
	      "         [--mysql 'mariadb ... DBNAME'] [--summary FILE] [--verbose]\n"
	      "  convo:    --pairs N --duration S (0: until SIGUSR1) --warmup S --pause MIN-MAX (ms)\n"
	      "            --drain S --timeline FILE\n"
	      "  saturate: --steps N,N,... --step-secs S --target-p99 MS --patience STEPS\n"
	      "  idle:     --polls N --duration S --settle S\n"
	      "  fanout:   --followers N --rounds R --settle S\n"
	      "  auditorium: the same, the attendees of the fixtures' stage line (--followers N),\n"
	      "            first --idle S measured with everyone held and nothing happening\n"
	      "  fanout, auditorium: --procs N (followers shared over N processes: one descriptor each)\n"
	      "  auditorium: --askers N --storm-secs S: after the rounds N attendees ask a question each\n"
	      "            within S s; the producer's queue (GET /moderate) must hold each once\n"
	      "  all:      --open-rate N (polls opened per second), --fault drop|dup (tests the checks)\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "convo") == 0)
		O.mode = M_CONVO;
	else if (strcmp(argv[1], "saturate") == 0)
		O.mode = M_SATURATE;
	else if (strcmp(argv[1], "idle") == 0)
		O.mode = M_IDLE;
	else if (strcmp(argv[1], "fanout") == 0)
		O.mode = M_FANOUT;
	else if (strcmp(argv[1], "auditorium") == 0)
		O.mode = M_AUDITORIUM;
	else
		usage();
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--verbose") == 0) {
			O.verbose = true;
			continue;
		}
		if (v == NULL)
			usage();
		i++;
		if (strcmp(a, "--url") == 0) O.url = v;
		else if (strcmp(a, "--fixtures") == 0) O.fixtures = v;
		else if (strcmp(a, "--stack") == 0) O.stack = v;
		else if (strcmp(a, "--mysql") == 0) O.mysql = v;
		else if (strcmp(a, "--summary") == 0) O.summary = v;
		else if (strcmp(a, "--label") == 0) O.label = v;
		else if (strcmp(a, "--fault") == 0) O.fault = v;
		else if (strcmp(a, "--timeline") == 0) O.timeline = v;
		else if (strcmp(a, "--pairs") == 0) O.pairs = atoi(v);
		else if (strcmp(a, "--duration") == 0) O.duration = atof(v);
		else if (strcmp(a, "--warmup") == 0) O.warmup = atof(v);
		else if (strcmp(a, "--drain") == 0) O.drain = atof(v);
		else if (strcmp(a, "--settle") == 0) O.settle = atof(v);
		else if (strcmp(a, "--step-secs") == 0) O.step_secs = atof(v);
		else if (strcmp(a, "--target-p99") == 0) O.target_p99 = atof(v);
		else if (strcmp(a, "--patience") == 0) O.patience = atoi(v);
		else if (strcmp(a, "--polls") == 0) O.polls = atoi(v);
		else if (strcmp(a, "--open-rate") == 0) O.open_rate = atoi(v);
		else if (strcmp(a, "--followers") == 0) O.followers = atoi(v);
		else if (strcmp(a, "--rounds") == 0) O.rounds = atoi(v);
		else if (strcmp(a, "--procs") == 0) O.procs = atoi(v);
		else if (strcmp(a, "--askers") == 0) O.askers = atoi(v);
		else if (strcmp(a, "--storm-secs") == 0) O.storm_secs = atof(v);
		else if (strcmp(a, "--idle") == 0) O.idle = atof(v);
		else if (strcmp(a, "--pause") == 0) {
			if (sscanf(v, "%d-%d", &O.pause_min, &O.pause_max) != 2 || O.pause_min < 0
			    || O.pause_max < O.pause_min)
				die("--pause MIN-MAX in ms");
		} else if (strcmp(a, "--steps") == 0) {
			O.nsteps = 0;
			for (const char *p = v; *p && O.nsteps < MAX_STEPS;) {
				O.steps[O.nsteps++] = atoi(p);
				p += strcspn(p, ", ");
				p += strspn(p, ", ");
			}
		} else
			usage();
	}
	if (O.url == NULL || O.fixtures == NULL)
		usage();
	if (O.mode == M_SATURATE && O.nsteps == 0)
		die("--steps is needed");
	int port;
	if (sscanf(O.url, "http://127.0.0.1:%d", &port) != 1)
		die("--url must be http://127.0.0.1:PORT");
	snprintf(O.host, sizeof O.host, "127.0.0.1:%d", port);
	O.addr.sin_family = AF_INET;
	O.addr.sin_port = htons((uint16_t)port);
	O.addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	/* Each poll, post and follower is a connection. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	if (O.procs < 1 || O.procs > MAX_PROCS)
		die("--procs 1 to %d", MAX_PROCS);
	long need = O.mode == M_IDLE ? O.polls
		    : (O.mode == M_FANOUT || O.mode == M_AUDITORIUM) ? (O.followers + O.procs - 1) / O.procs
		    : 4L * O.pairs;
	if (O.mode == M_SATURATE)
		need = 4L * O.steps[O.nsteps - 1];
	if ((long)rl.rlim_cur < need + 64)
		die("open file limit %ld is too low for %ld connections: raise ulimit -n", (long)rl.rlim_cur, need);

	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	snprintf(run_id, sizeof run_id, "%lx%x", (unsigned long)time(NULL) % 0xfffff, rand() % 0xfff);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		die("epoll_create1: %s", strerror(errno));
	if (O.summary && (summary = fopen(O.summary, "a")) == NULL)
		die("cannot open %s", O.summary);
	if (O.timeline) {
		if ((timeline = fopen(O.timeline, "w")) == NULL)
			die("cannot open %s", O.timeline);
		setvbuf(timeline, NULL, _IOLBF, 0);
	}
	signal(SIGUSR1, on_stop_signal);

	load_fixtures();
	load_seqs();
	groups_init();
	if (ngroups > 0) {
		sample_memory();
		pthread_t th;
		pthread_create(&th, NULL, sampler_main, NULL);
		pthread_detach(th);
	}
	switch (O.mode) {
	case M_CONVO: mode_convo(); break;
	case M_SATURATE: mode_saturate(); break;
	case M_IDLE: mode_idle(); break;
	case M_FANOUT:
	case M_AUDITORIUM: mode_fanout(); break;
	}
	fflush(stdout);
	/* Integrity is the exit status: 0 only when nothing was lost, doubled or
	 * reordered. */
	long bad = G.ln_lost + G.ln_doubled + G.ln_reordered + G.ev_lost + G.ev_doubled + G.ev_reordered
		   + G.misnumbered;
	return bad ? 1 : 0;
}
