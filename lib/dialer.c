/* dialer.c - the dialer's loop: SIP and RTP as they arrive, the calls'
 * timers, and twice a second a pass over the database (agents' commands,
 * holding callers, calls whose agent never came, the call-back lists). */
#include "dialer_call.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "callback.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "pool.h"

enum { MAX_FDS = 1024 };

time_t dialer_now(const struct dialer *d)
{
	return time(NULL) + (time_t)d->clock_offset;
}

struct dialer *dialer_new(const struct config *cfg, const char *conf_path, char *err,
			  size_t errlen)
{
	struct dialer *d = calloc(1, sizeof *d);
	if (d == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->cfg = *cfg;
	snprintf(d->conf_path, sizeof d->conf_path, "%s", conf_path ? conf_path : "");
	d->clock_offset = cfg->dialer_clock_offset;
	d->prompts = prompts_load(cfg->prompts_dir, err, errlen);
	if (d->prompts == NULL) {
		free(d);
		return NULL;
	}
	struct sipua_config ucfg = {
		.listen = cfg->dialer_listen,
		.proxy = cfg->sip_proxy,
		.domain = cfg->sip_domain,
		.media_address = cfg->dialer_media_address,
		.rtp_port_min = cfg->dialer_rtp_port_min,
		.rtp_port_max = cfg->dialer_rtp_port_max,
	};
	struct sipua_handler handler = dialer_handler_template;
	handler.ctx = d;
	d->ua = sipua_new(&ucfg, &handler, err, errlen);
	if (d->ua == NULL) {
		prompts_free(d->prompts);
		free(d);
		return NULL;
	}
	d->db = db_new(&d->cfg);
	d->pool = pool_new();
	d->greetings = greetings_new();
	/* Waiting pages, consoles and channels on this host hear of the
	 * dialer's changes at once (other hosts by their database scan). */
	notify_open(&d->cfg);
	d->started = time(NULL);
	return d;
}

void dialer_free(struct dialer *d)
{
	if (d == NULL)
		return;
	while (d->calls != NULL) {
		struct call *next = d->calls->next;
		free(d->calls->recording);
		free(d->calls);
		d->calls = next;
	}
	sipua_free(d->ua);
	prompts_free(d->prompts);
	greetings_free(d->greetings);
	notify_close();
	db_free(d->db);
	pool_free(d->pool);
	free(d);
}

/* dialer_clock_offset moves the dialer's clock (tests and demos): read
 * again whenever baton.conf changes. */
static void reread_clock(struct dialer *d)
{
	struct stat st;
	if (d->conf_path[0] == '\0' || stat(d->conf_path, &st) != 0)
		return;
	long long mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	if (mtime == d->conf_mtime)
		return;
	d->conf_mtime = mtime;
	struct config fresh;
	char err[256];
	config_defaults(&fresh);
	if (config_load(&fresh, d->conf_path, err, sizeof err) != 0) {
		log_warn("dialer: %s (keeping the clock offset %lld)", err, d->clock_offset);
		return;
	}
	if (fresh.dialer_clock_offset != d->clock_offset)
		log_info("dialer: clock offset now %d s", fresh.dialer_clock_offset);
	d->clock_offset = fresh.dialer_clock_offset;
}

/* Agents' hands on calls this dialer runs, in the order given. */
static void run_commands(struct dialer *d)
{
	struct db_rows rows;
	if (db_query(d->db, d->pool, SQL_CALL_COMMANDS_PENDING, &rows, "s", d->cfg.dialer_name) != DB_OK)
		return;
	for (size_t i = 0; i < rows.rows; i++) {
		long long command_id = db_cell_int(&rows, i, 0);
		struct call *c = dialer_call_by_id(d, db_cell_int(&rows, i, 1));
		db_exec(d->db, SQL_CALL_COMMAND_DONE, NULL, "i", command_id);
		if (c != NULL)
			dialer_command(c, db_cell(&rows, i, 2), db_cell(&rows, i, 3));
	}
}

/* Accepted calls whose agent's phone never dialled in: the customer is
 * not left waiting on a call nobody will join. */
static void agents_missing(struct dialer *d)
{
	struct db_rows rows;
	if (db_query(d->db, d->pool, SQL_PHONE_CALLS_AGENT_MISSING, &rows, "i",
		     (long long)AGENT_WAIT_SECONDS) != DB_OK)
		return;
	for (size_t i = 0; i < rows.rows; i++) {
		struct call *c = dialer_call_by_id(d, db_cell_int(&rows, i, 0));
		if (c != NULL)
			continue; /* ours and alive: its own timer decides */
		/* A call-back nobody's phone picked up: no try was made. */
		struct call stub;
		memset(&stub, 0, sizeof stub);
		stub.d = d;
		stub.id = db_cell_int(&rows, i, 0);
		stub.request_id = db_cell_int(&rows, i, 1);
		stub.channel_id = db_cell_int(&rows, i, 2);
		stub.client_id = db_cell_int(&rows, i, 3);
		stub.outbound = true;
		stub.outcome = "no_agent";
		store_agent_lost(&stub);
		store_call_end(&stub);
	}
}

static void write_status(struct dialer *d)
{
	db_exec(d->db, SQL_DIALER_STATUS, NULL, "siii", d->cfg.dialer_name, (long long)getpid(),
		d->clock_offset, (long long)sipua_leg_count(d->ua));
}

static void pass(struct dialer *d)
{
	if (d->greetings != NULL)
		greetings_reap(d->greetings);
	if (db_connect(d->db) != DB_OK)
		return;
	if (!d->recovered) {
		/* Calls of an earlier run of this dialer died with it. */
		store_orphans(d);
		d->recovered = true;
	}
	reread_clock(d);
	run_commands(d);
	pool_reset(d->pool);
	dialer_desk_phones(d);
	pool_reset(d->pool);
	for (struct call *c = d->calls; c != NULL; c = c->next)
		if (c->phase == PHASE_HOLDING || c->phase == PHASE_CONNECTING)
			ivr_check_request(c);
	pool_reset(d->pool);
	agents_missing(d);
	pool_reset(d->pool);
	callback_due_pass(d->db, d->pool, dialer_now(d));
	pool_reset(d->pool);
	write_status(d);
	pool_reset(d->pool);
}

void dialer_run(struct dialer *d, volatile sig_atomic_t *stop)
{
	struct pollfd fds[MAX_FDS];
	log_info("dialer %s: SIP on %s through %s, media on %s", d->cfg.dialer_name,
		 d->cfg.dialer_listen, d->cfg.sip_proxy, d->cfg.dialer_media_address);
	while (!*stop) {
		size_t n = sipua_poll_fds(d->ua, fds, MAX_FDS);
		long long now = sipua_now_ms();
		int wait = sipua_timeout_ms(d->ua);
		int until_pass = d->next_pass_ms > now ? (int)(d->next_pass_ms - now) : 0;
		if (wait < 0 || until_pass < wait)
			wait = until_pass;
		if (poll(fds, (nfds_t)n, wait) < 0 && errno != EINTR)
			log_warn("dialer: poll: %s", strerror(errno));
		sipua_process(d->ua, fds, n);
		dialer_timers(d);
		if (sipua_now_ms() >= d->next_pass_ms) {
			d->next_pass_ms = sipua_now_ms() + DIALER_PASS_MS;
			pass(d);
		}
	}
	log_info("dialer %s: stopping, hanging up %zu legs", d->cfg.dialer_name,
		 sipua_leg_count(d->ua));
	sipua_hangup_all(d->ua);
	/* A moment for the BYEs to be answered (retransmitted if lost). */
	long long until = sipua_now_ms() + 2000;
	while (sipua_leg_count(d->ua) > 0 && sipua_now_ms() < until) {
		size_t n = sipua_poll_fds(d->ua, fds, MAX_FDS);
		poll(fds, (nfds_t)n, 50);
		sipua_process(d->ua, fds, n);
	}
}
