/* sql_core.c - SQL texts for the connection, transactions and schema migrations.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_core[SQL__MAX] = {
	[SQL_PING] = "SELECT 1",
	/* Prepared, so a transaction costs one round trip to begin and one to
	 * commit, with autocommit left on between them. */
	[SQL_START_TRANSACTION] = "START TRANSACTION",

	[SQL_MIGRATION_TABLE] =
		"CREATE TABLE IF NOT EXISTS schema_migration ("
		" version INT UNSIGNED NOT NULL PRIMARY KEY,"
		" name VARCHAR(200) NOT NULL,"
		" applied_at DATETIME(3) NOT NULL"
		") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
	[SQL_MIGRATION_APPLIED] = "SELECT version, name FROM schema_migration ORDER BY version",
	[SQL_MIGRATION_RECORD] =
		"INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, NOW(3))",
	/* Two app hosts upgrading at once must not both apply a migration. */
	[SQL_MIGRATION_LOCK] = "SELECT GET_LOCK('baton_migrate', 60)",
	[SQL_MIGRATION_UNLOCK] = "SELECT RELEASE_LOCK('baton_migrate')",
};
