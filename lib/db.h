/* db.h - MariaDB through prepared statements only. Each statement is named
 * by an id from sql.h; its text lives in sql.c and nowhere else. Values are
 * always bound, never spliced into SQL. One connection per process (or
 * thread), reconnected by itself after the server comes back. */
#ifndef BATON_DB_H
#define BATON_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "sql.h"

struct config;
struct pool;
struct db;

enum db_status {
	DB_OK = 0,
	DB_DOWN = -1,      /* server unreachable: answer 503, try again later */
	DB_ERROR = -2,     /* a bug or a broken schema: logged, answer 500 */
	DB_DUPLICATE = -3, /* a unique key refused the row */
	DB_RETRY = -4,     /* deadlock or Galera conflict: run the transaction again */
};

struct db_rows {
	size_t rows;
	size_t cols;
	char **cell;            /* rows * cols, NULL for SQL NULL, in the pool */
	unsigned long *length;  /* byte length of each cell */
};

struct db *db_new(const struct config *cfg);
void db_free(struct db *db);
/* Connects if not connected; DB_OK or DB_DOWN. */
int db_connect(struct db *db);

/* Binding types, one character per argument:
 *   's' const char * (NULL binds SQL NULL)
 *   'i' long long
 *   'n' long long id where 0 binds SQL NULL ("no such row")
 *   'b' const void *, size_t: bytes (a BLOB; NULLs inside are kept)
 * Results come back as text, copied into pool. */
int db_query(struct db *db, struct pool *pool, enum sql_id id, struct db_rows *out,
	     const char *types, ...);
/* The same for a statement that commits a transaction of its own (a CALL
 * of a procedure that does): after a lost connection it is not sent again
 * unless it never reached the server (it may have committed), and the
 * caller gets DB_DOWN; a conflict (deadlock, Galera certification) rolled
 * it back whole and is run again, as for any statement on its own. */
int db_query_once(struct db *db, struct pool *pool, enum sql_id id, struct db_rows *out,
		  const char *types, ...);
/* For statements without a result; *affected may be NULL. */
int db_exec(struct db *db, enum sql_id id, unsigned long long *affected, const char *types, ...);
unsigned long long db_last_insert_id(struct db *db);

int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Whether to run a whole transaction (db_begin ... db_commit) again, given
 * what its last attempt returned in *rc and the attempts so far in
 * *attempt (start at 0):
 *
 *     int rc, attempt = 0;
 *     do
 *             rc = transfer_once(db, ...);
 *     while (db_retry(db, &rc, &attempt));
 *
 * Yes, after a random pause that grows with each attempt, when it lost to a
 * concurrent transaction (DB_RETRY: a deadlock, a lock wait timeout, or on
 * Galera a certification conflict with a write on another node) or when
 * the connection broke before COMMIT was sent (the server rolled it back;
 * the next attempt reconnects, through a load balancer perhaps to another
 * node). Never when the connection broke during COMMIT: whether it
 * committed is unknown. After the last attempt a conflict is logged and
 * turned into DB_DOWN, so the client is told to try again (503). */
bool db_retry(struct db *db, int *rc, int *attempt);

/* The longest pause (ms) db_retry takes before attempt number `attempt`
 * (1, 2, ...): the pause itself is random between 0 and this. */
long db_retry_pause_cap_ms(int attempt);

const char *db_cell(const struct db_rows *r, size_t row, size_t col);
long long db_cell_int(const struct db_rows *r, size_t row, size_t col);

/* Runs a whole SQL file of DDL (a schema migration: trusted text from the
 * installation, never input) with multi-statements. Only the migration tool
 * calls it. */
int db_run_script(struct db *db, const char *sql, char *err, size_t errlen);

#endif
