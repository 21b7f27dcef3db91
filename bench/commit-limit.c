/* bench/commit-limit - the durable commit limit of a MariaDB server (issue
 * 21): how many single-row transactions a second it accepts from N
 * concurrent connections, each committed on its own (autocommit), with the
 * server's own durability settings (Baton's: innodb_flush_log_at_trx_commit
 * = 1, so each commit waits for the redo log to reach the disk; group commit
 * lets waiting commits share a flush). Not Baton: one prepared INSERT per
 * transaction, nothing else, so the figure bounds what Baton could do.
 *
 *     bench/commit-limit --socket PATH [--user root] [--seconds 5]
 *                        [--connections 1,8,32,128]
 *
 * Uses (creates) the database bench_limits and its table line, and leaves
 * them for bench/webpath's SELECT; tools/bench drops the database after.
 * Prints one line per N: "commits N RATE P50_MS P99_MS". Only the bench
 * builds and runs it; it is never installed. */
#include <errno.h>
#include <mysql.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_CONNECTIONS = 1024, LATENCY_BUCKETS = 20000 /* of 0.05 ms: up to 1 s */ };

static const char *db_socket, *db_user = "root";
static double seconds = 5;

struct worker {
	pthread_t thread;
	int id;
	long long commits;
	unsigned *latency; /* histogram, 0.05 ms per bucket, the last one is "more" */
	char error[256];
};

static atomic_int go;   /* 0 wait, 1 measure, 2 stop */
static atomic_int ready; /* workers connected and prepared (or failed) */
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_signal = PTHREAD_COND_INITIALIZER;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static MYSQL *connect_db(char *error, size_t size)
{
	MYSQL *db = mysql_init(NULL);
	if (db == NULL || !mysql_real_connect(db, NULL, db_user, NULL, NULL, 0, db_socket, 0)) {
		snprintf(error, size, "connect: %s", db ? mysql_error(db) : "out of memory");
		if (db)
			mysql_close(db);
		return NULL;
	}
	return db;
}

/* Every statement runs prepared, the set-up's too. */
static int run(MYSQL *db, const char *text)
{
	MYSQL_STMT *st = mysql_stmt_init(db);
	int rc = st == NULL || mysql_stmt_prepare(st, text, strlen(text)) != 0
		 || mysql_stmt_execute(st) != 0;
	if (rc)
		fprintf(stderr, "commit-limit: %s: %s\n", text, st ? mysql_stmt_error(st) : "no memory");
	if (st)
		mysql_stmt_close(st);
	return rc ? -1 : 0;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	MYSQL *db = connect_db(w->error, sizeof w->error);
	if (db == NULL) {
		atomic_fetch_add(&ready, 1);
		return NULL;
	}
	static const char insert[] = "INSERT INTO bench_limits.line (conn, body) VALUES (?, ?)";
	MYSQL_STMT *st = mysql_stmt_init(db);
	if (st == NULL || mysql_stmt_prepare(st, insert, sizeof insert - 1) != 0) {
		snprintf(w->error, sizeof w->error, "prepare: %s", st ? mysql_stmt_error(st) : "no memory");
		goto out;
	}
	/* About the size of a chat line with its columns. */
	char body[80];
	memset(body, 'x', sizeof body);
	unsigned long body_len = sizeof body;
	int conn = w->id;
	MYSQL_BIND bind[2] = { 0 };
	bind[0].buffer_type = MYSQL_TYPE_LONG;
	bind[0].buffer = &conn;
	bind[1].buffer_type = MYSQL_TYPE_STRING;
	bind[1].buffer = body;
	bind[1].buffer_length = body_len;
	bind[1].length = &body_len;
	if (mysql_stmt_bind_param(st, bind) != 0) {
		snprintf(w->error, sizeof w->error, "bind: %s", mysql_stmt_error(st));
		goto out;
	}
	atomic_fetch_add(&ready, 1);
	/* Waiting without spinning: 128 spinning threads would starve the
	 * server of the CPU it needs to accept the others' connections. */
	pthread_mutex_lock(&start_lock);
	while (atomic_load(&go) == 0)
		pthread_cond_wait(&start_signal, &start_lock);
	pthread_mutex_unlock(&start_lock);
	while (atomic_load(&go) == 1) {
		double t0 = now();
		if (mysql_stmt_execute(st) != 0) {
			snprintf(w->error, sizeof w->error, "insert: %s", mysql_stmt_error(st));
			break;
		}
		if (atomic_load(&go) != 1)
			break; /* finished after the window closed: not counted */
		double ms = (now() - t0) * 1000;
		long bucket = (long)(ms * 20);
		w->latency[bucket < LATENCY_BUCKETS ? bucket : LATENCY_BUCKETS - 1]++;
		w->commits++;
	}
out:
	if (w->error[0] && atomic_load(&go) == 0)
		atomic_fetch_add(&ready, 1);
	if (st)
		mysql_stmt_close(st);
	mysql_close(db);
	return NULL;
}

