/* bench/webpath - the web path's limit (issue 21): the least a FastCGI
 * program behind nginx can do, so that the benchmark can say what share of
 * the machine's request rate Baton's requests reach.
 *
 *     webpath hello            answers "hello" to every request
 *     webpath select SOCKET    runs one prepared SELECT (a primary-key read
 *                              of bench_limits.line, which bench/commit-limit
 *                              fills) over MariaDB's socket per request
 *
 * Run like Baton's programs: on the FastCGI socket it is given as standard
 * input (tools/baton-supervise --socket), forking BATON_WORKERS workers.
 * Only `make bench` builds and runs it, on the benchmark's private stack
 * (tools/bench writes the nginx location for it there); it is never
 * installed nor served by a production stack. */
#include <fcgiapp.h>
#include <mysql.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct reader {
	MYSQL *db;
	MYSQL_STMT *st;
	long long id, found;
	MYSQL_BIND param, result;
};

static int reader_open(struct reader *r, const char *socket)
{
	static const char text[] = "SELECT id FROM bench_limits.line WHERE id = ?";
	r->db = mysql_init(NULL);
	if (r->db == NULL || !mysql_real_connect(r->db, NULL, "root", NULL, NULL, 0, socket, 0)) {
		fprintf(stderr, "webpath: connect: %s\n", r->db ? mysql_error(r->db) : "no memory");
		return -1;
	}
	r->st = mysql_stmt_init(r->db);
	if (r->st == NULL || mysql_stmt_prepare(r->st, text, sizeof text - 1) != 0) {
		fprintf(stderr, "webpath: prepare: %s\n", r->st ? mysql_stmt_error(r->st) : "no memory");
		return -1;
	}
	r->param.buffer_type = MYSQL_TYPE_LONGLONG;
	r->param.buffer = &r->id;
	r->result.buffer_type = MYSQL_TYPE_LONGLONG;
	r->result.buffer = &r->found;
	if (mysql_stmt_bind_param(r->st, &r->param) != 0 || mysql_stmt_bind_result(r->st, &r->result) != 0) {
		fprintf(stderr, "webpath: bind: %s\n", mysql_stmt_error(r->st));
		return -1;
	}
	return 0;
}

/* 1 when the row is there, 0 when not, -1 on an error. */
static int reader_read(struct reader *r, long long id)
{
	r->id = id;
	if (mysql_stmt_execute(r->st) != 0)
		return -1;
	int rc = mysql_stmt_fetch(r->st);
	int found = rc == 0 ? 1 : rc == MYSQL_NO_DATA ? 0 : -1;
	mysql_stmt_free_result(r->st);
	return found;
}

static void serve(const char *db_socket)
{
	struct reader reader = { 0 };
	if (db_socket != NULL && reader_open(&reader, db_socket) != 0)
		exit(1);
	FCGX_Request request;
	FCGX_InitRequest(&request, 0, 0);
	while (FCGX_Accept_r(&request) == 0) {
		if (db_socket == NULL) {
			FCGX_PutS("Content-Type: text/plain\r\n\r\nhello\n", request.out);
		} else {
			int found = reader_read(&reader, 1);
			if (found < 0)
				FCGX_FPrintF(request.out, "Status: 503\r\nContent-Type: text/plain\r\n\r\n%s\n",
					     mysql_stmt_error(reader.st));
			else
				FCGX_FPrintF(request.out, "Content-Type: text/plain\r\n\r\n%s\n",
					     found ? "found" : "none");
		}
		FCGX_Finish_r(&request);
	}
}

int main(int argc, char **argv)
{
	const char *db_socket = NULL;
	if (argc == 3 && strcmp(argv[1], "select") == 0)
		db_socket = argv[2];
	else if (argc != 2 || strcmp(argv[1], "hello") != 0) {
		fprintf(stderr, "usage: webpath hello | webpath select MARIADB_SOCKET\n");
		return 2;
	}
	if (FCGX_Init() != 0)
		return 1;
	const char *text = getenv("BATON_WORKERS");
	int workers = text ? atoi(text) : 1;
	if (workers < 1 || workers > 64)
		workers = 1;
	/* The workers share the listening socket, as Baton's programs' do; the
	 * supervisor above starts the whole program again if it dies. */
	for (int i = 0; i < workers; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			serve(db_socket);
			_exit(0);
		}
		if (pid < 0)
			return 1;
	}
	signal(SIGTERM, SIG_DFL);
	while (wait(NULL) > 0)
		;
	return 0;
}
