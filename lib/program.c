/* program.c - the life of a Baton program: start-up, the FastCGI (or CGI)
 * request loop, the checks every request passes before its handler, and an
 * optional pre-forked set of workers supervised by the first process. */
#include "program.h"

#include <errno.h>
#include <fcgiapp.h>
#include <mysql.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "io.h"
#include "log.h"
#include "notify.h"
#include "pool.h"
#include "request_read.h"
#include "response.h"
#include "session.h"

enum { MAX_WORKERS = 64 };

/* Set by SIGTERM/SIGINT: finish the request in hand, then exit. */
static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* No SA_RESTART: a blocked accept() or waitpid() returns so we can exit. */
static void catch_stop_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static const struct action *find_action(const struct program *p, enum http_method m)
{
	if (m == METHOD_HEAD)
		m = METHOD_GET;
	for (size_t i = 0; i < p->action_count; i++)
		if (p->actions[i].method == m)
			return &p->actions[i];
	return NULL;
}

static int method_not_allowed(struct request *r)
{
	const struct program *p = r->program;
	char allow[64] = "";
	for (size_t i = 0; i < p->action_count; i++) {
		const char *name = p->actions[i].method == METHOD_POST ? "POST" : "GET, HEAD";
		if (*allow)
			strcat(allow, ", ");
		strcat(allow, name);
	}
	resp_header(r, "Allow", allow);
	return resp_error(r, 405, "%s does not accept %s requests.", r->path,
			  r->method_name ? r->method_name : "such");
}

static int check_guards(struct request *r)
{
	unsigned guards = r->action->guards;
	if (guards & GUARD_SESSION) {
		int rc = session_load(r);
		if (rc == DB_DOWN)
			return resp_unavailable(r);
		if (rc != DB_OK)
			return -1;
		if (r->session == NULL) {
			resp_cookie(r, SESSION_COOKIE, "", 0, "Lax");
			if (r->method == METHOD_GET && !r->wants_json)
				return resp_redirect(r, "/signin");
			return resp_error(r, 401, "You are not signed in, or your session has "
					  "expired. Please sign in again.");
		}
	}
	if (guards & (GUARD_CSRF | GUARD_FORM_CSRF)) {
		const char *sent = request_param(r, "csrf");
		const char *expected = (guards & GUARD_CSRF)
					       ? (r->session ? r->session->csrf_token : NULL)
					       : request_cookie(r, FORM_CSRF_COOKIE);
		if (!request_same_origin(r))
			return resp_error(r, 403, "This form was sent from another site.");
		if (sent == NULL || expected == NULL || !crypto_is_token(expected)
		    || !crypto_equal(sent, expected))
			return resp_error(r, 403, "The form's security token is missing or out of "
					  "date. Reload the page and try again.");
	}
	return 0;
}

int program_run(struct request *r)
{
	const char *error = NULL;
	int status = request_read_head(r, &error);
	if (status != 0)
		return resp_error(r, status, "%s", error);
	r->action = find_action(r->program, r->method);
	if (r->action == NULL)
		return method_not_allowed(r);
	if (r->method == METHOD_POST && (status = request_read_body(r, &error)) != 0)
		return resp_error(r, status, "%s", error);

	const struct action *a = r->action;
	r->in = pool_zalloc(r->pool, (a->input_count + 1) * sizeof *r->in);
	r->in_int = pool_zalloc(r->pool, (a->input_count + 1) * sizeof *r->in_int);
	if (input_validate(r->pool, r->method == METHOD_POST ? r->form : r->query, a->inputs,
			   a->input_count, r->in, r->in_int, &error) != 0)
		return resp_error(r, 400, "%s", error);
	if ((status = check_guards(r)) != 0)
		return status;
	return a->run(r);
}

void program_request_init(struct request *r, const struct program_context *ctx, struct io *io)
{
	memset(r, 0, sizeof *r);
	r->pool = pool_new();
	r->io = io;
	r->cfg = ctx->cfg;
	r->db = ctx->db;
	r->program = ctx->program;
	r->wants_json = ctx->program->json;
	r->path = "/";
	resp_init(&r->resp);
}

void program_request_finish(struct request *r, int status)
{
	if (status < 0) {
		/* The cause is already logged where it happened. */
		resp_free(&r->resp);
		resp_init(&r->resp);
		resp_error(r, 500, "Something went wrong on our side. It has been logged; "
			   "please try again.");
	}
	if (r->db != NULL)
		db_rollback(r->db); /* a handler that bailed out mid-transaction */
	/* Every 5xx leaves a line; its cause is logged just before, where it
	 * happened. */
	if (r->resp.status >= 500)
		log_warn("answered %d to %s %s from %s", r->resp.status,
			 r->method_name ? r->method_name : "?", r->path ? r->path : "?",
			 r->remote_addr ? r->remote_addr : "?");
	resp_send(r);
	resp_free(&r->resp);
	pool_free(r->pool);
	r->pool = NULL;
}

