/* terms.c - reading the billing terms in force (see terms.h). */
#include "terms.h"

#include "db.h"

/* The newest row set before `end`, else the first row of all. */
static int in_force(struct db *db, struct pool *pool, enum sql_id before, enum sql_id first,
		    long long id, const char *end, struct db_rows *rows)
{
	int rc = end ? db_query(db, pool, before, rows, "is", id, end)
		     : db_query(db, pool, before, rows, "is", id, "9999-12-31 23:59:59");
	if (rc == DB_OK && rows->rows == 0)
		rc = db_query(db, pool, first, rows, "i", id);
	return rc;
}

int terms_of_client(struct db *db, struct pool *pool, long long client_id, const char *month_end,
		    struct client_terms *t)
{
	struct db_rows rows;
	t->billing.unit = BILLING_PER_MINUTE;
	t->billing.rate_cents = 0;
	t->billing.minimum_cents = 0;
	t->billing.call_rate_cents = 0;
	t->billing.phone_rate_cents = 0;
	t->billing.event_unit = BILLING_PER_ATTENDEE;
	t->billing.event_rate_cents = 0;
	t->currency = "EUR";
	t->reseller_id = 0;
	int rc = in_force(db, pool, SQL_TERMS_BEFORE, SQL_TERMS_FIRST, client_id, month_end, &rows);
	if (rc != DB_OK || rows.rows == 0)
		return rc;
	if (billing_unit_parse(db_cell(&rows, 0, 0), &t->billing.unit) != 0)
		t->billing.unit = BILLING_PER_MINUTE;
	t->billing.rate_cents = db_cell_int(&rows, 0, 1);
	t->billing.minimum_cents = db_cell_int(&rows, 0, 2);
	t->currency = db_cell(&rows, 0, 3);
	t->reseller_id = db_cell(&rows, 0, 4) ? db_cell_int(&rows, 0, 4) : 0;
	t->billing.call_rate_cents = db_cell_int(&rows, 0, 5);
	t->billing.phone_rate_cents = db_cell_int(&rows, 0, 6);
	if (billing_event_unit_parse(db_cell(&rows, 0, 7), &t->billing.event_unit) != 0)
		t->billing.event_unit = BILLING_PER_ATTENDEE;
	t->billing.event_rate_cents = db_cell_int(&rows, 0, 8);
	return DB_OK;
}

int terms_reseller_share(struct db *db, struct pool *pool, long long reseller_id,
			 const char *month_end, long long *share_bp)
{
	struct db_rows rows;
	*share_bp = 0;
	int rc = in_force(db, pool, SQL_SHARE_BEFORE, SQL_SHARE_FIRST, reseller_id, month_end, &rows);
	if (rc == DB_OK && rows.rows > 0)
		*share_bp = db_cell_int(&rows, 0, 0);
	return rc;
}
