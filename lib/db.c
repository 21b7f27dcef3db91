/* db.c - prepared statements over MariaDB Connector/C, with reconnection.
 *
 * Statements are prepared on first use and kept for the life of the
 * connection. When the server goes away, the connection and its statements
 * are dropped; a statement outside a transaction is tried once more on a new
 * connection (so a restarted server costs no failed request), and otherwise
 * the caller gets DB_DOWN and answers 503. A transaction that lost to a
 * concurrent one (a deadlock, or on Galera a certification conflict) is run
 * again by its caller through db_retry(). */
#include "db.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "pool.h"

enum { DB_MAX_ARGS = 32, DB_SMALL_CELL = 256 };

/* db_retry: attempts of one transaction in all, and the longest pause
 * before the next one (the pauses are random, up to 4 ms, 8, 16 ... ms). */
enum { DB_TX_ATTEMPTS = 6, DB_RETRY_FIRST_MS = 4, DB_RETRY_MAX_MS = 100 };

struct db {
	const struct config *cfg;
	MYSQL *conn;
	MYSQL_STMT *stmt[SQL__MAX];
	bool in_transaction;
	bool committing;
	/* The connection broke inside a transaction before its COMMIT was
	 * sent: the server rolled it back, so running it again is safe. */
	bool lost_in_transaction;
	/* The client library's code for the last lost connection. */
	unsigned int lost_code;
	/* The last connection attempt failed: an outage is reported when it
	 * begins and when it ends, not at every attempt in between. */
	bool unreachable;
	unsigned long long last_insert_id;
};

struct db_arg {
	char type;
	const char *s;
	unsigned long len;
	long long i;
};

struct db *db_new(const struct config *cfg)
{
	struct db *db = calloc(1, sizeof *db);
	if (db == NULL)
		abort();
	db->cfg = cfg;
	return db;
}

static void db_disconnect(struct db *db)
{
	for (int i = 0; i < SQL__MAX; i++) {
		if (db->stmt[i] != NULL)
			mysql_stmt_close(db->stmt[i]);
		db->stmt[i] = NULL;
	}
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_transaction = false;
}

void db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db);
}

static bool is_connection_error(unsigned int code)
{
	switch (code) {
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_COMMANDS_OUT_OF_SYNC:
	case 2055: /* CR_SERVER_LOST_EXTENDED */
	case ER_SERVER_SHUTDOWN:
	case 1927: /* ER_CONNECTION_KILLED */
	case 1047: /* ER_UNKNOWN_COM_ERROR: a Galera node not ready */
		return true;
	default:
		return false;
	}
}

int db_connect(struct db *db)
{
	if (db->conn != NULL)
		return DB_OK;
	const struct config *cfg = db->cfg;
	MYSQL *conn = mysql_init(NULL);
	if (conn == NULL)
		return DB_DOWN;
	unsigned int connect_timeout = (unsigned int)cfg->db_connect_timeout;
	unsigned int io_timeout = 30;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	const char *socket = cfg->db_socket[0] ? cfg->db_socket : NULL;
	if (mysql_real_connect(conn, socket ? "localhost" : cfg->db_host, cfg->db_user,
			       cfg->db_password, cfg->db_name, socket ? 0 : (unsigned)cfg->db_port,
			       socket, 0) == NULL) {
		if (!db->unreachable)
			log_warn("database unavailable: %s (trying again; said once more when it is back)",
				 mysql_error(conn));
		db->unreachable = true;
		mysql_close(conn);
		return DB_DOWN;
	}
	if (db->unreachable)
		log_info("database reachable again");
	db->unreachable = false;
	db->conn = conn;
	return DB_OK;
}

