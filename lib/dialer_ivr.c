/* dialer_ivr.c - calls to a client's help number: greeting and menu (2:
 * wait for an agent, 1: be called back instead, 3: leave a voice message,
 * *: key in the code the web page showed), holding with music and the
 * place in the queue at intervals, and the caller recognised by number. */
#include "dialer_call.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "helpreq.h"
#include "log.h"
#include "phone_line.h"
#include "pool.h"

enum { CODE_WAIT_MS = 10000, MAX_MENU_TRIES = 2 };

static void play(struct call *c, const char *name)
{
	sipua_play(c->customer, prompts_get(c->d->prompts, name), false);
}

static void menu(struct call *c, bool again)
{
	c->phase = PHASE_MENU;
	c->deadline = 0;
	play(c, again ? "menu_again" : "menu");
}

/* Plays a last prompt, then hangs up (ivr_played). */
static void closing(struct call *c, const char *prompt, const char *outcome)
{
	sipua_stop_playing(c->customer);
	c->outcome = outcome;
	c->phase = PHASE_CLOSING;
	c->deadline = sipua_now_ms() + 60000;
	play(c, prompt);
}

void ivr_incoming(struct dialer *d, struct sip_leg *leg)
{
	char number[PHONE_E164_MAX + 2];
	const char *dialled = sipua_leg_dialled(leg);
	snprintf(number, sizeof number, "%s%s", dialled[0] == '+' ? "" : "+", dialled);
	long long client_id = 0;
	struct phone_line line;
	bool found = false;
	int rc = phone_is_e164(number) ? phone_line_client_of_number(d->db, d->pool, number, &client_id)
				       : DB_OK;
	if (rc == DB_OK && client_id > 0)
		rc = phone_line_load(d->db, d->pool, client_id, &line, &found);
	struct call *c = rc == DB_OK && found ? dialer_call_new(d) : NULL;
	if (c == NULL) {
		sipua_reject(leg, rc == DB_OK ? 404 : 503, rc == DB_OK ? "Not Found" : "Service Unavailable");
		pool_reset(d->pool);
		return;
	}
	c->outbound = false;
	c->client_id = client_id;
	snprintf(c->client_name, sizeof c->client_name, "%s", line.client_name);
	c->announce_ms = (int)line.announce_seconds * 1000;
	c->message_ms = (int)line.message_seconds * 1000;
	const char *error;
	char caller[PHONE_E164_MAX + 1];
	if (phone_normalise(sipua_leg_caller(leg), line.country, caller, &error) == 0)
		snprintf(c->number, sizeof c->number, "%s", caller);
	snprintf(c->caller_name, sizeof c->caller_name, "%s", sipua_leg_caller_name(leg));
	snprintf(c->greeting, sizeof c->greeting, "%s", line.greeting ? line.greeting : "");
	greetings_get(d->greetings, c->greeting); /* made now, if new, for the menu */
	c->customer = leg;
	sipua_leg_set_data(leg, c);
	store_call_insert(c, "inbound", "ivr");
	store_recognise(c);
	pool_reset(d->pool);
	sipua_answer(leg);
}

void ivr_up(struct call *c)
{
	/* The client's own words, once spoken; the recorded ones till then. */
	const struct sound *own = greetings_get(c->d->greetings, c->greeting);
	if (own != NULL)
		sipua_play(c->customer, own, false);
	else
		play(c, "greeting");
	store_call_event(c, "greeting", own != NULL ? "own" : "recorded");
	pool_reset(c->d->pool);
	menu(c, false);
}

/* The words for a wait, as queue_wait_words says it, as a prompt name. */
static const char *wait_prompt(struct pool *pool, const char *words)
{
	char *name = pool_printf(pool, "wait_%s", words);
	for (char *p = name; *p; p++)
		if (*p == ' ')
			*p = '_';
	return name;
}

/* The place in the queue and the wait; interrupt: over the music (the
 * timer's announcements), else after what plays now. */
