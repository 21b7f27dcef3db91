/* sql_billing.c - SQL texts for usage billing: statements and rates.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_billing[SQL__MAX] = {
	/* Usage billing. Instants as milliseconds since 1970 (the connection's
	 * time zone is UTC); lib/billing.c does the arithmetic. */
	[SQL_BILLING_NOW_MS] = "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)",
	/* A client's terms; its reseller's share in hundredths of a percent. */
	[SQL_BILLING_CLIENT] =
		"SELECT c.id, c.slug, c.name, c.rate_unit, c.rate_cents, c.monthly_minimum_cents,"
		" c.currency, CAST(UNIX_TIMESTAMP(c.created_at) * 1000 AS SIGNED), r.slug, r.name,"
		" CAST(r.share_percent * 100 AS SIGNED), c.call_rate_cents"
		" FROM client c LEFT JOIN reseller r ON r.id = c.reseller_id WHERE c.id = ?",
	[SQL_BILLING_RESELLER_CLIENTS] =
		"SELECT c.id, c.slug, c.name, c.rate_unit, c.rate_cents, c.monthly_minimum_cents,"
		" c.currency, CAST(UNIX_TIMESTAMP(c.created_at) * 1000 AS SIGNED), r.slug, r.name,"
		" CAST(r.share_percent * 100 AS SIGNED), c.call_rate_cents"
		" FROM client c JOIN reseller r ON r.id = c.reseller_id WHERE r.id = ? ORDER BY c.slug",
	/* The sessions created in [start, end): start, name, the agents in the
	 * order they first joined (names as they were then), start and close. */
	[SQL_BILLING_SESSIONS] =
		"SELECT DATE_FORMAT(ch.created_at, '%Y-%m-%d %H:%i:%s'), ch.name,"
		" (SELECT GROUP_CONCAT(p.display_name ORDER BY p.id SEPARATOR ', ') FROM participant p"
		"  WHERE p.channel_id = ch.id AND p.kind = 'agent' AND NOT EXISTS (SELECT 1"
		"  FROM participant q WHERE q.channel_id = p.channel_id AND q.kind = 'agent'"
		"  AND q.agent_id = p.agent_id AND q.id < p.id)),"
		" CAST(UNIX_TIMESTAMP(ch.created_at) * 1000 AS SIGNED),"
		" CAST(UNIX_TIMESTAMP(ch.closed_at) * 1000 AS SIGNED), ch.id"
		" FROM channel ch WHERE ch.client_id = ? AND ch.created_at >= ? AND ch.created_at < ?"
		" AND ch.kind IN ('help', 'room')" /* events' stages are billed as events */
		" ORDER BY ch.created_at, ch.id",
	/* A missing currency keeps the client's. */
	[SQL_CLIENT_SET_RATE] =
		"UPDATE client SET rate_unit = ?, rate_cents = ?, monthly_minimum_cents = ?,"
		" currency = COALESCE(?, currency) WHERE id = ?",
	[SQL_CLIENT_SET_RESELLER] = "UPDATE client SET reseller_id = ? WHERE id = ?",
	/* The share comes in hundredths of a percent: exact in DECIMAL(5, 2). */
	[SQL_RESELLER_INSERT] =
		"INSERT INTO reseller (slug, name, share_percent) VALUES (?, ?, ? / 100)",
	[SQL_RESELLER_BY_SLUG] =
		"SELECT id, slug, name, CAST(share_percent * 100 AS SIGNED) FROM reseller WHERE slug = ?",
	[SQL_RESELLER_LIST] =
		"SELECT r.slug, r.name, r.share_percent, (SELECT GROUP_CONCAT(c.slug ORDER BY c.slug)"
		" FROM client c WHERE c.reseller_id = r.id) FROM reseller r ORDER BY r.slug",
};
