/* setup_conf.h - the public address and mail settings the first-run setup
 * asks for, turned into the lines of baton.conf that set them.
 *
 * The setup page does not write the configuration itself: the file belongs
 * to root (the package makes it root:baton 0640) and holds the database
 * password and the command the mailer runs (sendmail_command), so a web
 * program that could write it could be made to run commands or take the
 * database over. The page checks the values and shows the operator the
 * exact lines to put into the file the programs read. */
#ifndef BATON_SETUP_CONF_H
#define BATON_SETUP_CONF_H

struct admin_context;

struct setup_settings {
	const char *public_url;      /* https://help.example.com (NULL: leave it) */
	const char *mail_domain;     /* the domain of Baton's own addresses */
	const char *mail_from;       /* the From address of Baton's mail */
	const char *operator_email;  /* told of help links on unregistered domains */
};

/* Checks the settings (the public address an http or https origin, no
 * path; the domain a host name; the addresses checked already as e-mail
 * addresses) and sets *public_url to the address as baton.conf takes it
 * (NULL when none was given) and *lines to the lines of baton.conf whose
 * values differ from ac->cfg's ("" when none do). 0, or 400 with the
 * reason in ac->message. */
int setup_conf_lines(struct admin_context *ac, const struct setup_settings *s,
		     const char **public_url, const char **lines);

#endif
