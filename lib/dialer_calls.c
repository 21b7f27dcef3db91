/* dialer_calls.c - calls and their legs: an agent's phone dialling in with
 * its key, the customer called for a call-back, the two joined, the
 * agents' commands, and every way a call ends. The inbound side (the IVR)
 * is in lib/dialer_ivr.c. */
#include "dialer_call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "log.h"
#include "pool.h"

static const char agent_key_prefix[] = "k-";

struct call *dialer_call_new(struct dialer *d)
{
	struct call *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->d = d;
	c->next = d->calls;
	d->calls = c;
	return c;
}

struct call *dialer_call_by_id(struct dialer *d, long long id)
{
	for (struct call *c = d->calls; c != NULL; c = c->next)
		if (c->id == id && c->phase != PHASE_DONE)
			return c;
	return NULL;
}

static void call_free(struct dialer *d, struct call *c)
{
	for (struct call **p = &d->calls; *p != NULL; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	free(c->recording);
	free(c);
}

/* The end of a call: both legs hung up, the outcome stored. Safe to call
 * from a leg's ended event; the call is freed by dialer_timers. */
void dialer_call_end(struct call *c, const char *outcome)
{
	if (c->phase == PHASE_DONE)
		return;
	if (c->outcome == NULL)
		c->outcome = outcome;
	enum call_phase was = c->phase;
	c->phase = PHASE_DONE;
	if (c->customer != NULL) {
		sipua_leg_set_data(c->customer, NULL);
		sipua_hangup(c->customer);
		c->customer = NULL;
	}
	if (c->agent != NULL) {
		sipua_leg_set_data(c->agent, NULL);
		sipua_hangup(c->agent);
		c->agent = NULL;
	}
	if (c->id == 0)
		return;
	if (was == PHASE_TALKING || was == PHASE_HELD) {
		long long seconds = (sipua_now_ms() - c->talk_started_ms) / 1000;
		store_channel_note(c, pool_printf(c->d->pool, "The call ended after %lld:%02lld.",
						   seconds / 60, seconds % 60));
	}
	store_call_end(c);
	pool_reset(c->d->pool);
}

static void talk(struct call *c)
{
	sipua_bridge(c->customer, c->agent);
	if (c->talk_started_ms == 0)
		c->talk_started_ms = sipua_now_ms();
	c->phase = PHASE_TALKING;
	c->deadline = 0;
	store_call_connected(c);
	store_call_event(c, "connected", NULL);
	pool_reset(c->d->pool);
}

/* ---- outbound: a call-back ------------------------------------------------- */

static void dial_customer(struct call *c)
{
	char headers[96];
	snprintf(headers, sizeof headers, "X-Baton-Call: %s\r\n", c->public_id);
	const char *from = c->caller_id[0] ? c->caller_id : "anonymous";
	c->customer = sipua_call(c->d->ua, c->number, from, c->client_name, headers);
	if (c->customer == NULL) {
		c->outcome = "failed";
		store_attempt_failed(c);
		dialer_call_end(c, "failed");
		return;
	}
	sipua_leg_set_data(c->customer, c);
	c->phase = PHASE_DIALING;
	c->deadline = sipua_now_ms() + c->ring_ms;
	sipua_play(c->agent, prompts_get(c->d->prompts, "ringback"), true);
	store_call_state(c, "dialing");
	store_call_event(c, "dial", c->number);
	store_channel_note(c, pool_printf(c->d->pool, "Calling %s…", c->number));
	pool_reset(c->d->pool);
}

/* The outcome of a call nobody answered, from its final SIP status. */
static const char *unanswered(int status)
{
	switch (status) {
	case 486:
	case 600:
		return "busy";
	case 408:
	case 480:
	case 487:
	case 603:
		return "no_answer";
	default:
		return "failed";
	}
}

static void customer_failed(struct call *c, int status)
{
	c->customer = NULL;
	c->sip_status = status;
	c->outcome = unanswered(status);
	store_call_event(c, "failed", pool_printf(c->d->pool, "%d", status));
	store_attempt_failed(c);
	dialer_call_end(c, c->outcome);
}

/* ---- an agent's phone dials in ---------------------------------------------- */

struct key_row {
	long long id, client_id, request_id, channel_id, agent_id;
	bool outbound;
	const char *number, *state, *public_id;
};

static int find_key(struct dialer *d, const char *key, struct key_row *k)
{
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(key, hash);
	struct db_rows rows;
	int rc = db_query(d->db, d->pool, SQL_PHONE_CALL_BY_KEY, &rows, "s", hash);
	if (rc != DB_OK || rows.rows == 0)
		return rc == DB_OK ? 1 : rc;
	k->id = db_cell_int(&rows, 0, 0);
	k->client_id = db_cell_int(&rows, 0, 1);
	k->request_id = db_cell_int(&rows, 0, 2);
	k->channel_id = db_cell_int(&rows, 0, 3);
	k->agent_id = db_cell_int(&rows, 0, 4);
	k->outbound = strcmp(db_cell(&rows, 0, 5), "outbound") == 0;
	k->number = db_cell(&rows, 0, 6);
	k->state = db_cell(&rows, 0, 7);
	k->public_id = db_cell(&rows, 0, 8);
	return 0;
}

/* A call-back's first leg: the customer is called once the agent is on. */
static struct call *outbound_call(struct dialer *d, const struct key_row *k)
{
	struct db_rows line;
	if (db_query(d->db, d->pool, SQL_PHONE_LINE_DIAL, &line, "i", k->client_id) != DB_OK
	    || line.rows == 0 || k->number == NULL)
		return NULL;
	struct call *c = dialer_call_new(d);
	if (c == NULL)
		return NULL;
	c->id = k->id;
	c->outbound = true;
	c->client_id = k->client_id;
	c->request_id = k->request_id;
	c->channel_id = k->channel_id;
	c->agent_id = k->agent_id;
	snprintf(c->public_id, sizeof c->public_id, "%s", k->public_id);
	snprintf(c->number, sizeof c->number, "%s", k->number);
	snprintf(c->client_name, sizeof c->client_name, "%s", db_cell(&line, 0, 0));
	const char *caller_id = db_cell(&line, 0, 1) ? db_cell(&line, 0, 1) : db_cell(&line, 0, 2);
	snprintf(c->caller_id, sizeof c->caller_id, "%s", caller_id ? caller_id : "");
	c->ring_ms = (int)db_cell_int(&line, 0, 3) * 1000;
	c->phase = PHASE_AGENT;
	c->deadline = sipua_now_ms() + AGENT_WAIT_SECONDS * 1000LL;
	return c;
}

static void agent_dials_in(struct dialer *d, struct sip_leg *leg)
{
	struct key_row k;
	int found = find_key(d, sipua_leg_dialled(leg) + strlen(agent_key_prefix), &k);
	if (found != 0) {
		sipua_reject(leg, found > 0 ? 403 : 503, found > 0 ? "Forbidden" : "Service Unavailable");
		pool_reset(d->pool);
		return;
	}
	struct call *c = dialer_call_by_id(d, k.id);
	if (c == NULL && k.outbound && strcmp(k.state, "new") == 0)
		c = outbound_call(d, &k);
	if (c == NULL || c->phase == PHASE_DONE || c->phase == PHASE_CLOSING
	    || (!c->outbound && c->customer == NULL)) {
		sipua_reject(leg, 410, "Gone");
		pool_reset(d->pool);
		return;
	}
	if (c->agent != NULL) {
		/* Another agent (a transfer) or the same one again (a reload):
		 * the new phone takes over. */
		sipua_leg_set_data(c->agent, NULL);
		sipua_hangup(c->agent);
		store_call_event(c, "transfer", NULL);
	}
	c->agent = leg;
	c->agent_id = k.agent_id;
	c->channel_id = k.channel_id;
	sipua_leg_set_data(leg, c);
	store_call_event(c, "agent", pool_printf(d->pool, "%lld", k.agent_id));
	pool_reset(d->pool);
	sipua_answer(leg);
}

static void agent_up(struct call *c)
{
	if (c->phase == PHASE_AGENT) {
		dial_customer(c);
	} else if (c->phase == PHASE_CONNECTING || c->phase == PHASE_HOLDING
		   || c->phase == PHASE_TALKING || c->phase == PHASE_HELD) {
		if (c->customer != NULL && sipua_leg_is_up(c->customer))
			talk(c);
	} else if (c->phase == PHASE_DIALING) {
		sipua_play(c->agent, prompts_get(c->d->prompts, "ringback"), true);
	}
}

/* The agent's phone left a call the customer is on. Why decides what
 * follows: the agent sent the caller back to the queue (the command may
 * not have been read yet), handed the session to another agent (who is in
 * the channel now, and whose phone will dial in), or hung up. */
static void agent_left_talk(struct call *c)
{
	struct db_rows why;
	if (db_query(c->d->db, c->d->pool, SQL_CALL_AGENT_GONE, &why, "iii", c->id, c->channel_id,
		     c->agent_id) != DB_OK || why.rows == 0) {
		pool_reset(c->d->pool);
		dialer_call_end(c, "answered");
		return;
	}
	bool requeue = db_cell_int(&why, 0, 0) > 0, handed_over = db_cell_int(&why, 0, 1) > 0;
	pool_reset(c->d->pool);
	if (handed_over && !requeue)
		db_exec(c->d->db, SQL_PHONE_CALL_TO_CHANNEL_AGENT, NULL, "i", c->id);
	sipua_unbridge(c->customer);
	c->outbound = false; /* from now on the rules of callers holding apply */
	if (requeue) {
		store_call_event(c, "requeued", NULL);
		ivr_hold(c, true);
		return;
	}
	if (!handed_over) {
		dialer_call_end(c, "answered");
		return;
	}
	/* Handed over: music until the next agent's phone dials in. */
	c->phase = PHASE_CONNECTING;
	c->deadline = sipua_now_ms() + AGENT_WAIT_SECONDS * 1000LL;
	sipua_play(c->customer, prompts_get(c->d->prompts, "agent_wait"), false);
	sipua_play(c->customer, prompts_get(c->d->prompts, "hold_music"), true);
	store_call_state(c, "queued");
	store_call_event(c, "transfer", NULL);
	pool_reset(c->d->pool);
}

static void agent_gone(struct call *c)
{
	c->agent = NULL;
	switch (c->phase) {
	case PHASE_AGENT:
	case PHASE_DIALING:
		/* The agent gave up before the customer answered: no try counts. */
		c->outcome = "cancelled";
		store_agent_lost(c);
		dialer_call_end(c, "cancelled");
		break;
	case PHASE_TALKING:
	case PHASE_HELD:
		agent_left_talk(c);
		break;
	default:
		break; /* a caller still holding or connecting keeps waiting */
	}
}

/* ---- agents' desk phones ---------------------------------------------------- */

enum { DESK_RETRY_MS = 20000 };

/* Rings an agent's desk phone for a call: it is the agent's leg, placed
 * by the dialer rather than dialled in. The phone shows the customer. */
static void ring_desk(struct call *c, const char *sip_user)
{
	char headers[96];
	snprintf(headers, sizeof headers, "X-Baton-Call: %s\r\n", c->public_id);
	c->agent = sipua_call(c->d->ua, sip_user, c->number[0] ? c->number : "anonymous",
			      c->client_name, headers);
	if (c->agent != NULL)
		sipua_leg_set_data(c->agent, c);
	c->desk_retry_at = sipua_now_ms() + DESK_RETRY_MS;
	store_call_event(c, "agent", sip_user);
}

void dialer_desk_phones(struct dialer *d)
{
	struct db_rows rows;
	if (db_query(d->db, d->pool, SQL_DESK_CALLS, &rows, "s", d->cfg.dialer_name) != DB_OK)
		return;
	long long now = sipua_now_ms();
	for (size_t i = 0; i < rows.rows; i++) {
		struct key_row k = {
			.id = db_cell_int(&rows, i, 0), .client_id = db_cell_int(&rows, i, 1),
			.request_id = db_cell_int(&rows, i, 2), .channel_id = db_cell_int(&rows, i, 3),
			.agent_id = db_cell_int(&rows, i, 4),
			.outbound = strcmp(db_cell(&rows, i, 5), "outbound") == 0,
			.number = db_cell(&rows, i, 6), .state = db_cell(&rows, i, 7),
			.public_id = db_cell(&rows, i, 8),
		};
		const char *sip_user = db_cell(&rows, i, 9);
		struct call *c = dialer_call_by_id(d, k.id);
		if (k.outbound && c == NULL && strcmp(k.state, "new") == 0) {
			if ((c = outbound_call(d, &k)) != NULL)
				ring_desk(c, sip_user);
		} else if (!k.outbound && c != NULL && c->phase == PHASE_CONNECTING && c->agent == NULL
			   && now >= c->desk_retry_at) {
			c->agent_id = k.agent_id;
			c->channel_id = k.channel_id;
			ring_desk(c, sip_user);
		}
	}
}

/* ---- the user agent's events ---------------------------------------------- */

static void on_incoming(void *ctx, struct sip_leg *leg)
{
	struct dialer *d = ctx;
	if (db_connect(d->db) != DB_OK) {
		sipua_reject(leg, 503, "Service Unavailable");
		return;
	}
	if (strncmp(sipua_leg_dialled(leg), agent_key_prefix, strlen(agent_key_prefix)) == 0)
		agent_dials_in(d, leg);
	else
		ivr_incoming(d, leg);
}

static void on_ringing(void *ctx, struct sip_leg *leg)
{
	(void)ctx;
	struct call *c = sipua_leg_data(leg);
	if (c == NULL || leg != c->customer || c->phase != PHASE_DIALING)
		return;
	store_call_state(c, "ringing");
	store_call_event(c, "ringing", NULL);
	pool_reset(c->d->pool);
}

static void on_up(void *ctx, struct sip_leg *leg)
{
	(void)ctx;
	struct call *c = sipua_leg_data(leg);
	if (c == NULL)
		return;
	if (leg == c->agent) {
		agent_up(c);
		return;
	}
	if (!c->outbound) {
		ivr_up(c);
		return;
	}
	/* The customer answered a call-back. */
	c->answered_ms = sipua_now_ms();
	c->outcome = "answered";
	store_call_answered(c, "talking");
	store_call_event(c, "answered", NULL);
	store_channel_note(c, pool_printf(c->d->pool, "%s answered.", c->number));
	pool_reset(c->d->pool);
	if (c->agent != NULL && sipua_leg_is_up(c->agent))
		talk(c);
}

static void on_ended(void *ctx, struct sip_leg *leg, int status)
{
	(void)ctx;
	struct call *c = sipua_leg_data(leg);
	if (c == NULL)
		return;
	if (leg == c->agent) {
		agent_gone(c);
		return;
	}
	if (leg != c->customer)
		return;
	if (c->outbound && c->phase == PHASE_DIALING) {
		customer_failed(c, status);
		return;
	}
	c->customer = NULL;
	if (!c->outbound) {
		ivr_customer_gone(c);
		return;
	}
	dialer_call_end(c, "answered");
}

static void on_digit(void *ctx, struct sip_leg *leg, char digit)
{
	(void)ctx;
	struct call *c = sipua_leg_data(leg);
	if (c == NULL)
		return;
	if (leg == c->customer && !c->outbound) {
		ivr_digit(c, digit);
	} else if (leg == c->agent && c->customer != NULL
		   && (c->phase == PHASE_TALKING || c->phase == PHASE_HELD)) {
		/* The agent's keypad reaches the customer (menus of their own). */
		char digits[2] = { digit, '\0' };
		sipua_send_digits(c->customer, digits);
	}
}

static void on_audio(void *ctx, struct sip_leg *leg, const int16_t *samples, size_t count)
{
	(void)ctx;
	struct call *c = sipua_leg_data(leg);
	if (c != NULL && leg == c->customer && c->phase == PHASE_MESSAGE)
		ivr_audio(c, samples, count);
}

static void on_played(void *ctx, struct sip_leg *leg)
{
	(void)ctx;
	struct call *c = sipua_leg_data(leg);
	if (c != NULL && leg == c->customer)
		ivr_played(c);
}

const struct sipua_handler dialer_handler_template = {
	.incoming = on_incoming,
	.ringing = on_ringing,
	.up = on_up,
	.ended = on_ended,
	.digit = on_digit,
	.audio = on_audio,
	.played = on_played,
};

/* ---- time limits ---------------------------------------------------------- */

void dialer_timers(struct dialer *d)
{
	long long now = sipua_now_ms();
	struct call *c = d->calls;
	while (c != NULL) {
		struct call *next = c->next;
		if (c->phase == PHASE_DONE) {
			call_free(d, c);
		} else if (c->phase == PHASE_AGENT && c->deadline && now >= c->deadline) {
			c->outcome = "no_agent";
			store_agent_lost(c);
			dialer_call_end(c, "no_agent");
		} else if (c->phase == PHASE_DIALING && c->deadline && now >= c->deadline) {
			/* Rang long enough: no answer (the CANCEL's 487 ends the leg). */
			c->deadline = 0;
			if (c->customer != NULL)
				sipua_hangup(c->customer);
		} else if (!c->outbound) {
			ivr_timer(c, now);
		}
		c = next;
	}
}

/* ---- agents' commands --------------------------------------------------------- */

void dialer_command(struct call *c, const char *command, const char *arg)
{
	struct dialer *d = c->d;
	if (strcmp(command, "hangup") == 0) {
		dialer_call_end(c, c->outcome ? c->outcome : "answered");
	} else if (strcmp(command, "digits") == 0 && c->customer != NULL && arg != NULL) {
		sipua_send_digits(c->customer, arg);
	} else if (strcmp(command, "hold") == 0 && c->phase == PHASE_TALKING && c->customer) {
		sipua_unbridge(c->customer);
		sipua_play(c->customer, prompts_get(d->prompts, "hold_music"), true);
		if (c->agent != NULL)
			sipua_stop_playing(c->agent);
		c->phase = PHASE_HELD;
		store_call_state(c, "held");
		store_call_event(c, "held", NULL);
	} else if (strcmp(command, "resume") == 0 && c->phase == PHASE_HELD && c->customer
		   && c->agent) {
		talk(c);
		store_call_event(c, "resumed", NULL);
	} else if (strcmp(command, "requeue") == 0 && c->customer != NULL
		   && (c->phase == PHASE_TALKING || c->phase == PHASE_HELD)) {
		/* Back to the queue: the agent's phone leaves, the customer holds. */
		if (c->agent != NULL) {
			sipua_leg_set_data(c->agent, NULL);
			sipua_hangup(c->agent);
			c->agent = NULL;
		}
		c->outbound = false; /* from now on the IVR's holding rules apply */
		store_call_event(c, "requeued", NULL);
		ivr_hold(c, true);
	}
	pool_reset(d->pool);
}
