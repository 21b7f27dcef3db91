/* config.c - parses "key = value" lines; unknown keys and bad values stop
 * the program at start-up, so a typo never silently runs with a default. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->db_host, sizeof cfg->db_host, "localhost");
	cfg->db_port = 3306;
	snprintf(cfg->db_user, sizeof cfg->db_user, "baton");
	snprintf(cfg->db_name, sizeof cfg->db_name, "baton");
	cfg->db_connect_timeout = 3;
	snprintf(cfg->templates_dir, sizeof cfg->templates_dir, "%s", BATON_DEFAULT_TEMPLATES);
	snprintf(cfg->schema_dir, sizeof cfg->schema_dir, "%s", BATON_DEFAULT_SCHEMA);
	cfg->max_body_bytes = 64 * 1024;
	cfg->watch_interval_ms = 250;
	cfg->poll_hold_seconds = 25;
	cfg->poll_max_waiters = 50000;
	cfg->poll_processes = 1;
	cfg->session_idle_minutes = 120;
	cfg->session_max_hours = 12;
	cfg->password_iterations = 600000;
	cfg->secure_cookies = SECURE_COOKIES_AUTO;
	cfg->trust_forwarded_for = false;
	cfg->signin_free_failures_per_account = 5;
	cfg->signin_free_failures_per_ip = 20;
	cfg->signin_max_delay_seconds = 900;
	cfg->invitation_hours = 72;
	cfg->reset_hours = 24;
	cfg->signin_free_failures_account_wide = 50;
	cfg->signin_account_max_delay_seconds = 30;
	cfg->frame_check_private_addresses = false;
	cfg->visitor_lead_anywhere = false;
	cfg->help_requests_per_address_per_minute = 10;
	cfg->help_requests_per_visitor_per_hour = 10;
	cfg->help_open_requests_per_address = 5;
	cfg->abandon_after_seconds = 90;
	cfg->mail_transport = MAIL_TRANSPORT_SENDMAIL;
	snprintf(cfg->sendmail_command, sizeof cfg->sendmail_command, "/usr/sbin/sendmail");
	snprintf(cfg->mail_from_name, sizeof cfg->mail_from_name, "Baton");
	cfg->smtp_port = 587;
	cfg->smtp_security = SMTP_STARTTLS;
	cfg->smtp_verify = true;
	cfg->smtp_timeout_seconds = 60;
	cfg->mail_give_up_hours = 48;
	cfg->mail_interval_ms = 1000;
	cfg->mail_in_max_bytes = 10 * 1024 * 1024;
	cfg->mail_in_attachments = MAIL_ATTACHMENTS_KEEP;
	cfg->mail_acknowledge = true;
	cfg->signin_alerts = true;
	cfg->appointment_reminder_minutes = 60;
	cfg->appointment_grace_minutes = 15;
	cfg->appointment_minutes = 30;
	cfg->digest_weekday = 1;
	cfg->digest_hour = 7;
	cfg->turn_credential_seconds = 600;
	snprintf(cfg->sip_domain, sizeof cfg->sip_domain, "baton.invalid");
	snprintf(cfg->sip_proxy, sizeof cfg->sip_proxy, "127.0.0.1:5060");
	snprintf(cfg->sip_ws_url, sizeof cfg->sip_ws_url, "/sip-ws");
	snprintf(cfg->dialer_name, sizeof cfg->dialer_name, "dialer");
	snprintf(cfg->dialer_listen, sizeof cfg->dialer_listen, "127.0.0.1:5070");
	snprintf(cfg->dialer_media_address, sizeof cfg->dialer_media_address, "127.0.0.1");
	snprintf(cfg->prompts_dir, sizeof cfg->prompts_dir, "%s", BATON_DEFAULT_PROMPTS);
	snprintf(cfg->translate_pivots, sizeof cfg->translate_pivots, "%s", "spa eng cat");
	cfg->translate_timeout_ms = 4000;
	cfg->translate_typing = 1;
}

const char *config_path(void)
{
	const char *p = getenv("BATON_CONF");
	return (p != NULL && *p != '\0') ? p : BATON_DEFAULT_CONF;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int set_string(char *dst, size_t size, const char *value)
{
	if (strlen(value) >= size)
		return -1;
	memcpy(dst, value, strlen(value) + 1);
	return 0;
}

static int set_int(int *dst, const char *value, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < min || v > max)
		return -1;
	*dst = (int)v;
	return 0;
}

static int set_bool(bool *dst, const char *value)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
		*dst = true;
	else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
		*dst = false;
	else
		return -1;
	return 0;
}

#define STRING_SETTING(key, field) \
	if (strcmp(name, key) == 0) \
		return set_string(cfg->field, sizeof cfg->field, value)
#define INT_SETTING(key, field, min, max) \
	if (strcmp(name, key) == 0) \
		return set_int(&cfg->field, value, min, max)

/* One of several words; returns its index, or -1. */
static int word_index(const char *value, const char *const *words)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(value, words[i]) == 0)
			return i;
	return -1;
}

