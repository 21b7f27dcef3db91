/* estimate.c - one reading of the desk, one estimate, the choices that fit. */
#include "estimate.h"

#include <stdio.h>

#include "admin_desk.h"
#include "buf.h"
#include "callback.h"
#include "capacity.h"
#include "db.h"
#include "queue.h"
#include "render.h"

enum { DEFAULT_ACCEPT_SECONDS = 30, DEFAULT_HANDLE_SECONDS = 300 };

static const char *const state_names[] = {
	[DESK_NOBODY] = "nobody", [DESK_AWAY] = "away", [DESK_BUSY] = "busy", [DESK_FREE] = "free",
};
static const char *const choice_names[CHOICE__MAX] = {
	[CHOICE_WAIT] = "wait", [CHOICE_SCHEDULE] = "schedule", [CHOICE_MESSAGE] = "message",
	[CHOICE_LATER] = "later", [CHOICE_CALLBACK] = "callback",
};

const char *estimate_state_name(enum desk_state state)
{
	return state_names[state];
}

const char *estimate_choice_name(enum visitor_choice choice)
{
	return choice < CHOICE__MAX ? choice_names[choice] : "";
}

static void offer(struct estimate *e, enum visitor_choice choice)
{
	if (e->choice_count < CHOICE__MAX)
		e->choices[e->choice_count++] = choice;
}

bool estimate_offers(const struct estimate *e, enum visitor_choice choice)
{
	for (size_t i = 0; i < e->choice_count; i++)
		if (e->choices[i] == choice)
			return true;
	return false;
}

/* When nobody can answer soon, waiting is the last thing to suggest; when
 * someone is free it is the only one that fits. A call-back (where the
 * client takes calls) lets a visitor who cannot be answered now stop
 * watching the queue: the phone rings once an agent takes it. */
static void choose(struct estimate *e)
{
	e->choice_count = 0;
	switch (e->state) {
	case DESK_FREE:
		offer(e, CHOICE_WAIT);
		break;
	case DESK_BUSY:
		offer(e, CHOICE_WAIT);
		if (e->desk.takes_calls)
			offer(e, CHOICE_CALLBACK);
		offer(e, CHOICE_SCHEDULE);
		offer(e, CHOICE_MESSAGE);
		break;
	case DESK_NOBODY:
	case DESK_AWAY:
		offer(e, CHOICE_MESSAGE);
		if (e->desk.takes_calls)
			offer(e, CHOICE_CALLBACK);
		offer(e, CHOICE_SCHEDULE);
		offer(e, CHOICE_WAIT);
		break;
	}
	offer(e, CHOICE_LATER);
}

void estimate_compute(const struct desk_counts *desk, long long position, long long waited_seconds,
		      long long accept_seconds, long long handle_seconds, bool offered,
		      struct estimate *e)
{
	e->desk = *desk;
	e->position = position;
	if (offered)
		e->state = DESK_FREE;
	else if (desk->signed_in == 0 || desk->closed)
		e->state = DESK_NOBODY;
	else if (desk->available == 0)
		e->state = DESK_AWAY;
	else if (desk->free > 0 && !desk->seats_full)
		e->state = DESK_FREE;
	else
		e->state = DESK_BUSY;

	long long accept = accept_seconds > 0 ? accept_seconds : DEFAULT_ACCEPT_SECONDS;
	long long handle = handle_seconds > 0 ? handle_seconds : DEFAULT_HANDLE_SECONDS;
	long long wait = -1;
	if (offered || (e->state == DESK_FREE && position < desk->free))
		wait = accept; /* someone can take them now: only the accepting is left */
	else if (e->state == DESK_FREE)
		wait = accept + ((position - desk->free) / desk->available + 1) * handle;
	else if (e->state == DESK_BUSY)
		wait = accept + (position / desk->available + 1) * handle;
	if (wait >= 0) {
		wait -= waited_seconds;
		if (wait < accept)
			wait = accept;
	}
	e->seconds = wait;
	e->words = wait >= 0 ? queue_wait_words(wait) : NULL;
	e->band = wait >= 0 ? queue_wait_band(wait, &e->minutes) : NULL;
	choose(e);
}

/* Who at the desk is free to take a visitor: lib/capacity.c's one
 * definition, which routing, /accept and the desk use too; only the count
 * of staff in state "available" (free or not) is the estimate's own. */