static double percentile(const unsigned long long *histogram, unsigned long long total, double p)
{
	unsigned long long want = (unsigned long long)(total * p), seen = 0;
	for (int i = 0; i < LATENCY_BUCKETS; i++) {
		seen += histogram[i];
		if (seen > want)
			return i / 20.0;
	}
	return LATENCY_BUCKETS / 20.0;
}

static int measure(int n)
{
	struct worker *w = calloc(n, sizeof *w);
	unsigned long long *histogram = calloc(LATENCY_BUCKETS, sizeof *histogram);
	if (w == NULL || histogram == NULL)
		return -1;
	atomic_store(&go, 0);
	atomic_store(&ready, 0);
	int started = 0;
	for (int i = 0; i < n; i++) {
		w[i].id = i;
		w[i].latency = calloc(LATENCY_BUCKETS, sizeof *w[i].latency);
		if (w[i].latency == NULL || pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
			break;
		started++;
	}
	/* Every connection made and its statement prepared before the clock
	 * starts (a minute at most, on a loaded machine). */
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	for (double deadline = now() + 60; atomic_load(&ready) < started && now() < deadline;)
		nanosleep(&tick, NULL);
	pthread_mutex_lock(&start_lock);
	double t0 = now();
	atomic_store(&go, 1);
	pthread_cond_broadcast(&start_signal);
	pthread_mutex_unlock(&start_lock);
	struct timespec window = { (time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9) };
	while (nanosleep(&window, &window) != 0 && errno == EINTR)
		;
	atomic_store(&go, 2);
	double elapsed = now() - t0;
	long long commits = 0;
	int failed = started < n;
	for (int i = 0; i < started; i++) {
		pthread_join(w[i].thread, NULL);
		commits += w[i].commits;
		for (int b = 0; b < LATENCY_BUCKETS; b++)
			histogram[b] += w[i].latency[b];
		if (w[i].error[0]) {
			fprintf(stderr, "commit-limit: connection %d: %s\n", i, w[i].error);
			failed = 1;
		}
		free(w[i].latency);
	}
	if (!failed)
		printf("commits %d %.0f %.2f %.2f\n", n, commits / elapsed,
		       percentile(histogram, commits, 0.50), percentile(histogram, commits, 0.99));
	fflush(stdout);
	free(histogram);
	free(w);
	return failed ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *list = "1,8,32,128";
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--socket") == 0)
			db_socket = argv[i + 1];
		else if (strcmp(argv[i], "--user") == 0)
			db_user = argv[i + 1];
		else if (strcmp(argv[i], "--seconds") == 0)
			seconds = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--connections") == 0)
			list = argv[i + 1];
		else
			break;
	}
	if (db_socket == NULL || seconds <= 0 || argc % 2 == 0) {
		fprintf(stderr, "usage: commit-limit --socket PATH [--user U] [--seconds S] "
				"[--connections 1,8,32,128]\n");
		return 2;
	}
	char error[256];
	MYSQL *db = connect_db(error, sizeof error);
	if (db == NULL) {
		fprintf(stderr, "commit-limit: %s\n", error);
		return 2;
	}
	if (run(db, "CREATE DATABASE IF NOT EXISTS bench_limits") != 0
	    || run(db, "CREATE TABLE IF NOT EXISTS bench_limits.line (id BIGINT AUTO_INCREMENT "
		       "PRIMARY KEY, conn INT NOT NULL, body VARCHAR(255) NOT NULL, at TIMESTAMP(3) "
		       "NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB") != 0) {
		mysql_close(db);
		return 2;
	}
	mysql_close(db);
	int status = 0;
	for (char *copy = strdup(list), *save = NULL, *item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		int n = atoi(item);
		if (n < 1 || n > MAX_CONNECTIONS) {
			fprintf(stderr, "commit-limit: connections must be 1-%d: %s\n", MAX_CONNECTIONS, item);
			return 2;
		}
		if (measure(n) != 0)
			status = 1;
	}
	mysql_library_end();
	return status;
}