#define WORD_SETTING(key, field, ...) \
	if (strcmp(name, key) == 0) { \
		static const char *const words_[] = { __VA_ARGS__, NULL }; \
		int i_ = word_index(value, words_); \
		if (i_ < 0) \
			return -1; \
		cfg->field = i_; \
		return 0; \
	}

/* The mail settings: 0, -1 for a bad value, -2 for an unknown key. */
static int config_set_mail(struct config *cfg, const char *name, const char *value)
{
	STRING_SETTING("mail_domain", mail_domain);
	STRING_SETTING("mail_from", mail_from);
	STRING_SETTING("mail_from_name", mail_from_name);
	WORD_SETTING("mail_transport", mail_transport, "sendmail", "smtp");
	STRING_SETTING("sendmail_command", sendmail_command);
	STRING_SETTING("smtp_host", smtp_host);
	INT_SETTING("smtp_port", smtp_port, 1, 65535);
	WORD_SETTING("smtp_security", smtp_security, "starttls", "tls", "none");
	STRING_SETTING("smtp_user", smtp_user);
	STRING_SETTING("smtp_password", smtp_password);
	STRING_SETTING("smtp_ca_file", smtp_ca_file);
	if (strcmp(name, "smtp_verify") == 0)
		return set_bool(&cfg->smtp_verify, value);
	INT_SETTING("smtp_timeout_seconds", smtp_timeout_seconds, 5, 600);
	INT_SETTING("mail_give_up_hours", mail_give_up_hours, 1, 24 * 30);
	INT_SETTING("mail_interval_ms", mail_interval_ms, 100, 60000);
	if (strcmp(name, "mail_in_max_bytes") == 0) {
		int v;
		if (set_int(&v, value, 4096, 100 * 1024 * 1024) != 0)
			return -1;
		cfg->mail_in_max_bytes = v;
		return 0;
	}
	WORD_SETTING("mail_in_attachments", mail_in_attachments, "keep", "drop", "refuse");
	if (strcmp(name, "mail_acknowledge") == 0)
		return set_bool(&cfg->mail_acknowledge, value);
	STRING_SETTING("operator_email", operator_email);
	if (strcmp(name, "signin_alerts") == 0)
		return set_bool(&cfg->signin_alerts, value);
	INT_SETTING("appointment_reminder_minutes", appointment_reminder_minutes, 5, 7 * 24 * 60);
	INT_SETTING("appointment_grace_minutes", appointment_grace_minutes, 1, 24 * 60);
	INT_SETTING("appointment_minutes", appointment_minutes, 5, 8 * 60);
	INT_SETTING("digest_weekday", digest_weekday, 0, 6);
	INT_SETTING("digest_hour", digest_hour, 0, 23);
	return -2;
}

