/* sql_profile.c - SQL texts for visitor profiles across a client's sites
 * (lib/profile.c), the events sites report (cgi-bin/track.c), the
 * client's rules and service levels (lib/profile_treat.c) and skills.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

/* The profile's trail holds events about the visitor themselves and about
 * the site's customer they were named as. vp is their profile. */
#define EVENT_OF_PROFILE(e, vp) \
	"(" e ".visitor_id = " vp ".visitor_id OR (" vp ".customer_ref IS NOT NULL" \
	" AND " e ".customer_ref = " vp ".customer_ref))"

const char *const sql_texts_profile[SQL__MAX] = {
	/* What the visitor typed last is what they are called next time. */
	[SQL_PROFILE_SET_CONTACT] =
		"UPDATE visitor_profile SET email = COALESCE(?, email) WHERE client_id = ? AND visitor_id = ?",
	/* A signed link names the visitor: before their first question too. */
	[SQL_PROFILE_LINK_CUSTOMER] =
		"INSERT INTO visitor_profile (client_id, visitor_id, customer_ref, first_seen_at,"
		" last_seen_at, visits) VALUES (?, ?, ?, NOW(3), NOW(3), 0)"
		" ON DUPLICATE KEY UPDATE customer_ref = VALUES(customer_ref)",
	/* The site says whether the visitor accepted its tracking (track=0/1
	 * on the help link); without tracking the profile keeps only what they
	 * typed: no events, no pages once a request has ended. */
	[SQL_PROFILE_SET_TRACKING] =
		"INSERT INTO visitor_profile (client_id, visitor_id, tracking, first_seen_at, last_seen_at,"
		" visits) VALUES (?, ?, ?, NOW(3), NOW(3), 0) ON DUPLICATE KEY UPDATE tracking = VALUES(tracking)",
	[SQL_PROFILE_TRACKING] =
		"SELECT tracking FROM visitor_profile WHERE client_id = ? AND visitor_id = ?",
	[SQL_PROFILE_FORGET_PAGE_EVENTS] =
		"DELETE FROM profile_event WHERE client_id = ? AND visitor_id = ? AND source = 'page'",
	[SQL_PROFILE_FORGET_PAGES] =
		"UPDATE help_request SET page_url = NULL WHERE client_id = ? AND visitor_id = ?"
		" AND page_url IS NOT NULL AND state NOT IN ('waiting', 'offered', 'accepted')",
	[SQL_PROFILE_PREFILL] =
		"SELECT COALESCE(vp.name, sc.name), COALESCE(vp.email, sc.email) FROM visitor_profile vp"
		" LEFT JOIN site_customer sc ON sc.client_id = vp.client_id"
		"  AND sc.customer_ref = vp.customer_ref"
		" WHERE vp.client_id = ? AND vp.visitor_id = ?",
	/* A site's signed event: what it says of its customer is kept (what it
	 * leaves out stays as it was). */
	[SQL_SITE_CUSTOMER_PUT] =
		"INSERT INTO site_customer (client_id, customer_ref, name, email, plan, orders, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?, NOW(3)) ON DUPLICATE KEY UPDATE"
		" name = COALESCE(VALUES(name), name), email = COALESCE(VALUES(email), email),"
		" plan = COALESCE(VALUES(plan), plan), orders = COALESCE(VALUES(orders), orders),"
		" updated_at = VALUES(updated_at)",
	[SQL_PROFILE_EVENT_INSERT] =
		"INSERT INTO profile_event (client_id, site_id, visitor_id, customer_ref, source, name,"
		" detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(3))",
	/* The client's retention: older trail goes, a batch at a time. */
	[SQL_PROFILE_EVENT_EXPIRE] =
		"DELETE FROM profile_event WHERE client_id = ? AND at < NOW(3) - INTERVAL"
		" (SELECT profile_retention_days FROM client WHERE id = ?) DAY LIMIT 1000",
	/* ... and the pages of past help requests, the rest of the trail. */
	[SQL_PROFILE_REQUEST_EXPIRE] =
		"UPDATE help_request SET page_url = NULL WHERE client_id = ? AND page_url IS NOT NULL"
		" AND state NOT IN ('waiting', 'offered', 'accepted') AND created_at < NOW(3) - INTERVAL"
		" (SELECT profile_retention_days FROM client WHERE id = ?) DAY LIMIT 1000",
	/* What the rules look at: named as a customer, the site's plan and
	 * orders for them, help clicks in all and in 7 days. */
	[SQL_PROFILE_FACTS] =
		"SELECT vp.customer_ref IS NOT NULL, sc.plan, COALESCE(sc.orders, 0), vp.visits,"
		" (SELECT COUNT(*) FROM help_request h WHERE h.client_id = vp.client_id"
		"  AND h.visitor_id = vp.visitor_id AND h.created_at > NOW(3) - INTERVAL 7 DAY)"
		" FROM visitor_profile vp LEFT JOIN site_customer sc ON sc.client_id = vp.client_id"
		"  AND sc.customer_ref = vp.customer_ref"
		" WHERE vp.client_id = ? AND vp.visitor_id = ?",
	[SQL_PROFILE_EVENT_COUNTS] =
		"SELECT e.name, COUNT(*) FROM visitor_profile vp JOIN profile_event e"
		" ON e.client_id = vp.client_id AND " EVENT_OF_PROFILE("e", "vp")
		" WHERE vp.client_id = ? AND vp.visitor_id = ? AND e.at > NOW(3) - INTERVAL 7 DAY"
		" GROUP BY e.name ORDER BY e.name LIMIT 100",
	[SQL_PROFILE_RECENT_QUESTIONS] =
		"SELECT CONCAT_WS(' ', topic, question) FROM help_request WHERE client_id = ?"
		" AND visitor_id = ? AND created_at > NOW(3) - INTERVAL 7 DAY ORDER BY id DESC LIMIT 50",
	[SQL_PROFILE_RULES] =
		"SELECT id, label, rule_condition, score, level FROM profile_rule WHERE client_id = ?"
		" ORDER BY id LIMIT 200",
	[SQL_PROFILE_RULE_INSERT] =
		"INSERT INTO profile_rule (client_id, label, rule_condition, score, level)"
		" VALUES (?, ?, ?, ?, ?)",
	[SQL_PROFILE_RULE_DELETE] = "DELETE FROM profile_rule WHERE id = ? AND client_id = ?",
	[SQL_SERVICE_LEVELS] =
		"SELECT name, channels, skill, target_seconds, skip_overflow, rank_order FROM service_level"
		" WHERE client_id = ? ORDER BY rank_order DESC, name LIMIT 50",
	[SQL_SERVICE_LEVEL_PUT] =
		"INSERT INTO service_level (client_id, name, channels, skill, target_seconds, skip_overflow,"
		" rank_order) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
		" channels = VALUES(channels), skill = VALUES(skill),"
		" target_seconds = VALUES(target_seconds), skip_overflow = VALUES(skip_overflow),"
		" rank_order = VALUES(rank_order)",
	[SQL_SERVICE_LEVEL_DELETE] = "DELETE FROM service_level WHERE client_id = ? AND name = ?",
	[SQL_REQUEST_SET_TREATMENT] =
		"UPDATE help_request SET level = ?, skill = ?, score = ?, why = ?, wants_video = ?,"
		" contact = COALESCE(?, contact) WHERE id = ?",
	[SQL_PROFILE_SUMMARY] =
		"SELECT COALESCE(vp.name, sc.name), COALESCE(vp.email, sc.email), vp.customer_ref,"
		" sc.plan, sc.orders, vp.visits, DATE_FORMAT(vp.first_seen_at, '%Y-%m-%d'), vp.tracking"
		" FROM visitor_profile vp LEFT JOIN site_customer sc ON sc.client_id = vp.client_id"
		"  AND sc.customer_ref = vp.customer_ref"
		" WHERE vp.client_id = ? AND vp.visitor_id = ?",
	[SQL_PROFILE_REQUEST_TREATMENT] = "SELECT level, score, why FROM help_request WHERE id = ?",
	/* The channels a request's service level offers (no row: no level). */
	[SQL_PROFILE_REQUEST_CHANNELS] =
		"SELECT l.channels FROM help_request r JOIN service_level l ON l.client_id = r.client_id"
		" AND l.name = r.level WHERE r.id = ?",
	/* Help clicks on every site of the client: when, which site, the page,
	 * the question, how it ended, the rating given. */
	[SQL_PROFILE_TRAIL_REQUESTS] =
		"SELECT DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i'), s.name, r.page_url, r.topic,"
		" r.question, r.state, r.level,"
		" (SELECT MAX(sr.stars) FROM session_rating sr WHERE sr.channel_id = r.channel_id)"
		" FROM help_request r LEFT JOIN site s ON s.id = r.site_id"
		" WHERE r.client_id = ? AND r.visitor_id = ? ORDER BY r.id DESC LIMIT 30",
	[SQL_PROFILE_TRAIL_EVENTS] =
		"SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), s.name, e.source, e.name, e.detail"
		" FROM visitor_profile vp JOIN profile_event e ON e.client_id = vp.client_id"
		"  AND " EVENT_OF_PROFILE("e", "vp")
		" LEFT JOIN site s ON s.id = e.site_id"
		" WHERE vp.client_id = ? AND vp.visitor_id = ? ORDER BY e.id DESC LIMIT 30",
	/* Deleting a profile: its trail, what the requests kept of the visitor,
	 * the staff's notes, the profile itself. */
	[SQL_PROFILE_DELETE_EVENTS] =
		"DELETE e FROM profile_event e JOIN visitor_profile vp ON vp.client_id = e.client_id"
		" AND " EVENT_OF_PROFILE("e", "vp") " WHERE vp.client_id = ? AND vp.visitor_id = ?",
	[SQL_PROFILE_FORGET_REQUESTS] =
		"UPDATE help_request SET name = NULL, contact = NULL, page_url = NULL, question = NULL,"
		" topic = NULL WHERE client_id = ? AND visitor_id = ?"
		" AND state NOT IN ('waiting', 'offered', 'accepted')",
	[SQL_PROFILE_DELETE_NOTES] = "DELETE FROM visitor_note WHERE client_id = ? AND visitor_id = ?",
	[SQL_PROFILE_DELETE] = "DELETE FROM visitor_profile WHERE client_id = ? AND visitor_id = ?",
	[SQL_PROFILE_VISITORS_OF_CUSTOMER] =
		"SELECT visitor_id FROM visitor_profile WHERE client_id = ? AND customer_ref = ? LIMIT 100",
	[SQL_SITE_CUSTOMER_DELETE] = "DELETE FROM site_customer WHERE client_id = ? AND customer_ref = ?",
	[SQL_PROFILE_DELETE_CUSTOMER_EVENTS] =
		"DELETE FROM profile_event WHERE client_id = ? AND customer_ref = ?",
	[SQL_SITE_SECRET_BY_KEY] =
		"SELECT s.id, s.client_id, s.secret, s.name FROM site s WHERE s.site_key = ?",
	[SQL_PROFILE_SITE_CLIENT] =
		"SELECT c.id, c.name FROM site s JOIN client c ON c.id = s.client_id WHERE s.site_key = ?",
	[SQL_AGENT_SET_SKILLS] = "UPDATE agent SET skills = ? WHERE id = ? AND client_id = ?",
	[SQL_PROFILE_SETTINGS] =
		"SELECT priority_ageing_seconds, profile_retention_days FROM client WHERE id = ?",
	[SQL_PROFILE_AGENT_SKILLS] =
		"SELECT email, display_name, skills FROM agent WHERE client_id = ? AND disabled = 0"
		" ORDER BY display_name, id LIMIT 500",
	[SQL_CLIENT_SET_AGEING] = "UPDATE client SET priority_ageing_seconds = ? WHERE id = ?",
	[SQL_CLIENT_SET_RETENTION] = "UPDATE client SET profile_retention_days = ? WHERE id = ?",
	/* Pages seen and time on them (lib/page_view.h): the trail's views in
	 * the last minute (its rate) and the visitor a help click linked it to. */
	[SQL_PAGE_VIEW_TRAIL] =
		"SELECT (SELECT COUNT(*) FROM page_view WHERE client_id = ? AND trail = ?"
		"  AND at > NOW(3) - INTERVAL 1 MINUTE),"
		" (SELECT visitor_id FROM page_trail WHERE client_id = ? AND trail = ?)",
	[SQL_PAGE_VIEW_INSERT] =
		"INSERT INTO page_view (client_id, site_id, trail, visitor_id, url, seconds, at)"
		" VALUES (?, ?, ?, ?, ?, ?, NOW(3))",
	/* A trail keeps its newest 50 views, a visitor their newest 100. */
	[SQL_PAGE_VIEW_TRIM_TRAIL] =
		"DELETE FROM page_view WHERE client_id = ? AND trail = ? AND id < (SELECT id FROM"
		" (SELECT id FROM page_view WHERE client_id = ? AND trail = ?"
		"  ORDER BY id DESC LIMIT 1 OFFSET 49) AS oldest_kept)",
	[SQL_PAGE_VIEW_TRIM_VISITOR] =
		"DELETE FROM page_view WHERE client_id = ? AND visitor_id = ? AND id < (SELECT id FROM"
		" (SELECT id FROM page_view WHERE client_id = ? AND visitor_id = ?"
		"  ORDER BY id DESC LIMIT 1 OFFSET 99) AS oldest_kept)",
	[SQL_PAGE_VIEW_LINK] =
		"UPDATE page_view SET visitor_id = ? WHERE client_id = ? AND trail = ? AND visitor_id IS NULL",
	[SQL_PAGE_TRAIL_LINK] =
		"INSERT INTO page_trail (client_id, trail, visitor_id, linked_at) VALUES (?, ?, ?, NOW(3))"
		" ON DUPLICATE KEY UPDATE visitor_id = VALUES(visitor_id), linked_at = NOW(3)",
	[SQL_PAGE_VIEW_FORGET_TRAIL] = "DELETE FROM page_view WHERE client_id = ? AND trail = ?",
	[SQL_PAGE_TRAIL_FORGET_TRAIL] = "DELETE FROM page_trail WHERE client_id = ? AND trail = ?",
	[SQL_PAGE_VIEW_FORGET] = "DELETE FROM page_view WHERE client_id = ? AND visitor_id = ?",
	[SQL_PAGE_TRAIL_FORGET] = "DELETE FROM page_trail WHERE client_id = ? AND visitor_id = ?",
	[SQL_PAGE_VIEW_EXPIRE] =
		"DELETE FROM page_view WHERE client_id = ? AND at < NOW(3) - INTERVAL"
		" (SELECT profile_retention_days FROM client WHERE id = ?) DAY LIMIT 1000",
	[SQL_PAGE_TRAIL_EXPIRE] =
		"DELETE FROM page_trail WHERE client_id = ? AND linked_at < NOW(3) - INTERVAL"
		" (SELECT profile_retention_days FROM client WHERE id = ?) DAY LIMIT 1000",
	[SQL_PROFILE_TRAIL_PAGES] =
		"SELECT DATE_FORMAT(p.at, '%Y-%m-%d %H:%i'), s.name, p.url, p.seconds FROM page_view p"
		" LEFT JOIN site s ON s.id = p.site_id WHERE p.client_id = ? AND p.visitor_id = ?"
		" ORDER BY p.id DESC LIMIT 30",
	/* The ways of connecting the level of a conversation's request offers
	 * (no row: the client has no levels, everything is offered). */
	[SQL_PROFILE_CHANNEL_LEVEL] =
		"SELECT l.channels FROM help_request r JOIN service_level l ON l.client_id = r.client_id"
		" AND l.name = r.level WHERE r.channel_id = ? ORDER BY r.id DESC LIMIT 1",
	[SQL_PROFILE_PAGES_SEEN] =
		"SELECT url FROM page_view WHERE client_id = ? AND visitor_id = ?"
		" AND at > NOW(3) - INTERVAL 7 DAY ORDER BY id DESC LIMIT 100",
};
