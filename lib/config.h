/* config.h - baton.conf: every setting, its default and its limits.
 * conf/baton.conf.example documents each key for administrators. */
#ifndef BATON_CONFIG_H
#define BATON_CONFIG_H

#include <stdbool.h>

enum secure_cookies { SECURE_COOKIES_AUTO, SECURE_COOKIES_ALWAYS, SECURE_COOKIES_NEVER };

struct config {
	char db_host[256];
	int db_port;
	char db_socket[512];
	char db_user[128];
	char db_password[256];
	char db_name[128];
	int db_connect_timeout;

	char templates_dir[512];
	char log_file[512];
	char public_url[256];
	char notify_name[64];
	int watch_interval_ms;
	int poll_hold_seconds;
	int poll_max_waiters;

	long max_body_bytes;
	int session_idle_minutes;
	int session_max_hours;
	int password_iterations;
	enum secure_cookies secure_cookies;
	bool trust_forwarded_for;

	int signin_free_failures_per_account;
	int signin_free_failures_per_ip;
	int signin_max_delay_seconds;

	int signin_free_failures_account_wide;
	int signin_account_max_delay_seconds;

	bool frame_check_private_addresses;
	bool visitor_lead_anywhere;

	int help_requests_per_address_per_minute;
	int help_requests_per_visitor_per_hour;
	int help_open_requests_per_address;
	int abandon_after_seconds;
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
};

/* Default path when BATON_CONF is not set. */
#ifndef BATON_DEFAULT_CONF
#define BATON_DEFAULT_CONF "/etc/baton/baton.conf"
#endif

void config_defaults(struct config *cfg);
/* Reads path over the defaults. On error writes a one-line reason into
 * err (e.g. "baton.conf:12: unknown setting 'db_pasword'") and returns -1. */
int config_load(struct config *cfg, const char *path, char *err, int errlen);
/* The file named by $BATON_CONF, or the default path. */
const char *config_path(void);

#endif
