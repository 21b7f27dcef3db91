/* sql_billing.c - SQL texts for usage billing: statements and rates.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_billing[SQL__MAX] = {
	/* Usage billing. Instants as milliseconds since 1970 (the connection's
	 * time zone is UTC); lib/billing.c does the arithmetic. */
	[SQL_BILLING_NOW_MS] = "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)",
	/* A client as its statement names it; the terms are the history's
	 * (lib/terms.c). */
	[SQL_BILLING_CLIENT] =
		"SELECT c.id, c.slug, c.name, CAST(UNIX_TIMESTAMP(c.created_at) * 1000 AS SIGNED)"
		" FROM client c WHERE c.id = ?",
	/* Clients that ever had the reseller: whether one is the reseller's in
	 * a given month is for its terms of that month to say. */
	[SQL_BILLING_RESELLER_CLIENTS] =
		"SELECT c.id, c.slug, c.name, CAST(UNIX_TIMESTAMP(c.created_at) * 1000 AS SIGNED)"
		" FROM client c WHERE EXISTS (SELECT 1 FROM client_terms t WHERE t.client_id = c.id"
		" AND t.reseller_id = ?) ORDER BY c.slug",
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
	[SQL_RESELLER_INSERT] = "INSERT INTO reseller (slug, name) VALUES (?, ?)",
	[SQL_RESELLER_BY_SLUG] =
		"SELECT id, slug, name, removed_at IS NOT NULL, suspended_at IS NOT NULL FROM reseller"
		" WHERE slug = ?",
	[SQL_RESELLER_BY_ID] = "SELECT slug FROM reseller WHERE id = ?",
	/* Each reseller with its share now, its clients now and its accounts. */
	[SQL_RESELLER_LIST] =
		"SELECT r.slug, r.name, (SELECT s.share_percent FROM reseller_share s WHERE s.reseller_id = r.id"
		"  ORDER BY s.effective_at DESC, s.id DESC LIMIT 1),"
		" (SELECT GROUP_CONCAT(c.slug ORDER BY c.slug) FROM client c WHERE (SELECT t.reseller_id"
		"  FROM client_terms t WHERE t.client_id = c.id ORDER BY t.effective_at DESC, t.id DESC"
		"  LIMIT 1) = r.id),"
		" (SELECT GROUP_CONCAT(a.email ORDER BY a.email) FROM agent a WHERE a.reseller_id = r.id"
		"  AND a.disabled = 0),"
		" r.suspended_at IS NOT NULL"
		" FROM reseller r WHERE r.removed_at IS NULL ORDER BY r.slug",
};
