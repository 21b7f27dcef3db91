/* dialer_call.h - what the dialer's files share: the dialer, its calls and
 * their phases. Only lib/dialer*.c include it. */
#ifndef BATON_DIALER_CALL_H
#define BATON_DIALER_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "dialer.h"
#include "greetings.h"
#include "phone_number.h"
#include "prompts.h"
#include "sipua.h"

struct db;
struct pool;

enum {
	DIALER_PASS_MS = 500,          /* commands, holding callers, call-backs */
	AGENT_WAIT_SECONDS = 60,       /* an accepted call waits this long for the agent's phone */
	MENU_WAIT_MS = 8000,           /* after the menu, for a digit */
	CODE_DIGITS = 6,
};

enum call_phase {
	PHASE_AGENT,        /* outbound: the agent's phone is connecting */
	PHASE_DIALING,      /* outbound: the customer's phone rings; the agent hears ringback */
	PHASE_MENU,         /* inbound: greeting and menu, waiting for a digit */
	PHASE_CODE,         /* inbound: keying in a "call us" code */
	PHASE_HOLDING,      /* inbound: in the queue, music and announcements */
	PHASE_CONNECTING,   /* accepted: waiting for the agent's phone */
	PHASE_MESSAGE,      /* inbound: recording a voice message */
	PHASE_TALKING,      /* customer and agent joined */
	PHASE_HELD,         /* the agent put the customer on hold */
	PHASE_CLOSING,      /* a last prompt plays, then the call ends */
	PHASE_DONE,
};

struct call {
	struct call *next;
	struct dialer *d;
	long long id;                  /* phone_call.id (0 until stored) */
	char public_id[33];
	long long client_id, request_id, channel_id, agent_id, visitor_id, site_id;
	char request_public[33];
	bool outbound;
	enum call_phase phase;
	char number[PHONE_E164_MAX + 1]; /* the customer's number ("" when withheld) */
	char client_name[101];
	char caller_name[96];          /* the caller's display name, if sent */
	char greeting[501];            /* the client's own greeting, if set */
	char caller_id[PHONE_E164_MAX + 1];
	char page_url[2001];           /* a code's page, for the agent's viewer */
	struct sip_leg *customer;
	struct sip_leg *agent;
	long long deadline;            /* ms: the phase's time limit, 0 none */
	long long next_announce;       /* ms */
	int announce_ms, ring_ms, message_ms;
	int menu_tries;
	char digits[16];
	size_t digit_count;
	int16_t *recording;
	size_t recorded, recording_cap;
	const char *outcome;           /* how it ended, when known */
	int sip_status;
	long long answered_ms, talk_started_ms;
	long long desk_retry_at;       /* ms: when an agent's desk phone may ring again */
};

struct dialer {
	struct config cfg;
	char conf_path[512];
	long long conf_mtime;
	long long clock_offset;        /* seconds: dialer_clock_offset */
	struct db *db;
	struct pool *pool;             /* reset after every piece of work */
	struct sipua *ua;
	struct prompts *prompts;
	struct greetings *greetings;   /* clients' own greetings, spoken once */
	struct call *calls;
	long long next_pass_ms;
	long long started;
	bool recovered;                /* an earlier run's calls are marked ended */
};

/* The dialer's "now" (the system's, moved by dialer_clock_offset). */
time_t dialer_now(const struct dialer *d);

/* lib/dialer_calls.c: the user agent's events, calls' lifecycle. */
extern const struct sipua_handler dialer_handler_template;
struct call *dialer_call_new(struct dialer *d);
void dialer_call_end(struct call *c, const char *outcome);
void dialer_timers(struct dialer *d);
void dialer_command(struct call *c, const char *command, const char *arg);
struct call *dialer_call_by_id(struct dialer *d, long long id);
void dialer_desk_phones(struct dialer *d);

/* lib/dialer_ivr.c: the inbound side. */
void ivr_incoming(struct dialer *d, struct sip_leg *leg);
void ivr_up(struct call *c);
void ivr_digit(struct call *c, char digit);
void ivr_played(struct call *c);
void ivr_audio(struct call *c, const int16_t *samples, size_t count);
void ivr_timer(struct call *c, long long now);
void ivr_customer_gone(struct call *c);
void ivr_check_request(struct call *c);
void ivr_hold(struct call *c, bool announce_now);

/* lib/dialer_store.c: what lasts. Each returns a db_status and logs. */
int store_call_insert(struct call *c, const char *direction, const char *state);
int store_call_state(struct call *c, const char *state);
int store_call_event(struct call *c, const char *kind, const char *detail);
int store_call_answered(struct call *c, const char *state);
int store_call_connected(struct call *c);
int store_call_end(struct call *c);
int store_channel_note(struct call *c, const char *text);
int store_attempt_failed(struct call *c);
int store_agent_lost(struct call *c);
int store_call_request(struct call *c, const char *kind, const char *state);
int store_requeue(struct call *c);
int store_abandoned(struct call *c);
int store_voice_message(struct call *c);
int store_to_callback(struct call *c);
int store_code(struct call *c, const char *code);
void store_recognise(struct call *c);
void store_orphans(struct dialer *d);


#endif
