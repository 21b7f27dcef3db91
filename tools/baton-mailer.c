/* baton-mailer - Baton's sender, one per app host (a systemd service, or
 * a daemon of the private stack): every mail_interval_ms it runs the timed
 * jobs (transcripts asked for by e-mail, appointment confirmations,
 * reminders and queue entry, weekly digests) and sends the mail that is
 * due. All its state is in the database; two mailers on two hosts claim
 * rows there and never send a message twice.
 *
 *   baton-mailer [--conf FILE] [--once] [--clock-offset SECONDS]
 *   baton-mailer [--conf FILE] --check     read the configuration and exit
 *
 * --once runs one round and exits (0, or 1 when the database failed).
 * --clock-offset is for tests: the jobs and the queue act as if it were that
 * many seconds later ("time made to pass" without sleeping). */
#include <errno.h>
#include <mysql.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "mail_jobs.h"
#include "mail_send.h"
#include "notify.h"
#include "pool.h"

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static const char usage[] =
	"usage: baton-mailer [--conf FILE] [--once] [--clock-offset SECONDS]\n"
	"       baton-mailer [--conf FILE] --check\n";

/* One round: the jobs, then the queue. */
static int round_once(struct db *db, const struct config *cfg, long long offset)
{
	struct pool *pool = pool_new();
	struct job_context ctx = { .db = db, .cfg = cfg, .pool = pool, .clock_offset = offset };
	int rc = mail_jobs_run(&ctx);
	int sent = 0;
	int send_rc = mail_send_due(db, cfg, pool, offset, &sent);
	pool_free(pool);
	return rc != DB_OK ? rc : send_rc;
}

static void pause_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
	while (!stop_requested && nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	const char *conf = NULL;
	int once = 0, check = 0;
	long long offset = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--conf") == 0 && i + 1 < argc) {
			conf = argv[++i];
		} else if (strcmp(argv[i], "--once") == 0) {
			once = 1;
		} else if (strcmp(argv[i], "--check") == 0) {
			check = 1;
		} else if (strcmp(argv[i], "--clock-offset") == 0 && i + 1 < argc) {
			char *end;
			offset = strtoll(argv[++i], &end, 10);
			if (*end != '\0' || offset < 0 || offset > 366LL * 86400) {
				fputs("baton-mailer: --clock-offset takes 0 to 31622400 seconds\n", stderr);
				return 2;
			}
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	static struct config cfg;
	char error[512];
	config_defaults(&cfg);
	if (config_load(&cfg, conf ? conf : config_path(), error, sizeof error) != 0) {
		fprintf(stderr, "baton-mailer: %s\n", error);
		return 1;
	}
	if (check)
		return 0;
	if (mysql_library_init(0, NULL, NULL) != 0) {
		fputs("baton-mailer: cannot initialise the MariaDB client library\n", stderr);
		return 1;
	}
	log_open("baton-mailer", cfg.log_file);
	notify_open(&cfg);
	catch_signals();
	struct db *db = db_new(&cfg);
	int status = 0;
	int last_rc = DB_OK;
	if (!once)
		log_info("started (every %d ms)", cfg.mail_interval_ms);
	while (!stop_requested) {
		int rc = round_once(db, &cfg, offset);
		if (rc != DB_OK && rc != last_rc)
			log_error("a round failed (%s); trying again", rc == DB_DOWN ? "database down"
									    : "see above");
		if (rc == DB_OK && last_rc != DB_OK)
			log_info("working again");
		last_rc = rc;
		if (once) {
			status = rc == DB_OK ? 0 : 1;
			break;
		}
		pause_ms(cfg.mail_interval_ms);
	}
	db_free(db);
	notify_close();
	mysql_library_end();
	log_close();
	return status;
}
