/* sql_setup.c - SQL texts for the first-run setup: its one-time tokens and
 * whether an operator exists yet (lib/setup.c).
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_setup[SQL__MAX] = {
	[SQL_SETUP_TOKEN_CLEAR_UNUSED] = "DELETE FROM setup_token WHERE used_at IS NULL",
	[SQL_SETUP_TOKEN_INSERT] =
		"INSERT INTO setup_token (token_hash, created_at, expires_at)"
		" VALUES (?, NOW(3), NOW(3) + INTERVAL ? SECOND)",
	[SQL_SETUP_TOKEN_FIND] =
		"SELECT id, expires_at > NOW(3) FROM setup_token WHERE token_hash = ? AND used_at IS NULL",
	[SQL_SETUP_TOKEN_LOCK] =
		"SELECT id, expires_at > NOW(3) FROM setup_token WHERE token_hash = ? AND used_at IS NULL"
		" FOR UPDATE",
	[SQL_SETUP_TOKEN_SPEND] = "UPDATE setup_token SET used_at = NOW(3) WHERE id = ? AND used_at IS NULL",
	[SQL_SETUP_ANY_ACCOUNT] = "SELECT EXISTS (SELECT 1 FROM agent)",
	[SQL_SETUP_OPERATOR_COUNT] = "SELECT COUNT(*) FROM agent WHERE role = 'operator'",
	[SQL_SETUP_SCHEMA_VERSION] = "SELECT COALESCE(MAX(version), 0), COUNT(*) FROM schema_migration",
};