/* Returns 0, -1 for a bad value, -2 for an unknown key. */
static int config_set(struct config *cfg, const char *name, const char *value)
{
	STRING_SETTING("db_host", db_host);
	INT_SETTING("db_port", db_port, 1, 65535);
	STRING_SETTING("db_socket", db_socket);
	STRING_SETTING("db_user", db_user);
	STRING_SETTING("db_password", db_password);
	STRING_SETTING("db_name", db_name);
	INT_SETTING("db_connect_timeout", db_connect_timeout, 1, 60);
	STRING_SETTING("templates_dir", templates_dir);
	STRING_SETTING("schema_dir", schema_dir);
	STRING_SETTING("log_file", log_file);
	STRING_SETTING("public_url", public_url);
	STRING_SETTING("notify_name", notify_name);
	INT_SETTING("watch_interval_ms", watch_interval_ms, 10, 10000);
	INT_SETTING("poll_hold_seconds", poll_hold_seconds, 0, 50);
	INT_SETTING("poll_max_waiters", poll_max_waiters, 1, 1000000);
	INT_SETTING("poll_processes", poll_processes, 1, 64);
	INT_SETTING("session_idle_minutes", session_idle_minutes, 1, 7 * 24 * 60);
	INT_SETTING("session_max_hours", session_max_hours, 1, 30 * 24);
	INT_SETTING("password_iterations", password_iterations, 100000, 100000000);
	INT_SETTING("signin_free_failures_per_account", signin_free_failures_per_account, 1, 1000);
	INT_SETTING("signin_free_failures_per_ip", signin_free_failures_per_ip, 1, 100000);
	INT_SETTING("signin_max_delay_seconds", signin_max_delay_seconds, 1, 86400);
	INT_SETTING("invitation_hours", invitation_hours, 1, 30 * 24);
	INT_SETTING("reset_hours", reset_hours, 1, 7 * 24);
	INT_SETTING("signin_free_failures_account_wide", signin_free_failures_account_wide, 1, 1000000);
	INT_SETTING("signin_account_max_delay_seconds", signin_account_max_delay_seconds, 1, 3600);
	INT_SETTING("help_requests_per_address_per_minute", help_requests_per_address_per_minute, 1,
		    1000000);
	INT_SETTING("help_requests_per_visitor_per_hour", help_requests_per_visitor_per_hour, 1, 1000000);
	INT_SETTING("help_open_requests_per_address", help_open_requests_per_address, 1, 1000000);
	/* Longer than the waiting page's 5 s refresh many times over, so a
	 * page that refreshes is never taken for one that was closed. */
	INT_SETTING("abandon_after_seconds", abandon_after_seconds, 30, 86400);
	STRING_SETTING("turn_urls", turn_urls);
	STRING_SETTING("stun_urls", stun_urls);
	STRING_SETTING("turn_secret", turn_secret);
	INT_SETTING("turn_credential_seconds", turn_credential_seconds, 1, 86400);
	STRING_SETTING("sip_domain", sip_domain);
	STRING_SETTING("sip_proxy", sip_proxy);
	STRING_SETTING("sip_ws_url", sip_ws_url);
	STRING_SETTING("dialer_name", dialer_name);
	STRING_SETTING("dialer_listen", dialer_listen);
	STRING_SETTING("dialer_media_address", dialer_media_address);
	INT_SETTING("dialer_rtp_port_min", dialer_rtp_port_min, 0, 65534);
	INT_SETTING("dialer_rtp_port_max", dialer_rtp_port_max, 0, 65535);
	INT_SETTING("dialer_clock_offset", dialer_clock_offset, -366 * 86400, 366 * 86400);
	STRING_SETTING("prompts_dir", prompts_dir);
	STRING_SETTING("sip_auth_secret", sip_auth_secret);
	STRING_SETTING("translate_url", translate_url);
	STRING_SETTING("translate_pivots", translate_pivots);
	INT_SETTING("translate_timeout_ms", translate_timeout_ms, 100, 60000);
	INT_SETTING("translate_typing", translate_typing, 0, 1);
	if (strcmp(name, "max_body_bytes") == 0) {
		int v;
		if (set_int(&v, value, 1024, 16 * 1024 * 1024) != 0)
			return -1;
		cfg->max_body_bytes = v;
		return 0;
	}
	if (strcmp(name, "call_relay_only") == 0)
		return set_bool(&cfg->call_relay_only, value);
	if (strcmp(name, "trust_forwarded_for") == 0)
		return set_bool(&cfg->trust_forwarded_for, value);
	if (strcmp(name, "frame_check_private_addresses") == 0)
		return set_bool(&cfg->frame_check_private_addresses, value);
	if (strcmp(name, "visitor_lead_anywhere") == 0)
		return set_bool(&cfg->visitor_lead_anywhere, value);
	int mail = config_set_mail(cfg, name, value);
	if (mail != -2)
		return mail;
	if (strcmp(name, "secure_cookies") == 0) {
		if (strcmp(value, "auto") == 0)
			cfg->secure_cookies = SECURE_COOKIES_AUTO;
		else if (strcmp(value, "always") == 0)
			cfg->secure_cookies = SECURE_COOKIES_ALWAYS;
		else if (strcmp(value, "never") == 0)
			cfg->secure_cookies = SECURE_COOKIES_NEVER;
		else
			return -1;
		return 0;
	}
	return -2;
}

int config_load(struct config *cfg, const char *path, char *err, int errlen)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, (size_t)errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char line[1024];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, (size_t)errlen, "%s:%d: line too long", path, lineno);
			rc = -1;
			break;
		}
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			snprintf(err, (size_t)errlen, "%s:%d: expected 'key = value'", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		char *name = trim(s), *value = trim(eq + 1);
		int r = config_set(cfg, name, value);
		if (r == -2) {
			snprintf(err, (size_t)errlen, "%s:%d: unknown setting '%s'", path, lineno, name);
			rc = -1;
			break;
		}
		if (r != 0) {
			snprintf(err, (size_t)errlen, "%s:%d: bad value for '%s'", path, lineno, name);
			rc = -1;
			break;
		}
	}
	fclose(f);
	return rc;
}