static void announce(struct call *c, bool interrupt)
{
	struct request_status st;
	bool found = false;
	c->next_announce = sipua_now_ms() + c->announce_ms;
	if (helpreq_status(c->d->db, c->d->pool, c->request_public, &st, &found) != DB_OK || !found)
		return;
	if (strcmp(st.state, "waiting") != 0 && strcmp(st.state, "offered") != 0)
		return;
	long long place = st.position + 1;
	if (interrupt)
		sipua_stop_playing(c->customer);
	play(c, "you_are");
	const struct sound *n = prompts_number(c->d->prompts, place);
	if (n != NULL)
		sipua_play(c->customer, n, false);
	else
		play(c, "more_than_fifty");
	play(c, "in_queue");
	/* With nobody at the desk no wait is made up (lib/estimate.c). */
	if (st.estimate.words != NULL)
		play(c, wait_prompt(c->d->pool, st.estimate.words));
	sipua_play(c->customer, prompts_get(c->d->prompts, "hold_music"), true);
	store_call_event(c, "announce", pool_printf(c->d->pool, "%lld", place));
	pool_reset(c->d->pool);
}

void ivr_hold(struct call *c, bool announce_now)
{
	bool first = c->request_id == 0;
	if (first)
		store_call_request(c, "call", "waiting");
	else
		store_requeue(c);
	c->phase = PHASE_HOLDING;
	c->deadline = 0;
	store_call_state(c, "queued");
	store_call_event(c, "queued", NULL);
	pool_reset(c->d->pool);
	if (first)
		play(c, "hold");
	if (announce_now) {
		c->next_announce = 0;
		announce(c, false);
	} else {
		sipua_play(c->customer, prompts_get(c->d->prompts, "hold_music"), true);
		c->next_announce = sipua_now_ms() + c->announce_ms;
	}
}

static void record_message(struct call *c)
{
	c->phase = PHASE_MESSAGE;
	c->deadline = 0; /* set when the beep has played */
	sipua_stop_playing(c->customer);
	play(c, "message");
	play(c, "beep");
}

static void finish_message(struct call *c)
{
	if (c->phase != PHASE_MESSAGE)
		return;
	store_voice_message(c);
	pool_reset(c->d->pool);
	free(c->recording);
	c->recording = NULL;
	c->recorded = c->recording_cap = 0;
	if (c->customer != NULL)
		closing(c, "message_ok", "message");
	else
		dialer_call_end(c, "message");
}

static void choose(struct call *c, char digit)
{
	switch (digit) {
	case '1':
		if (c->number[0] == '\0') {
			sipua_stop_playing(c->customer);
			play(c, "callback_no_number");
			menu(c, true);
			return;
		}
		store_call_request(c, "callback", "waiting");
		store_call_event(c, "callback", c->number);
		pool_reset(c->d->pool);
		closing(c, "callback_ok", "callback");
		return;
	case '2':
		sipua_stop_playing(c->customer);
		ivr_hold(c, true);
		return;
	case '3':
		record_message(c);
		return;
	case '*':
		sipua_stop_playing(c->customer);
		c->phase = PHASE_CODE;
		c->digit_count = 0;
		c->deadline = 0;
		play(c, "code");
		return;
	default:
		sipua_stop_playing(c->customer);
		play(c, "invalid");
		menu(c, true);
		return;
	}
}

static void code_entered(struct call *c)
{
	c->digits[c->digit_count] = '\0';
	sipua_stop_playing(c->customer);
	if (c->digit_count == CODE_DIGITS && store_code(c, c->digits) == DB_OK && c->page_url[0]) {
		pool_reset(c->d->pool);
		play(c, "code_ok");
		ivr_hold(c, true);
		return;
	}
	pool_reset(c->d->pool);
	play(c, "code_bad");
	menu(c, true);
}

void ivr_digit(struct call *c, char digit)
{
	store_call_event(c, "digit", (char[]){ digit, '\0' });
	pool_reset(c->d->pool);
	switch (c->phase) {
	case PHASE_MENU:
		choose(c, digit);
		break;
	case PHASE_CODE:
		if (digit == '#' || c->digit_count == CODE_DIGITS) {
			code_entered(c);
		} else if (isdigit((unsigned char)digit)) {
			c->digits[c->digit_count++] = digit;
			c->deadline = sipua_now_ms() + CODE_WAIT_MS;
			if (c->digit_count == CODE_DIGITS)
				code_entered(c);
		}
		break;
	case PHASE_MESSAGE:
		if (digit == '#')
			finish_message(c);
		break;
	case PHASE_HOLDING:
		/* Rather be called back than hold. */
		if (digit == '1' && c->number[0] != '\0' && store_to_callback(c) == DB_OK) {
			store_call_event(c, "callback", c->number);
			pool_reset(c->d->pool);
			closing(c, "callback_ok", "callback");
		}
		break;
	default:
		break;
	}
}

