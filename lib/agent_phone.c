/* agent_phone.c - desk-phone accounts: made, removed, checked. */
#include "agent_phone.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "pool.h"

/* MD5(user:realm:password) in hex: SIP digest's HA1 (RFC 2617). */
static void ha1_of(const char *user, const char *realm, const char *password, char out[33])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	char text[512];
	snprintf(text, sizeof text, "%s:%s:%s", user, realm, password);
	EVP_Digest(text, strlen(text), digest, &len, EVP_md5(), NULL);
	for (unsigned int i = 0; i < len && i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	out[32] = '\0';
}

int agent_phone_set(struct db *db, struct pool *pool, long long agent_id, const char *realm,
		    const char **user, char password_out[AGENT_PHONE_PASSWORD + 1])
{
	char token[TOKEN_HEX_LEN + 1], ha1[33];
	if (crypto_token(token) != 0)
		return DB_ERROR;
	memcpy(password_out, token, AGENT_PHONE_PASSWORD);
	password_out[AGENT_PHONE_PASSWORD] = '\0';
	*user = pool_printf(pool, "desk%lld", agent_id);
	ha1_of(*user, realm, password_out, ha1);
	return db_exec(db, SQL_AGENT_PHONE_SET, NULL, "iss", agent_id, *user, ha1);
}

int agent_phone_remove(struct db *db, long long agent_id)
{
	return db_exec(db, SQL_AGENT_PHONE_REMOVE, NULL, "i", agent_id);
}

int agent_phone_ha1(struct db *db, struct pool *pool, const char *user, const char **ha1)
{
	struct db_rows rows;
	*ha1 = NULL;
	int rc = db_query(db, pool, SQL_AGENT_PHONE_HA1, &rows, "s", user);
	if (rc == DB_OK && rows.rows > 0)
		*ha1 = db_cell(&rows, 0, 0);
	return rc;
}

int agent_phone_in_use(struct db *db, struct pool *pool, long long agent_id, bool *in_use)
{
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_AGENT_PHONE_IN_USE, &rows, "i", agent_id);
	*in_use = rc == DB_OK && rows.rows > 0;
	return rc;
}
