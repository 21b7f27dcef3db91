/* visitor.c - recognising returning visitors. */
#include "visitor.h"

#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "response.h"

enum { VISITOR_COOKIE_SECONDS = 2 * 365 * 24 * 3600 };

int visitor_identify(struct request *r, bool create, long long *visitor_id)
{
	*visitor_id = 0;
	const char *token = request_cookie(r, VISITOR_COOKIE);
	char hash[TOKEN_HEX_LEN + 1];
	struct db_rows rows;
	if (token != NULL && crypto_is_token(token)) {
		crypto_sha256_hex(token, hash);
		int rc = db_query(r->db, r->pool, SQL_VISITOR_BY_TOKEN, &rows, "s", hash);
		if (rc != DB_OK)
			return rc;
		if (rows.rows > 0) {
			*visitor_id = db_cell_int(&rows, 0, 0);
			/* The stamp is written at most once a minute (visitor_touch, schema 281). */
			if (!db_cell_int(&rows, 0, 1))
				return DB_OK;
			return db_query(r->db, r->pool, SQL_VISITOR_SEEN, &rows, "i", *visitor_id);
		}
	}
	if (!create)
		return DB_OK;
	char *fresh = pool_alloc(r->pool, TOKEN_HEX_LEN + 1);
	if (crypto_token(fresh) != 0)
		return DB_ERROR;
	crypto_sha256_hex(fresh, hash);
	int rc = db_exec(r->db, SQL_VISITOR_INSERT, NULL, "s", hash);
	if (rc != DB_OK)
		return rc;
	*visitor_id = (long long)db_last_insert_id(r->db);
	resp_cookie(r, VISITOR_COOKIE, fresh, VISITOR_COOKIE_SECONDS, "Lax");
	return DB_OK;
}