void ivr_played(struct call *c)
{
	long long now = sipua_now_ms();
	switch (c->phase) {
	case PHASE_MENU:
		c->deadline = now + MENU_WAIT_MS;
		break;
	case PHASE_CODE:
		c->deadline = now + CODE_WAIT_MS;
		break;
	case PHASE_MESSAGE:
		if (c->recording == NULL) {
			c->recording_cap = (size_t)c->message_ms * 8;
			c->recording = malloc(c->recording_cap * sizeof c->recording[0]);
			c->recorded = 0;
			c->deadline = now + c->message_ms;
		}
		break;
	case PHASE_CLOSING:
		dialer_call_end(c, c->outcome);
		break;
	default:
		break;
	}
}

void ivr_audio(struct call *c, const int16_t *samples, size_t count)
{
	if (c->recording == NULL)
		return;
	size_t room = c->recording_cap - c->recorded;
	size_t take = count < room ? count : room;
	memcpy(c->recording + c->recorded, samples, take * sizeof samples[0]);
	c->recorded += take;
}

void ivr_timer(struct call *c, long long now)
{
	if (c->phase == PHASE_HOLDING && c->next_announce && now >= c->next_announce) {
		announce(c, true);
		return;
	}
	if (!c->deadline || now < c->deadline)
		return;
	c->deadline = 0;
	switch (c->phase) {
	case PHASE_MENU:
		/* No choice made: after asking again, the caller waits for an agent. */
		if (++c->menu_tries >= MAX_MENU_TRIES) {
			sipua_stop_playing(c->customer);
			ivr_hold(c, true);
		} else {
			menu(c, true);
		}
		break;
	case PHASE_CODE:
		code_entered(c);
		break;
	case PHASE_MESSAGE:
		finish_message(c);
		break;
	case PHASE_CONNECTING:
		/* The agent's phone never came (or their desk phone rang out):
		 * back in the queue. */
		if (c->agent != NULL) {
			sipua_leg_set_data(c->agent, NULL);
			sipua_hangup(c->agent);
			c->agent = NULL;
		}
		store_call_event(c, "requeued", "no agent phone");
		sipua_stop_playing(c->customer);
		ivr_hold(c, true);
		break;
	case PHASE_CLOSING:
		dialer_call_end(c, c->outcome);
		break;
	default:
		break;
	}
}

void ivr_check_request(struct call *c)
{
	struct db_rows rows;
	if (c->request_id == 0
	    || db_query(c->d->db, c->d->pool, SQL_PHONE_REQUEST_STATE, &rows, "i", c->request_id) != DB_OK
	    || rows.rows == 0)
		return;
	const char *state = db_cell(&rows, 0, 0);
	if (c->phase == PHASE_HOLDING && strcmp(state, "accepted") == 0) {
		c->phase = PHASE_CONNECTING;
		c->channel_id = db_cell_int(&rows, 0, 1);
		c->deadline = sipua_now_ms() + AGENT_WAIT_SECONDS * 1000LL;
		sipua_stop_playing(c->customer);
		play(c, "connecting");
		sipua_play(c->customer, prompts_get(c->d->prompts, "hold_music"), true);
		store_call_event(c, "agent", NULL);
	} else if (c->phase == PHASE_CONNECTING && (strcmp(state, "waiting") == 0
						     || strcmp(state, "offered") == 0)) {
		c->phase = PHASE_HOLDING;
		c->deadline = 0;
		c->next_announce = sipua_now_ms();
	}
}

void ivr_customer_gone(struct call *c)
{
	switch (c->phase) {
	case PHASE_MESSAGE:
		finish_message(c);
		break;
	case PHASE_HOLDING:
	case PHASE_CONNECTING:
		store_abandoned(c);
		pool_reset(c->d->pool);
		dialer_call_end(c, "abandoned");
		break;
	case PHASE_TALKING:
	case PHASE_HELD:
		dialer_call_end(c, "answered");
		break;
	default:
		dialer_call_end(c, c->outcome ? c->outcome : "abandoned");
		break;
	}
}
