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
 * Results come back as text, copied into pool. */
int db_query(struct db *db, struct pool *pool, enum sql_id id, struct db_rows *out,
	     const char *types, ...);
/* For statements without a result; *affected may be NULL. */
int db_exec(struct db *db, enum sql_id id, unsigned long long *affected, const char *types, ...);
unsigned long long db_last_insert_id(struct db *db);

int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Every write transaction runs through db_transaction(): BEGIN, the body,
 * COMMIT. A deadlock, lock wait timeout or (on Galera) certification
 * failure anywhere in it, the commit included, rolls the whole transaction
 * back and runs the body again after a short random pause, up to
 * DB_TRANSACTION_ATTEMPTS times; after the last it is logged (with `what`)
 * and DB_RETRY returned, which the request answers with 503 "busy, try
 * again". The body must therefore set its results afresh on each run and
 * do nothing outside the database (notify only after this returns).
 *
 * The body returns DB_OK to commit, DB_UNCHANGED to roll back and report
 * DB_OK (it found its work already done), or any other status to roll back
 * and report that status. A statement run outside any transaction is
 * retried the same way by db_exec/db_query themselves. */
enum { DB_TRANSACTION_ATTEMPTS = 8, DB_UNCHANGED = 1 };
typedef int (*db_transaction_body)(struct db *db, void *arg);
int db_transaction(struct db *db, const char *what, db_transaction_body body, void *arg);
/* Whether a transaction gave up on conflicts since the last call (which
 * clears it): program.c answers such a failure 503 rather than 500. */
bool db_take_conflict(struct db *db);

const char *db_cell(const struct db_rows *r, size_t row, size_t col);
long long db_cell_int(const struct db_rows *r, size_t row, size_t col);

/* Runs a whole SQL file of DDL (a schema migration: trusted text from the
 * installation, never input) with multi-statements. Only the migration tool
 * calls it. */
int db_run_script(struct db *db, const char *sql, char *err, size_t errlen);

#endif
