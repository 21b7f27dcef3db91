/* sql_admin.c - SQL texts for administration: clients, sites, accounts,
 * canned phrases and addresses, desk settings, opening hours, avatar rules,
 * billing terms and the audit log, as lib/admin*.c and lib/account.c
 * (the browser's pages and baton-admin alike) manage them.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_admin[SQL__MAX] = {
	[SQL_CLIENT_INSERT] = "INSERT INTO client (slug, name, created_at) VALUES (?, ?, NOW(3))",
	[SQL_CLIENT_BY_SLUG] = "SELECT id, name FROM client WHERE slug = ?",
	[SQL_CLIENT_LIST] =
		"SELECT c.slug, c.name, (SELECT COUNT(*) FROM site s WHERE s.client_id = c.id),"
		" (SELECT COUNT(*) FROM agent a WHERE a.client_id = c.id) FROM client c ORDER BY c.slug",
	[SQL_CLIENT_SET_SEAT_CAP] = "UPDATE client SET seat_cap = ? WHERE id = ?",
	[SQL_CLIENT_SET_ACCEPT_TIMEOUT] = "UPDATE client SET accept_timeout_seconds = ? WHERE id = ?",
	[SQL_CLIENT_SET_MAX_MISSED] = "UPDATE client SET max_missed_offers = ? WHERE id = ?",
	[SQL_CLIENT_SET_PARTICIPANT_CAP] = "UPDATE client SET channel_participant_cap = ? WHERE id = ?",
	[SQL_CLIENT_SET_WAIT_TARGET] = "UPDATE client SET wait_target_seconds = ? WHERE id = ?",
	[SQL_SITE_INSERT] =
		"INSERT INTO site (client_id, name, site_key, created_at) VALUES (?, ?, ?, NOW(3))",
	[SQL_SITE_BY_CLIENT] =
		"SELECT s.id, s.name, s.site_key, (SELECT GROUP_CONCAT(d.domain ORDER BY d.domain)"
		" FROM site_domain d WHERE d.site_id = s.id), s.help_address FROM site s"
		" WHERE s.client_id = ? ORDER BY s.id",
	[SQL_SITE_DOMAIN_INSERT] = "INSERT INTO site_domain (site_id, domain) VALUES (?, ?)",
	[SQL_AGENT_INSERT] =
		"INSERT INTO agent (client_id, email, display_name, role, password_hash, state,"
		" state_since, created_at, reseller_id) VALUES (?, ?, ?, ?, ?, 'offline', NOW(3), NOW(3), ?)",
	[SQL_AGENT_LIST] =
		"SELECT a.email, a.display_name, a.role, a.state, a.last_signin_at, a.last_signin_ip"
		" FROM agent a WHERE a.client_id = ? ORDER BY a.email",
	[SQL_AGENT_BY_EMAIL_ANY_CLIENT] = "SELECT id, client_id FROM agent WHERE email = ?",

	/* ---- clients (lib/admin_clients.c) ---- */
	[SQL_CLIENT_INSERT_HOUSE] =
		"INSERT INTO client (slug, name, created_at, house) VALUES (?, ?, NOW(3), 1)",
	[SQL_CLIENT_HOUSE] = "SELECT id FROM client WHERE house = 1 ORDER BY id LIMIT 1",
	[SQL_CLIENT_STATE] = "SELECT suspended_at IS NOT NULL, house FROM client WHERE id = ?",
	[SQL_CLIENT_SUSPEND] =
		"UPDATE client SET suspended_at = IF(?, COALESCE(suspended_at, NOW(3)), NULL) WHERE id = ?",
	/* The suspended client's staff: every session ends; the poll
	 * program's lapse sweep then shows them signed out. */
	[SQL_CLIENT_SIGN_OUT_ALL] =
		"UPDATE staff_session s JOIN agent a ON a.id = s.agent_id SET s.ended_at = NOW(3)"
		" WHERE a.client_id = ? AND s.ended_at IS NULL",
	[SQL_CLIENT_CURRENT_RESELLER] =
		"SELECT (SELECT t.reseller_id FROM client_terms t WHERE t.client_id = c.id"
		" ORDER BY t.effective_at DESC, t.id DESC LIMIT 1) FROM client c WHERE c.id = ?",
	/* Every client, or (given a reseller) that reseller's, with this
	 * month's use: sessions begun and their started minutes. */
	[SQL_CLIENTS_OVERVIEW] =
		"SELECT c.id, c.slug, c.name, c.suspended_at IS NOT NULL, c.house,"
		" DATE_FORMAT(c.created_at, '%Y-%m-%d'), r.slug, r.name,"
		" (SELECT COUNT(*) FROM agent a WHERE a.client_id = c.id AND a.disabled = 0),"
		" (SELECT COUNT(*) FROM site s WHERE s.client_id = c.id),"
		" (SELECT COUNT(*) FROM channel ch WHERE ch.client_id = c.id"
		"  AND ch.created_at >= DATE_FORMAT(NOW(), '%Y-%m-01')),"
		" (SELECT COALESCE(SUM(GREATEST(1, CEIL(TIMESTAMPDIFF(MICROSECOND, ch.created_at,"
		"  COALESCE(ch.closed_at, NOW(3))) / 60000000))), 0) FROM channel ch"
		"  WHERE ch.client_id = c.id AND ch.created_at >= DATE_FORMAT(NOW(), '%Y-%m-01'))"
		" FROM (SELECT x.*, (SELECT t.reseller_id FROM client_terms t WHERE t.client_id = x.id"
		"  ORDER BY t.effective_at DESC, t.id DESC LIMIT 1) AS reseller_id FROM client x) c"
		" LEFT JOIN reseller r ON r.id = c.reseller_id"
		" WHERE COALESCE(?, c.reseller_id, 0) = COALESCE(c.reseller_id, 0)"
		" ORDER BY c.house DESC, c.slug",
	/* Deleting a client: everything it owns (lib/admin_clients.c). */
	[SQL_DELETE_CLIENT_EVENTS] =
		"DELETE e FROM channel_event e JOIN channel ch ON ch.id = e.channel_id WHERE ch.client_id = ?",
	[SQL_DELETE_CLIENT_MAIL] = "DELETE FROM mail_outbox WHERE client_id = ?",
	[SQL_DELETE_CLIENT_SAMPLE_CLOCKS] =
		"DELETE k FROM sample_clock k JOIN participant p ON p.id = k.participant_id"
		" JOIN channel ch ON ch.id = p.channel_id WHERE ch.client_id = ?",
	[SQL_DELETE_CLIENT_SAMPLES] =
		"DELETE s FROM archive_sample s JOIN channel ch ON ch.id = s.channel_id WHERE ch.client_id = ?",
	[SQL_DELETE_CLIENT_CALL_MEMBERS] =
		"DELETE m FROM media_call_member m JOIN media_call c ON c.id = m.call_id WHERE c.client_id = ?",
	[SQL_DELETE_CLIENT_CALLS] = "DELETE FROM media_call WHERE client_id = ?",
	/* Mail in and out (schema 130). */
	[SQL_DELETE_CLIENT_ATTACHMENTS] =
		"DELETE a FROM help_attachment a JOIN help_message m ON m.id = a.help_message_id"
		" WHERE m.client_id = ?",
	[SQL_DELETE_CLIENT_HELP_MESSAGES] = "DELETE FROM help_message WHERE client_id = ?",
	[SQL_DELETE_CLIENT_MAIL_MESSAGES] = "DELETE FROM mail_message WHERE client_id = ?",
	[SQL_DELETE_CLIENT_VISITOR_EMAILS] = "DELETE FROM visitor_email WHERE client_id = ?",
	[SQL_DELETE_CLIENT_DOMAIN_ALERTS] = "DELETE FROM unregistered_domain_alert WHERE client_id = ?",
	/* The call centre's (schema 150, 151). */
	[SQL_DELETE_CLIENT_VOICE_MESSAGES] = "DELETE FROM voice_message WHERE client_id = ?",
	[SQL_DELETE_CLIENT_CALL_COMMANDS] =
		"DELETE cc FROM call_command cc JOIN phone_call c ON c.id = cc.call_id WHERE c.client_id = ?",
	[SQL_DELETE_CLIENT_CALL_EVENTS] =
		"DELETE ce FROM call_event ce JOIN phone_call c ON c.id = ce.call_id WHERE c.client_id = ?",
	[SQL_DELETE_CLIENT_PHONE_CALLS] = "DELETE FROM phone_call WHERE client_id = ?",
	[SQL_DELETE_CLIENT_CALL_CODES] = "DELETE FROM call_code WHERE client_id = ?",
	[SQL_DELETE_CLIENT_CALLING_HOURS] = "DELETE FROM calling_hours WHERE client_id = ?",
	[SQL_DELETE_CLIENT_PHONE_LINE] = "DELETE FROM phone_line WHERE client_id = ?",
	[SQL_DELETE_CLIENT_DESK_PHONES] =
		"DELETE ap FROM agent_phone ap JOIN agent a ON a.id = ap.agent_id WHERE a.client_id = ?",
	[SQL_DELETE_CLIENT_PARTICIPANTS] =
		"DELETE p FROM participant p JOIN channel ch ON ch.id = p.channel_id WHERE ch.client_id = ?",
	[SQL_DELETE_CLIENT_REFUSALS] =
		"DELETE f FROM request_refusal f JOIN help_request r ON r.id = f.request_id"
		" WHERE r.client_id = ?",
	[SQL_DELETE_CLIENT_REQUEST_EVENTS] = "DELETE FROM request_event WHERE client_id = ?",
	[SQL_DELETE_CLIENT_REQUESTS] = "DELETE FROM help_request WHERE client_id = ?",
	[SQL_DELETE_CLIENT_CHANNELS] = "DELETE FROM channel WHERE client_id = ?",
	[SQL_DELETE_CLIENT_PROFILES] = "DELETE FROM visitor_profile WHERE client_id = ?",
	[SQL_DELETE_CLIENT_NOTES] = "DELETE FROM visitor_note WHERE client_id = ?",
	[SQL_DELETE_CLIENT_CANNED] = "DELETE FROM canned_phrase WHERE client_id = ?",
	[SQL_DELETE_CLIENT_ADDRESSES] = "DELETE FROM canned_address WHERE client_id = ?",
	[SQL_DELETE_CLIENT_AVATAR_RULES] = "DELETE FROM avatar_rule WHERE client_id = ?",
	[SQL_DELETE_CLIENT_HITS] =
		"DELETE h FROM help_hit h JOIN site s ON s.id = h.site_id WHERE s.client_id = ?",
	[SQL_DELETE_CLIENT_REFUSED_LINKS] = "DELETE FROM refused_link WHERE client_id = ?",
	[SQL_DELETE_CLIENT_SITES] = "DELETE FROM site WHERE client_id = ?",
	[SQL_DELETE_CLIENT_AGENT_EVENTS] =
		"DELETE ev FROM agent_event ev JOIN agent a ON a.id = ev.agent_id WHERE a.client_id = ?",
	[SQL_DELETE_CLIENT_SESSIONS] =
		"DELETE s FROM staff_session s JOIN agent a ON a.id = s.agent_id WHERE a.client_id = ?",
	[SQL_DELETE_CLIENT_SIGNINS] =
		"DELETE sa FROM signin_attempt sa JOIN agent a ON a.id = sa.agent_id WHERE a.client_id = ?",
	[SQL_DELETE_CLIENT_AGENTS] = "DELETE FROM agent WHERE client_id = ?",
	[SQL_DELETE_CLIENT] = "DELETE FROM client WHERE id = ?",

	/* ---- billing terms and resellers (lib/terms.c, lib/admin_billing.c) ---- */
	[SQL_TERMS_INSERT] =
		"INSERT INTO client_terms (client_id, effective_at, rate_unit, rate_cents,"
		" monthly_minimum_cents, currency, reseller_id, call_rate_cents, phone_rate_cents,"
		" event_rate_unit, event_rate_cents)"
		" VALUES (?, NOW(3), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[SQL_TERMS_BEFORE] =
		"SELECT rate_unit, rate_cents, monthly_minimum_cents, currency, reseller_id, call_rate_cents,"
		" phone_rate_cents, event_rate_unit, event_rate_cents"
		" FROM client_terms WHERE client_id = ? AND effective_at < ?"
		" ORDER BY effective_at DESC, id DESC LIMIT 1",
	[SQL_TERMS_FIRST] =
		"SELECT rate_unit, rate_cents, monthly_minimum_cents, currency, reseller_id, call_rate_cents,"
		" phone_rate_cents, event_rate_unit, event_rate_cents"
		" FROM client_terms WHERE client_id = ? ORDER BY effective_at, id LIMIT 1",
	[SQL_TERMS_HISTORY] =
		"SELECT DATE_FORMAT(t.effective_at, '%Y-%m-%d %H:%i'), t.rate_unit, t.rate_cents,"
		" t.monthly_minimum_cents, t.currency, r.slug, t.call_rate_cents, t.phone_rate_cents,"
		" t.event_rate_unit, t.event_rate_cents FROM client_terms t"
		" LEFT JOIN reseller r ON r.id = t.reseller_id WHERE t.client_id = ?"
		" ORDER BY t.effective_at DESC, t.id DESC LIMIT 100",
	[SQL_RESELLER_SUSPEND] =
		"UPDATE reseller SET suspended_at = IF(?, COALESCE(suspended_at, NOW(3)), NULL) WHERE id = ?",
	[SQL_RESELLER_REMOVE] = "UPDATE reseller SET removed_at = NOW(3) WHERE id = ? AND removed_at IS NULL",
	[SQL_RESELLER_SIGN_OUT] =
		"UPDATE staff_session s JOIN agent a ON a.id = s.agent_id SET s.ended_at = NOW(3)"
		" WHERE a.reseller_id = ? AND s.ended_at IS NULL",
	/* Removing a reseller: its accounts, and what they left behind. */
	[SQL_RESELLER_DELETE_SESSIONS] =
		"DELETE s FROM staff_session s JOIN agent a ON a.id = s.agent_id WHERE a.reseller_id = ?",
	[SQL_RESELLER_DELETE_SIGNINS] =
		"DELETE sa FROM signin_attempt sa JOIN agent a ON a.id = sa.agent_id WHERE a.reseller_id = ?",
	[SQL_RESELLER_DELETE_EVENTS] =
		"DELETE ev FROM agent_event ev JOIN agent a ON a.id = ev.agent_id WHERE a.reseller_id = ?",
	[SQL_RESELLER_DELETE_ACCOUNTS] = "DELETE FROM agent WHERE reseller_id = ?",
	/* The clients the reseller has now. */
	[SQL_RESELLER_CURRENT_CLIENTS] =
		"SELECT c.id, c.slug FROM client c WHERE (SELECT t.reseller_id FROM client_terms t"
		" WHERE t.client_id = c.id ORDER BY t.effective_at DESC, t.id DESC LIMIT 1) = ?",
	[SQL_SHARE_INSERT] =
		"INSERT INTO reseller_share (reseller_id, effective_at, share_percent)"
		" VALUES (?, NOW(3), ? / 100)",
	[SQL_SHARE_BEFORE] =
		"SELECT CAST(share_percent * 100 AS SIGNED) FROM reseller_share WHERE reseller_id = ?"
		" AND effective_at < ? ORDER BY effective_at DESC, id DESC LIMIT 1",
	[SQL_SHARE_FIRST] =
		"SELECT CAST(share_percent * 100 AS SIGNED) FROM reseller_share WHERE reseller_id = ?"
		" ORDER BY effective_at, id LIMIT 1",

	/* ---- accounts (lib/account.c) ---- */
	[SQL_ACCOUNT_BY_ID] =
		"SELECT a.id, a.client_id, a.email, a.display_name, a.role, a.disabled, a.max_sessions,"
		" a.reseller_id, a.password_hash <> '', c.slug FROM agent a JOIN client c ON c.id = a.client_id"
		" WHERE a.id = ?",
	[SQL_ACCOUNT_BY_EMAIL] =
		"SELECT a.id, a.client_id, a.email, a.display_name, a.role, a.disabled, a.max_sessions,"
		" a.reseller_id, a.password_hash <> '', c.slug FROM agent a JOIN client c ON c.id = a.client_id"
		" WHERE a.email = ?",
	/* The account's columns as above, then the link's id and kind. */
	[SQL_ACCOUNT_TOKEN_FIND] =
		"SELECT a.id, a.client_id, a.email, a.display_name, a.role, a.disabled, a.max_sessions,"
		" a.reseller_id, a.password_hash <> '', c.slug, t.id, t.kind FROM account_token t"
		" JOIN agent a ON a.id = t.agent_id JOIN client c ON c.id = a.client_id"
		" WHERE t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > NOW(3)"
		" AND a.disabled = 0 AND c.suspended_at IS NULL",
	[SQL_ACCOUNT_TOKEN_INSERT] =
		"INSERT INTO account_token (token_hash, agent_id, kind, created_at, expires_at)"
		" VALUES (?, ?, ?, NOW(3), NOW(3) + INTERVAL ? SECOND)",
	[SQL_ACCOUNT_TOKEN_USE] =
		"UPDATE account_token SET used_at = NOW(3) WHERE id = ? AND used_at IS NULL"
		" AND expires_at > NOW(3)",
	[SQL_ACCOUNT_TOKENS_VOID] =
		"UPDATE account_token SET used_at = NOW(3) WHERE agent_id = ? AND used_at IS NULL",
	[SQL_ACCOUNT_SET_PASSWORD] = "UPDATE agent SET password_hash = ? WHERE id = ?",
	[SQL_ACCOUNT_SET_ROLE] = "UPDATE agent SET role = ? WHERE id = ?",
	[SQL_ACCOUNT_SET_CAPACITY] = "UPDATE agent SET max_sessions = ? WHERE id = ?",
	[SQL_ACCOUNT_SET_DISABLED] = "UPDATE agent SET disabled = ? WHERE id = ?",
	[SQL_ACCOUNT_SET_NAME] = "UPDATE agent SET display_name = ? WHERE id = ?",
	[SQL_ACCOUNT_SET_AVATAR] = "UPDATE agent SET avatar = ? WHERE id = ?",
	[SQL_ACCOUNT_SET_PREFERENCES] =
		"UPDATE agent SET sound_offer = ?, sound_line = ?, sound_supervisor = ?, desktop_offer = ?,"
		" desktop_line = ?, desktop_supervisor = ? WHERE id = ?",
	/* The Profile page and every page's preferences for scripts. */
	[SQL_ACCOUNT_PROFILE] =
		"SELECT display_name, email, avatar, sound_offer, sound_line, sound_supervisor,"
		" desktop_offer, desktop_line, desktop_supervisor, totp_enabled_at IS NOT NULL,"
		" (SELECT COUNT(*) FROM recovery_code r WHERE r.agent_id = a.id AND r.used_at IS NULL)"
		" FROM agent a WHERE a.id = ?",
	[SQL_ACCOUNT_SESSIONS_END] =
		"UPDATE staff_session SET ended_at = NOW(3) WHERE agent_id = ? AND id <> ?"
		" AND ended_at IS NULL",
	[SQL_ACCOUNT_ADMINS_ACTIVE] =
		"SELECT COUNT(*) FROM agent WHERE client_id = ? AND role = 'admin' AND disabled = 0"
		" AND id <> ?",
	/* The Agents page: each account with its state, capacity and sessions
	 * open now, whether it has a password yet, its last sign-in, links
	 * waiting to be used, and (role reseller) its reseller. */
	[SQL_ACCOUNT_LIST] =
		"SELECT a.id, a.email, a.display_name, a.role, a.state, a.max_sessions, a.disabled,"
		" a.password_hash <> '', DATE_FORMAT(a.last_signin_at, '%Y-%m-%d %H:%i'), a.last_signin_ip,"
		" (SELECT COUNT(*) FROM account_token t WHERE t.agent_id = a.id AND t.used_at IS NULL"
		"  AND t.expires_at > NOW(3)),"
		" r.slug,"
		" (SELECT COUNT(*) FROM participant p JOIN channel ch ON ch.id = p.channel_id"
		"  WHERE p.agent_id = a.id AND p.kind = 'agent' AND p.left_at IS NULL AND ch.state = 'open'),"
		" a.totp_enabled_at IS NOT NULL,"
		" (SELECT ap.sip_user FROM agent_phone ap WHERE ap.agent_id = a.id),"
		" a.lang, a.digest_opt_out = 0"
		" FROM agent a LEFT JOIN reseller r ON r.id = a.reseller_id WHERE a.client_id = ?"
		" ORDER BY a.disabled, a.display_name, a.email",

	/* ---- sites (lib/admin_sites.c) ---- */
	[SQL_SITE_BY_ID] =
		"SELECT id, client_id, name, site_key, ask_question FROM site WHERE id = ?",
	[SQL_SITE_BY_KEY_ADMIN] =
		"SELECT id, client_id, name, site_key, ask_question FROM site WHERE site_key = ?",
	[SQL_SITE_RENAME] = "UPDATE site SET name = ? WHERE id = ?",
	[SQL_SITE_SET_ASK_QUESTION] = "UPDATE site SET ask_question = ? WHERE id = ?",
	[SQL_SITE_DOMAIN_COUNT] = "SELECT COUNT(*) FROM site_domain WHERE site_id = ?",
	[SQL_SITE_DOMAIN_DELETE] = "DELETE FROM site_domain WHERE site_id = ? AND domain = ?",
	[SQL_SITE_HITS_DELETE] = "DELETE FROM help_hit WHERE site_id = ?",
	[SQL_SITE_DELETE] = "DELETE FROM site WHERE id = ?",
	/* The Sites page: each site with its domains, whether visitors type a
	 * question, and whether it has a signing secret. */
	[SQL_SITES_ADMIN] =
		"SELECT s.id, s.name, s.site_key, (SELECT GROUP_CONCAT(d.domain ORDER BY d.domain)"
		" FROM site_domain d WHERE d.site_id = s.id), s.ask_question, s.secret IS NOT NULL,"
		" COALESCE(s.help_address, '')"
		" FROM site s WHERE s.client_id = ? ORDER BY s.id",

	/* ---- canned phrases and addresses (lib/admin_canned.c) ---- */
	[SQL_CANNED_PHRASE_BY_ID] =
		"SELECT id, client_id, agent_id, title, body FROM canned_phrase WHERE id = ?",
	[SQL_CANNED_PHRASE_UPDATE] = "UPDATE canned_phrase SET title = ?, body = ? WHERE id = ?",
	[SQL_CANNED_PHRASE_DELETE] = "DELETE FROM canned_phrase WHERE id = ?",
	[SQL_CANNED_PHRASE_LIST] =
		"SELECT id, agent_id, title, body FROM canned_phrase WHERE client_id = ?"
		" AND (agent_id IS NULL OR agent_id = ?) ORDER BY agent_id IS NOT NULL, title, id",
	[SQL_CANNED_ADDRESS_BY_ID] =
		"SELECT id, client_id, agent_id, title, url FROM canned_address WHERE id = ?",
	[SQL_CANNED_ADDRESS_UPDATE] = "UPDATE canned_address SET title = ?, url = ? WHERE id = ?",
	[SQL_CANNED_ADDRESS_DELETE] = "DELETE FROM canned_address WHERE id = ?",
	[SQL_CANNED_ADDRESS_LIST] =
		"SELECT id, agent_id, title, url FROM canned_address WHERE client_id = ?"
		" AND (agent_id IS NULL OR agent_id = ?) ORDER BY agent_id IS NOT NULL, title, id",

	/* ---- desk settings, hours, avatar rules (lib/admin_desk.c) ---- */
	/* In the order of desk_setting_names[]. */
	[SQL_CLIENT_DESK] =
		"SELECT seat_cap, accept_timeout_seconds, max_missed_offers, channel_participant_cap,"
		" wait_target_seconds, show_rooms, tell_visitors_monitored, COALESCE(greeting, ''),"
		" time_zone, panel_fields, supervisors_listen, overflow_after_minutes"
		" FROM client WHERE id = ?",
	[SQL_CLIENT_DESK_LOCK] =
		"SELECT seat_cap, accept_timeout_seconds, max_missed_offers, channel_participant_cap,"
		" wait_target_seconds, show_rooms, tell_visitors_monitored, COALESCE(greeting, ''),"
		" time_zone, panel_fields, supervisors_listen, overflow_after_minutes"
		" FROM client WHERE id = ? FOR UPDATE",
	[SQL_CLIENT_DESK_NAME] = "SELECT slug, name FROM client WHERE id = ?",
	[SQL_CLIENT_SET_GREETING] = "UPDATE client SET greeting = ? WHERE id = ?",
	[SQL_CLIENT_SET_TIME_ZONE] = "UPDATE client SET time_zone = ? WHERE id = ?",
	[SQL_CLIENT_SET_PANEL_FIELDS] = "UPDATE client SET panel_fields = ? WHERE id = ?",
	[SQL_CLIENT_SET_OVERFLOW_AFTER] = "UPDATE client SET overflow_after_minutes = ? WHERE id = ?",
	/* NULL for a zone the database's time zone tables do not know. */
	[SQL_TIME_ZONE_KNOWN] = "SELECT CONVERT_TZ('2000-01-01 12:00:00', '+00:00', ?)",
	[SQL_HOURS_CLEAR] = "DELETE FROM opening_hours WHERE client_id = ?",
	[SQL_HOURS_INSERT] =
		"INSERT INTO opening_hours (client_id, weekday, opens, closes) VALUES (?, ?, ?, ?)",
	[SQL_HOURS_LIST] =
		"SELECT weekday, TIME_FORMAT(opens, '%H:%i'), TIME_FORMAT(closes, '%H:%i')"
		" FROM opening_hours WHERE client_id = ? ORDER BY weekday, opens",
	/* Open with no hours set, or within one of today's ranges in the
	 * client's time zone (UTC when the database has no time zone tables). */
	[SQL_DESK_OPEN_NOW] =
		"SELECT NOT EXISTS (SELECT 1 FROM opening_hours h WHERE h.client_id = x.id)"
		" OR EXISTS (SELECT 1 FROM opening_hours h WHERE h.client_id = x.id"
		"  AND h.weekday = WEEKDAY(x.t) AND TIME(x.t) >= h.opens AND TIME(x.t) < h.closes)"
		" FROM (SELECT c.id, COALESCE(CONVERT_TZ(NOW(), '+00:00', c.time_zone), NOW()) AS t"
		"  FROM client c WHERE c.id = ?) x",
	[SQL_CLIENT_GREETING] = "SELECT greeting FROM client WHERE id = ?",
	[SQL_AVATAR_RULE_BY_ID] =
		"SELECT id, client_id, url_prefix, avatar FROM avatar_rule WHERE id = ?",
	[SQL_AVATAR_RULE_DELETE] = "DELETE FROM avatar_rule WHERE id = ?",
	[SQL_AVATAR_RULE_LIST] =
		"SELECT id, url_prefix, avatar FROM avatar_rule WHERE client_id = ? ORDER BY url_prefix, id",

	/* ---- the audit log and the refused-link log (lib/admin.c, lib/admin_logs.c) ---- */
	[SQL_AUDIT_INSERT] =
		"INSERT INTO audit_log (at, actor_agent_id, actor, actor_role, address, client_id,"
		" reseller_id, action, object, detail) VALUES (NOW(3), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[SQL_AUDIT_ALL] =
		"SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), a.actor, a.actor_role, a.address,"
		" c.slug, a.action, a.object, a.detail FROM audit_log a LEFT JOIN client c ON c.id = a.client_id"
		" WHERE a.id < ? ORDER BY a.id DESC LIMIT 100",
	[SQL_AUDIT_OF_CLIENT] =
		"SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), a.actor, a.actor_role, a.address,"
		" c.slug, a.action, a.object, a.detail FROM audit_log a LEFT JOIN client c ON c.id = a.client_id"
		" WHERE a.client_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT 100",
	[SQL_AUDIT_OF_RESELLER] =
		"SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), a.actor, a.actor_role, a.address,"
		" c.slug, a.action, a.object, a.detail FROM audit_log a LEFT JOIN client c ON c.id = a.client_id"
		" WHERE a.reseller_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT 100",
	[SQL_REFUSED_ALL] =
		"SELECT DATE_FORMAT(f.at, '%Y-%m-%d %H:%i:%s'), c.slug, s.name, f.site_key, f.referer,"
		" f.reason, f.ip FROM refused_link f LEFT JOIN client c ON c.id = f.client_id"
		" LEFT JOIN site s ON s.id = f.site_id ORDER BY f.id DESC LIMIT 200",
	[SQL_REFUSED_OF_CLIENT] =
		"SELECT DATE_FORMAT(f.at, '%Y-%m-%d %H:%i:%s'), c.slug, s.name, f.site_key, f.referer,"
		" f.reason, f.ip FROM refused_link f LEFT JOIN client c ON c.id = f.client_id"
		" LEFT JOIN site s ON s.id = f.site_id WHERE f.client_id = ? ORDER BY f.id DESC LIMIT 200",

	/* ---- the installation's health (cgi-bin/installation.c) ---- */
	[SQL_INSTALL_DATABASE] =
		"SELECT VERSION(), DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s'), @@hostname,"
		" CONVERT_TZ('2000-01-01 12:00:00', '+00:00', 'Europe/Berlin') IS NOT NULL",
	/* Waiting and offered requests, open sessions, staff signed in,
	 * clients, and mail not yet sent. */
	[SQL_INSTALL_COUNTS] =
		"SELECT (SELECT COUNT(*) FROM help_request WHERE state = 'waiting'),"
		" (SELECT COUNT(*) FROM help_request WHERE state = 'offered'),"
		" (SELECT COUNT(*) FROM channel WHERE state = 'open'),"
		" (SELECT COUNT(*) FROM agent WHERE state <> 'offline'),"
		" (SELECT COUNT(*) FROM client),"
		" (SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL)",
	/* The clients with anyone waiting or talking now, busiest first. */
	[SQL_INSTALL_QUEUES] =
		"SELECT c.slug, c.name,"
		" (SELECT COUNT(*) FROM help_request r WHERE r.client_id = c.id AND r.state = 'waiting'),"
		" (SELECT COUNT(*) FROM help_request r WHERE r.client_id = c.id AND r.state = 'offered'),"
		" (SELECT COUNT(*) FROM channel ch WHERE ch.client_id = c.id AND ch.state = 'open'),"
		" (SELECT COUNT(*) FROM agent a WHERE a.client_id = c.id AND a.state = 'available'),"
		" (SELECT TIMESTAMPDIFF(SECOND, MIN(r.created_at), NOW(3)) FROM help_request r"
		"  WHERE r.client_id = c.id AND r.state IN ('waiting', 'offered'))"
		" FROM client c WHERE EXISTS (SELECT 1 FROM help_request r WHERE r.client_id = c.id"
		"  AND r.state IN ('waiting', 'offered'))"
		" OR EXISTS (SELECT 1 FROM channel ch WHERE ch.client_id = c.id AND ch.state = 'open')"
		" ORDER BY 3 DESC, 5 DESC LIMIT 50",
};