static void handle_request(struct program_context *ctx, struct io *io)
{
	struct request r;
	program_request_init(&r, ctx, io);
	program_request_finish(&r, program_run(&r));
}

static void serve_fastcgi(struct program_context *ctx)
{
	FCGX_Request fcgi;
	FCGX_InitRequest(&fcgi, 0, FCGI_FAIL_ACCEPT_ON_INTR);
	catch_stop_signals();
	while (!stop_requested) {
		if (FCGX_Accept_r(&fcgi) < 0)
			break;
		struct io io = { .fcgi = &fcgi };
		handle_request(ctx, &io);
		FCGX_Finish_r(&fcgi);
	}
	FCGX_Free(&fcgi, 1);
}

static pid_t start_worker(struct program_context *ctx)
{
	pid_t pid = fork();
	if (pid == 0) {
		/* A worker whose supervisor died (kill -9) stops too, rather than
		 * serving on unsupervised; the supervisor's own supervisor starts
		 * a new set. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() == 1)
			_exit(0);
		serve_fastcgi(ctx);
		db_free(ctx->db);
		program_teardown();
		_exit(0);
	}
	if (pid < 0)
		log_error("cannot fork a worker: %s", strerror(errno));
	return pid;
}

/* Keeps `count` workers accepting on the inherited FastCGI socket and
 * replaces any that die, until told to stop. */
static void supervise_workers(struct program_context *ctx, int count)
{
	pid_t workers[MAX_WORKERS] = {0};
	time_t started[MAX_WORKERS] = {0};
	catch_stop_signals();
	while (!stop_requested) {
		for (int i = 0; i < count; i++) {
			if (workers[i] > 0)
				continue;
			if (time(NULL) - started[i] < 1)
				sleep(1); /* do not spin on a worker that dies at once */
			started[i] = time(NULL);
			workers[i] = start_worker(ctx);
		}
		int status;
		pid_t done = waitpid(-1, &status, 0);
		if (done < 0)
			continue; /* interrupted by a signal */
		for (int i = 0; i < count; i++) {
			if (workers[i] != done)
				continue;
			workers[i] = 0;
			if (!stop_requested)
				log_warn("worker %ld ended (status %d); starting another",
					 (long)done, status);
		}
	}
	for (int i = 0; i < count; i++)
		if (workers[i] > 0)
			kill(workers[i], SIGTERM);
	for (int i = 0; i < count; i++)
		if (workers[i] > 0)
			waitpid(workers[i], NULL, 0);
}

/* Under plain CGI a broken installation still gets a readable answer. */
static void cgi_fatal(const char *message)
{
	printf("Status: 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	       "Baton is not configured correctly: %s\n", message);
}

int program_setup(const struct program *program, struct config *cfg)
{
	char error[512];
	config_defaults(cfg);
	if (config_load(cfg, config_path(), error, sizeof error) != 0) {
		fprintf(stderr, "%s: %s\n", program->name, error);
		if (FCGX_IsCGI())
			cgi_fatal("the configuration file could not be read (see the error log)");
		return 1;
	}
	if (mysql_library_init(0, NULL, NULL) != 0) {
		fprintf(stderr, "%s: cannot initialise the MariaDB client library\n", program->name);
		return 1;
	}
	log_open(program->name, cfg->log_file);
	notify_open(cfg);
	return 0;
}

void program_teardown(void)
{
	notify_close();
	mysql_library_end();
	log_close();
}

int program_main(const struct program *program, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	static struct config cfg;
	if (program_setup(program, &cfg) != 0)
		return 1;
	struct program_context ctx = { .program = program, .cfg = &cfg, .db = db_new(&cfg) };
	if (FCGX_IsCGI()) {
		struct io io = { .fcgi = NULL };
		handle_request(&ctx, &io);
		fflush(stdout);
	} else {
		const char *workers_text = getenv("BATON_WORKERS");
		int workers = workers_text ? atoi(workers_text) : 1;
		if (workers > MAX_WORKERS)
			workers = MAX_WORKERS;
		if (workers > 1)
			supervise_workers(&ctx, workers);
		else
			serve_fastcgi(&ctx);
	}
	db_free(ctx.db);
	program_teardown();
	return 0;
}