/* Maps a statement failure to a status, dropping a dead connection. */
static int db_failure(struct db *db, enum sql_id id, unsigned int code, const char *message)
{
	if (is_connection_error(code)) {
		log_warn("database connection lost (statement %d): %s", (int)id, message);
		db->lost_in_transaction = db->in_transaction && !db->committing;
		db->lost_code = code;
		db_disconnect(db);
		return DB_DOWN;
	}
	if (code == ER_DUP_ENTRY)
		return DB_DUPLICATE;
	if (code == ER_LOCK_DEADLOCK || code == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	log_error("statement %d failed: %u %s", (int)id, code, message);
	return DB_ERROR;
}

static int db_prepare(struct db *db, enum sql_id id, MYSQL_STMT **out)
{
	if (db->stmt[id] != NULL) {
		*out = db->stmt[id];
		return DB_OK;
	}
	const char *text = sql_text(id);
	if (text == NULL) {
		log_error("statement %d has no text", (int)id);
		return DB_ERROR;
	}
	MYSQL_STMT *stmt = mysql_stmt_init(db->conn);
	if (stmt == NULL)
		return db_failure(db, id, mysql_errno(db->conn), mysql_error(db->conn));
	if (mysql_stmt_prepare(stmt, text, strlen(text)) != 0) {
		unsigned int code = mysql_stmt_errno(stmt);
		char message[512];
		snprintf(message, sizeof message, "%s", mysql_stmt_error(stmt));
		mysql_stmt_close(stmt);
		return db_failure(db, id, code, message);
	}
	db->stmt[id] = stmt;
	*out = stmt;
	return DB_OK;
}

static int collect_args(struct db_arg *args, const char *types, va_list ap)
{
	int n = 0;
	for (const char *t = types; t && *t; t++, n++) {
		if (n >= DB_MAX_ARGS)
			return -1;
		args[n].type = *t;
		if (*t == 's') {
			args[n].s = va_arg(ap, const char *);
			args[n].len = args[n].s ? (unsigned long)strlen(args[n].s) : 0;
		} else if (*t == 'b') {
			args[n].s = va_arg(ap, const char *);
			args[n].len = (unsigned long)va_arg(ap, size_t);
		} else if (*t == 'i' || *t == 'n') {
			args[n].i = va_arg(ap, long long);
		} else {
			return -1;
		}
	}
	return n;
}

/* Prepares (connecting if needed), binds and executes once. */
static int db_execute_once(struct db *db, enum sql_id id, struct db_arg *args, int nargs,
			   MYSQL_STMT **out)
{
	int rc = db_connect(db);
	if (rc != DB_OK)
		return rc;
	MYSQL_STMT *stmt = NULL;
	if ((rc = db_prepare(db, id, &stmt)) != DB_OK)
		return rc;
	if ((int)mysql_stmt_param_count(stmt) != nargs) {
		log_error("statement %d takes %lu values, %d given", (int)id,
			  mysql_stmt_param_count(stmt), nargs);
		return DB_ERROR;
	}
	MYSQL_BIND bind[DB_MAX_ARGS];
	my_bool is_null[DB_MAX_ARGS];
	memset(bind, 0, sizeof bind);
	for (int i = 0; i < nargs; i++) {
		is_null[i] = 0;
		if (args[i].type == 's' || args[i].type == 'b') {
			bind[i].buffer_type = args[i].type == 'b' ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			bind[i].buffer = (void *)args[i].s;
			bind[i].buffer_length = args[i].len;
			bind[i].length = &args[i].len;
			is_null[i] = args[i].s == NULL;
		} else {
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = &args[i].i;
			is_null[i] = args[i].type == 'n' && args[i].i == 0;
		}
		bind[i].is_null = &is_null[i];
	}
	if ((nargs > 0 && mysql_stmt_bind_param(stmt, bind) != 0) || mysql_stmt_execute(stmt) != 0)
		return db_failure(db, id, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
	*out = stmt;
	return DB_OK;
}

/* once: the statement commits a transaction of its own (a CALL): after a
 * lost connection it runs again only when it was never sent (the server
 * had gone away before it: CR_SERVER_GONE_ERROR), as it may have committed
 * otherwise. */
static int db_execute(struct db *db, enum sql_id id, const char *types, va_list ap,
		      MYSQL_STMT **out, bool once)
{
	struct db_arg args[DB_MAX_ARGS];
	int nargs = collect_args(args, types, ap);
	if (nargs < 0) {
		log_error("statement %d: bad binding types '%s'", (int)id, types);
		return DB_ERROR;
	}
	bool was_connected = db->conn != NULL;
	bool in_transaction = db->in_transaction;
	int rc = db_execute_once(db, id, args, nargs, out);
	/* A connection that died while idle (server restart, wait_timeout) is
	 * replaced transparently, unless it held an open transaction. */
	if (rc == DB_DOWN && was_connected && !in_transaction
	    && (!once || db->lost_code == CR_SERVER_GONE_ERROR))
		rc = db_execute_once(db, id, args, nargs, out);
	/* A statement on its own that lost to a concurrent write (on Galera,
	 * to a write on another node; the server retries it only once, as
	 * wsrep_retry_autocommit says) was rolled back whole: run it again. */
	int attempt = 0;
	while (!in_transaction && rc == DB_RETRY && db_retry(db, &rc, &attempt))
		rc = db_execute_once(db, id, args, nargs, out);
	return rc;
}

/* A CALL ends with its status as one more result: read to the end, or
 * the connection is out of step for the next statement. */
static int drain_results(struct db *db, enum sql_id id, MYSQL_STMT *stmt)
{
	int rc = DB_OK;
	while (rc == DB_OK && mysql_stmt_more_results(stmt)) {
		int next = mysql_stmt_next_result(stmt);
		if (next > 0)
			rc = db_failure(db, id, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
		else if (next == 0 && mysql_stmt_field_count(stmt) > 0)
			mysql_stmt_free_result(stmt);
	}
	return rc;
}

static int fetch_rows(struct db *db, enum sql_id id, MYSQL_STMT *stmt, struct pool *pool,
		      struct db_rows *out)
{
	if (mysql_stmt_store_result(stmt) != 0)
		return db_failure(db, id, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
	size_t cols = mysql_stmt_field_count(stmt);
	size_t rows = (size_t)mysql_stmt_num_rows(stmt);
	out->rows = 0;
	out->cols = cols;
	out->cell = pool_zalloc(pool, (rows * cols + 1) * sizeof *out->cell);
	out->length = pool_zalloc(pool, (rows * cols + 1) * sizeof *out->length);
	if (cols == 0) {
		mysql_stmt_free_result(stmt);
		return DB_OK;
	}
	MYSQL_BIND *bind = pool_zalloc(pool, cols * sizeof *bind);
	unsigned long *length = pool_zalloc(pool, cols * sizeof *length);
	my_bool *is_null = pool_zalloc(pool, cols * sizeof *is_null);
	char *small = pool_alloc(pool, cols * DB_SMALL_CELL);
	for (size_t c = 0; c < cols; c++) {
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = small + c * DB_SMALL_CELL;
		bind[c].buffer_length = DB_SMALL_CELL;
		bind[c].length = &length[c];
		bind[c].is_null = &is_null[c];
	}
	if (mysql_stmt_bind_result(stmt, bind) != 0) {
		int rc = db_failure(db, id, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
		mysql_stmt_free_result(stmt);
		return rc;
	}
	int status;
	while ((status = mysql_stmt_fetch(stmt)) == 0 || status == MYSQL_DATA_TRUNCATED) {
		if (out->rows == rows)
			break;
		for (size_t c = 0; c < cols; c++) {
			size_t at = out->rows * cols + c;
			if (is_null[c])
				continue;
			char *cell = pool_alloc(pool, length[c] + 1);
			if (length[c] <= DB_SMALL_CELL) {
				memcpy(cell, small + c * DB_SMALL_CELL, length[c]);
			} else {
				MYSQL_BIND whole;
				unsigned long whole_length = 0;
				memset(&whole, 0, sizeof whole);
				whole.buffer_type = MYSQL_TYPE_STRING;
				whole.buffer = cell;
				whole.buffer_length = length[c];
				whole.length = &whole_length;
				mysql_stmt_fetch_column(stmt, &whole, (unsigned int)c, 0);
			}
			cell[length[c]] = '\0';
			out->cell[at] = cell;
			out->length[at] = length[c];
		}
		out->rows++;
	}
	int rc = DB_OK;
	if (status == 1)
		rc = db_failure(db, id, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
	else
		mysql_stmt_free_result(stmt);
	return rc == DB_OK ? drain_results(db, id, stmt) : rc;
}

int db_query(struct db *db, struct pool *pool, enum sql_id id, struct db_rows *out,
	     const char *types, ...)
{
	memset(out, 0, sizeof *out);
	MYSQL_STMT *stmt;
	va_list ap;
	va_start(ap, types);
	int rc = db_execute(db, id, types, ap, &stmt, false);
	va_end(ap);
	if (rc != DB_OK)
		return rc;
	return fetch_rows(db, id, stmt, pool, out);
}

int db_query_once(struct db *db, struct pool *pool, enum sql_id id, struct db_rows *out,
		  const char *types, ...)
{
	memset(out, 0, sizeof *out);
	MYSQL_STMT *stmt;
	va_list ap;
	va_start(ap, types);
	int rc = db_execute(db, id, types, ap, &stmt, true);
	va_end(ap);
	if (rc != DB_OK)
		return rc;
	return fetch_rows(db, id, stmt, pool, out);
}

int db_exec(struct db *db, enum sql_id id, unsigned long long *affected, const char *types, ...)
{
	MYSQL_STMT *stmt;
	va_list ap;
	va_start(ap, types);
	int rc = db_execute(db, id, types, ap, &stmt, false);
	va_end(ap);
	if (rc != DB_OK)
		return rc;
	if (affected != NULL)
		*affected = (unsigned long long)mysql_stmt_affected_rows(stmt);
	db->last_insert_id = (unsigned long long)mysql_stmt_insert_id(stmt);
	if (mysql_stmt_field_count(stmt) > 0)
		mysql_stmt_free_result(stmt);
	return drain_results(db, id, stmt);
}

unsigned long long db_last_insert_id(struct db *db)
{
	return db->last_insert_id;
}

int db_begin(struct db *db)
{
	/* START TRANSACTION would commit a transaction some error path left
	 * open: drop that instead. */
	if (db->in_transaction)
		db_rollback(db);
	db->lost_in_transaction = false;
	/* No transaction is open now, so db_exec replaces a connection that
	 * died while idle. */
	int rc = db_exec(db, SQL_START_TRANSACTION, NULL, "");
	if (rc == DB_OK)
		db->in_transaction = true;
	return rc;
}

int db_commit(struct db *db)
{
	if (db->conn == NULL)
		return DB_DOWN;
	int rc = DB_OK;
	/* A connection lost now leaves the outcome unknown: not retried here
	 * (a post's client message id makes the client's own retry safe). */
	db->committing = true;
	if (mysql_commit(db->conn) != 0)
		rc = db_failure(db, SQL__MAX, mysql_errno(db->conn), mysql_error(db->conn));
	db->committing = false;
	db->in_transaction = false;
	return rc;
}

/* A pause of up to `cap_ms`, different in every thread and process, so two
 * writers that collided do not collide again at once. */
static void random_pause(long cap_ms)
{
	static _Thread_local uint64_t state;
	if (state == 0) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		state = ((uint64_t)t.tv_nsec << 20) ^ (uint64_t)getpid() ^ (uint64_t)(uintptr_t)pthread_self();
		state |= 1;
	}
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	long us = (long)(state % (uint64_t)(cap_ms * 1000 + 1));
	struct timespec pause = { us / 1000000, (us % 1000000) * 1000 };
	nanosleep(&pause, NULL);
}

long db_retry_pause_cap_ms(int attempt)
{
	long cap = DB_RETRY_FIRST_MS;
	for (int i = 1; i < attempt && cap < DB_RETRY_MAX_MS; i++)
		cap *= 2;
	return cap < DB_RETRY_MAX_MS ? cap : DB_RETRY_MAX_MS;
}

bool db_retry(struct db *db, int *rc, int *attempt)
{
	bool lost = *rc == DB_DOWN && db->lost_in_transaction;
	if (*rc != DB_RETRY && !lost)
		return false;
	db->lost_in_transaction = false;
	if (++*attempt >= DB_TX_ATTEMPTS) {
		log_warn("transaction given up after %d attempts (%s); the client is told to try again",
			 *attempt, lost ? "the connection was lost" : "conflicting writes");
		*rc = DB_DOWN;
		return false;
	}
	random_pause(db_retry_pause_cap_ms(*attempt));
	return true;
}

void db_rollback(struct db *db)
{
	if (db->conn != NULL && db->in_transaction)
		mysql_rollback(db->conn);
	db->in_transaction = false;
}

const char *db_cell(const struct db_rows *r, size_t row, size_t col)
{
	if (row >= r->rows || col >= r->cols)
		return NULL;
	return r->cell[row * r->cols + col];
}

long long db_cell_int(const struct db_rows *r, size_t row, size_t col)
{
	const char *s = db_cell(r, row, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

int db_run_script(struct db *db, const char *sql, char *err, size_t errlen)
{
	int rc = db_connect(db);
	if (rc != DB_OK) {
		snprintf(err, errlen, "cannot connect to the database");
		return rc;
	}
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	rc = DB_OK;
	if (mysql_real_query(db->conn, sql, (unsigned long)strlen(sql)) != 0) {
		snprintf(err, errlen, "%s", mysql_error(db->conn));
		rc = DB_ERROR;
	} else {
		int more;
		do {
			MYSQL_RES *res = mysql_store_result(db->conn);
			if (res != NULL)
				mysql_free_result(res);
			more = mysql_next_result(db->conn);
			if (more > 0) {
				snprintf(err, errlen, "%s", mysql_error(db->conn));
				rc = DB_ERROR;
			}
		} while (more == 0);
	}
	if (db->conn != NULL)
		mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc;
}
