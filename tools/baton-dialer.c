/* baton-dialer - the dialer (lib/dialer.h says what it does), as a
 * daemon: reads baton.conf ($BATON_CONF or --conf), logs to its log_file,
 * stays in the foreground, and supervises itself: the first process
 * restarts the worker that runs the calls whenever it dies (calls in
 * progress are lost; the new worker marks them ended). TERM or INT: the
 * worker hangs up every call and both exit. Started by tools/parts/sip in
 * a private stack, by systemd (conf/baton-dialer.service) in production. */
#include <errno.h>
#include <mysql.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "dialer.h"
#include "log.h"

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

static int run_worker(const struct config *cfg, const char *conf)
{
	char err[512];
	if (mysql_library_init(0, NULL, NULL) != 0) {
		log_error("dialer: cannot initialise the MariaDB client library");
		return 1;
	}
	struct dialer *d = dialer_new(cfg, conf, err, sizeof err);
	if (d == NULL) {
		log_error("dialer: %s", err);
		mysql_library_end();
		return 1;
	}
	dialer_run(d, &stop_requested);
	dialer_free(d);
	mysql_library_end();
	return 0;
}

/* Restarts the worker when it dies, at most once a second. */
static int supervise(const struct config *cfg, const char *conf)
{
	time_t started = 0;
	while (!stop_requested) {
		if (time(NULL) - started < 1)
			sleep(1);
		started = time(NULL);
		pid_t worker = fork();
		if (worker < 0) {
			log_error("dialer: fork: %s", strerror(errno));
			sleep(1);
			continue;
		}
		if (worker == 0)
			_exit(run_worker(cfg, conf));
		int status;
		while (waitpid(worker, &status, 0) < 0) {
			if (errno != EINTR)
				break;
			if (stop_requested)
				kill(worker, SIGTERM);
		}
		if (!stop_requested)
			log_warn("dialer: worker %ld ended (status %d); starting another", (long)worker,
				 status);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *conf = NULL;
	if (argc == 3 && strcmp(argv[1], "--conf") == 0) {
		conf = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "usage: baton-dialer [--conf FILE]\n");
		return 2;
	}
	if (conf == NULL)
		conf = config_path();
	struct config cfg;
	char err[512];
	config_defaults(&cfg);
	if (config_load(&cfg, conf, err, sizeof err) != 0) {
		fprintf(stderr, "baton-dialer: %s\n", err);
		return 1;
	}
	log_open("dialer", cfg.log_file);
	catch_signals();
	return supervise(&cfg, conf);
}
