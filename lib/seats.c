/* seats.c - the seats a client's sessions hold (seats.h). */
#include "seats.h"

#include "db.h"

int seats_of_client(struct db *db, struct pool *pool, long long client_id, struct seats *out)
{
	struct db_rows rows;
	out->used = out->cap = 0;
	int rc = db_query(db, pool, SQL_SEATS_OF_CLIENT, &rows, "i", client_id);
	if (rc != DB_OK || rows.rows == 0)
		return rc;
	out->used = db_cell_int(&rows, 0, 0);
	out->cap = db_cell_int(&rows, 0, 1);
	return DB_OK;
}

bool seats_free(const struct seats *s, long long more)
{
	return s->used + more <= s->cap;
}
