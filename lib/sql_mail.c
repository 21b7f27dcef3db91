/* sql_mail.c - SQL texts for e-mail: the outgoing queue and its sender,
 * incoming mail, message threads, appointments' mail, alerts and digests.
 * Part of the statement catalogue: see sql.h and sql.c. */
#include "sql.h"

const char *const sql_texts_mail[SQL__MAX] = {
	[SQL_MAIL_INSERT] =
		"INSERT INTO mail_message (client_id, kind, request_id, recipient, envelope_from,"
		" message_id, subject, content, next_attempt_at, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW(3), NOW(3))",
};