static int desk_read(struct db *db, struct pool *pool, long long client_id,
		     struct desk_counts *desk)
{
	struct client_capacity cap;
	struct db_rows agents;
	int rc = capacity_of_client(db, pool, client_id, &cap);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_ESTIMATE_DESK, &agents, "i", client_id);
	if (rc != DB_OK)
		return rc;
	desk->signed_in = cap.signed_in;
	desk->available = db_cell_int(&agents, 0, 0);
	desk->free = cap.free_agents;
	desk->seats_full = cap.seats_full;
	bool open = true;
	if ((rc = desk_open_now(db, pool, client_id, &open)) != DB_OK)
		return rc;
	desk->closed = !open;
	return callback_enabled(db, pool, client_id, &desk->takes_calls);
}

int estimate_load(struct db *db, struct pool *pool, long long client_id, long long position,
		  long long waited_seconds, bool offered, struct estimate *e)
{
	struct desk_counts desk;
	struct db_rows stats;
	int rc = desk_read(db, pool, client_id, &desk);
	if (rc != DB_OK)
		return rc;
	long long accept = 0, handle = 0;
	/* Averages matter only when someone will come. */
	if (desk.available > 0 || offered) {
		if ((rc = db_query(db, pool, SQL_WAIT_STATS, &stats, "i", client_id)) != DB_OK)
			return rc;
		accept = db_cell_int(&stats, 0, 0);
		handle = db_cell_int(&stats, 0, 1);
	}
	estimate_compute(&desk, position, waited_seconds, accept, handle, offered, e);
	return DB_OK;
}

int estimate_for_newcomer(struct db *db, struct pool *pool, long long client_id,
			  struct estimate *e)
{
	struct db_rows queue;
	int rc = db_query(db, pool, SQL_ESTIMATE_QUEUE_LENGTH, &queue, "i", client_id);
	if (rc != DB_OK)
		return rc;
	return estimate_load(db, pool, client_id, db_cell_int(&queue, 0, 0), 0, false, e);
}

void estimate_json(const struct estimate *e, struct buf *out)
{
	buf_puts(out, "\"desk\":");
	buf_json_string(out, estimate_state_name(e->state));
	if (e->seconds >= 0)
		buf_printf(out, ",\"estimate\":%lld,\"estimate_words\":", e->seconds);
	else
		buf_puts(out, ",\"estimate\":null,\"estimate_words\":");
	if (e->words != NULL)
		buf_json_string(out, e->words);
	else
		buf_puts(out, "null");
	if (e->band != NULL) {
		buf_puts(out, ",\"estimate_band\":");
		buf_json_string(out, e->band);
		buf_printf(out, ",\"estimate_minutes\":%lld", e->minutes);
	}
	buf_puts(out, ",\"choices\":[");
	for (size_t i = 0; i < e->choice_count; i++) {
		if (i > 0)
			buf_putc(out, ',');
		buf_json_string(out, estimate_choice_name(e->choices[i]));
	}
	buf_printf(out, "],\"agents_signed_in\":%lld,\"agents_available\":%lld,\"agents_free\":%lld,"
		   "\"seats_full\":%s,\"closed\":%s", e->desk.signed_in, e->desk.available, e->desk.free,
		   e->desk.seats_full ? "true" : "false", e->desk.closed ? "true" : "false");
}

void estimate_to_view(const struct estimate *e, struct view *v)
{
	view_set(v, "desk.state", estimate_state_name(e->state));
	view_set_int(v, "desk.signed_in", e->desk.signed_in);
	view_set_int(v, "desk.available", e->desk.available);
	view_set_int(v, "desk.free", e->desk.free);
	view_set_int(v, "desk.seats_full", e->desk.seats_full);
	view_set_int(v, "desk.closed", e->desk.closed);
	view_set_int(v, "estimate.seconds", e->seconds);
	view_set(v, "estimate.words", e->words);
	view_set(v, "estimate.band", e->band);
	view_set_int(v, "estimate.minutes", e->minutes);
	char key[48];
	for (size_t i = 0; i < e->choice_count; i++) {
		const char *name = estimate_choice_name(e->choices[i]);
		snprintf(key, sizeof key, "choices.%zu", i);
		view_set(v, key, name);
		snprintf(key, sizeof key, "choice.%s", name);
		view_set_int(v, key, 1);
	}
}
