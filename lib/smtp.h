/* smtp.h - hands one message to an SMTP relay (a smarthost): STARTTLS or
 * TLS from the start, the certificate checked against the host name, AUTH
 * PLAIN or LOGIN only over TLS, then MAIL, RCPT and DATA. Every step waits
 * at most smtp_timeout_seconds. */
#ifndef BATON_SMTP_H
#define BATON_SMTP_H

#include <stddef.h>

struct config;

/* How a hand-over ended, for the queue: sent, try again later, or never
 * (and whether the recipient itself was refused: the address is bad). */
enum mail_outcome { MAIL_SENT, MAIL_TEMPORARY, MAIL_PERMANENT, MAIL_RECIPIENT_REFUSED };

/* Sends content (the whole message, CRLF line ends) from the envelope
 * sender to one recipient through the relay in cfg. On failure writes what
 * went wrong (the relay's own words where it gave any) into error. */
enum mail_outcome smtp_send(const struct config *cfg, const char *helo_domain, const char *from,
			    const char *to, const char *content, size_t len, char *error,
			    size_t errlen);

#endif
