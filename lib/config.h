/* config.h - baton.conf: every setting, its default and its limits.
 * conf/baton.conf.example documents each key for administrators. */
#ifndef BATON_CONFIG_H
#define BATON_CONFIG_H

#include <stdbool.h>

/* The version and the installed paths (BATON_DEFAULT_*), made by the
 * Makefile from PREFIX and friends. */
#include "build.h"

enum secure_cookies { SECURE_COOKIES_AUTO, SECURE_COOKIES_ALWAYS, SECURE_COOKIES_NEVER };
enum mail_transport { MAIL_TRANSPORT_SENDMAIL, MAIL_TRANSPORT_SMTP };
enum smtp_security { SMTP_STARTTLS, SMTP_TLS, SMTP_PLAIN };
/* What incoming mail's attachments become: kept with the message, dropped
 * (the text is kept, a note says what was left out), or the whole message
 * refused. */
enum mail_attachments { MAIL_ATTACHMENTS_KEEP, MAIL_ATTACHMENTS_DROP, MAIL_ATTACHMENTS_REFUSE };

struct config {
	char db_host[256];
	int db_port;
	char db_socket[512];
	char db_user[128];
	char db_password[256];
	char db_name[128];
	int db_connect_timeout;

	char templates_dir[512];
	char schema_dir[512];
	char log_file[512];
	char public_url[256];
	char notify_name[64];
	int watch_interval_ms;
	int poll_hold_seconds;
	int poll_max_waiters;
	int poll_processes;     /* poll programs per host (each holds its share) */

	long max_body_bytes;
	int session_idle_minutes;
	int session_max_hours;
	int password_iterations;
	enum secure_cookies secure_cookies;
	bool trust_forwarded_for;

	int signin_free_failures_per_account;
	int signin_free_failures_per_ip;
	int signin_max_delay_seconds;

	int invitation_hours;      /* how long a link to set a first password works */
	int reset_hours;           /* how long a password reset link works */
	int signin_free_failures_account_wide;
	int signin_account_max_delay_seconds;

	bool frame_check_private_addresses;
	bool visitor_lead_anywhere;

	int help_requests_per_address_per_minute;
	int help_requests_per_visitor_per_hour;
	int help_open_requests_per_address;
	int abandon_after_seconds;

	/* E-mail in and out (lib/mail_*.c, tools/baton-mailer, tools/baton-mail-in). */
	char mail_domain[254];
	char mail_from[254];
	char mail_from_name[128];
	enum mail_transport mail_transport;
	char sendmail_command[512];
	char smtp_host[256];
	int smtp_port;
	enum smtp_security smtp_security;
	char smtp_user[254];
	char smtp_password[256];
	char smtp_ca_file[512];
	bool smtp_verify;
	int smtp_timeout_seconds;
	int mail_give_up_hours;
	int mail_interval_ms;
	long mail_in_max_bytes;
	enum mail_attachments mail_in_attachments;
	bool mail_acknowledge;
	char operator_email[254];
	bool signin_alerts;
	int appointment_reminder_minutes;
	int appointment_grace_minutes;
	int appointment_minutes;
	int digest_weekday;
	int digest_hour;
	/* Calls (lib/turn.c): TURN and STUN servers for the browsers, and the
	 * secret shared with the TURN server for short-lived credentials. */
	char turn_urls[1024];
	char stun_urls[512];
	char turn_secret[256];
	int turn_credential_seconds;
	bool call_relay_only;
	/* The call centre: the SIP proxy, the dialer, the browsers' phone. */
	char sip_domain[128];
	char sip_proxy[64];
	char sip_ws_url[256];
	char dialer_name[64];
	char dialer_listen[64];
	char dialer_media_address[64];
	int dialer_rtp_port_min;
	int dialer_rtp_port_max;
	int dialer_clock_offset;
	char prompts_dir[512];
	char sip_auth_secret[128];
	/* Translation (lib/translate.c): the engine's address, the languages
	 * tried in turn as a pivot where no direct pair exists, and how long
	 * a line waits for its translation. */
	char translate_url[256];
	char translate_pivots[128];
	int translate_timeout_ms;
	/* 1: a visitor's typing preview reaches staff of another language a
	 * finished sentence at a time, translated; 0: as typed (lib/typing_lang.c). */
	int translate_typing;
};

void config_defaults(struct config *cfg);
/* Reads path over the defaults. On error writes a one-line reason into
 * err (e.g. "baton.conf:12: unknown setting 'db_pasword'") and returns -1. */
int config_load(struct config *cfg, const char *path, char *err, int errlen);
/* The file named by $BATON_CONF, or the default path (BATON_DEFAULT_CONF). */
const char *config_path(void);

#endif
