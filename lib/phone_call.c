/* phone_call.c - calls from the web side: accepted, found, keyed, commanded. */
#include "phone_call.h"

#include <string.h>

#include "crypto.h"
#include "db.h"
#include "pool.h"

int phone_call_accepted(struct db *db, long long request_id, const char *kind,
			long long channel_id, long long agent_id)
{
	if (kind == NULL)
		return DB_OK;
	if (strcmp(kind, "callback") == 0) {
		char public_id[33];
		if (crypto_public_id(public_id) != 0)
			return DB_ERROR;
		return db_exec(db, SQL_PHONE_CALL_FOR_CALLBACK, NULL, "siii", public_id, channel_id,
			       agent_id, request_id);
	}
	if (strcmp(kind, "call") == 0)
		return db_exec(db, SQL_PHONE_CALL_ACCEPTED, NULL, "iii", channel_id, agent_id, request_id);
	return DB_OK;
}

int phone_call_of_channel(struct db *db, struct pool *pool, long long channel_id,
			  struct phone_call_info *out, bool *found)
{
	struct db_rows rows;
	memset(out, 0, sizeof *out);
	*found = false;
	int rc = db_query(db, pool, SQL_PHONE_CALL_OF_CHANNEL, &rows, "i", channel_id);
	if (rc != DB_OK || rows.rows == 0)
		return rc;
	*found = true;
	out->id = db_cell_int(&rows, 0, 0);
	out->public_id = db_cell(&rows, 0, 1);
	out->outbound = strcmp(db_cell(&rows, 0, 2), "outbound") == 0;
	out->number = db_cell(&rows, 0, 3);
	out->state = db_cell(&rows, 0, 4);
	out->outcome = db_cell(&rows, 0, 5);
	out->agent_id = db_cell_int(&rows, 0, 6);
	return DB_OK;
}

int phone_call_new_key(struct db *db, long long call_id, long long agent_id, char key_out[65])
{
	char hash[TOKEN_HEX_LEN + 1];
	if (crypto_token(key_out) != 0)
		return DB_ERROR;
	crypto_sha256_hex(key_out, hash);
	return db_exec(db, SQL_PHONE_CALL_SET_KEY, NULL, "sii", hash, agent_id, call_id);
}

int phone_call_command(struct db *db, long long call_id, long long agent_id, const char *command,
		       const char *arg)
{
	return db_exec(db, SQL_CALL_COMMAND_INSERT, NULL, "iiss", call_id, agent_id, command, arg);
}
