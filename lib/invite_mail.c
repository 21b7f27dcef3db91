/* invite_mail.c - invitations by e-mail (invite_mail.h). */
#include "invite_mail.h"

#include "db.h"
#include "mail_queue.h"
#include "pool.h"

const char *invitation_mail_subject(struct pool *pool, const struct invitation_mail *m)
{
	return pool_printf(pool, "%s invites you to join them: %s", m->from_name, m->room);
}

const char *invitation_mail_text(struct pool *pool, const struct invitation_mail *m)
{
	return pool_printf(pool,
			   "Hello%s%s,\n\n"
			   "%s invites you to join a live session with them: %s.\n\n"
			   "Open this link in your web browser to join (nothing to install):\n\n"
			   "    %s\n\n"
			   "The link works for a limited time. If you did not expect it, you may\n"
			   "ignore this message.\n",
			   m->to_name ? " " : "", m->to_name ? m->to_name : "", m->from_name, m->room,
			   m->link);
}

int invitation_mail_queue(struct db *db, const struct config *cfg, struct pool *pool,
			  const struct invitation_mail *m, bool *queued, const char **note)
{
	*queued = false;
	*note = NULL;
	/* From stays Baton's own name: whoever invites (a visitor too) names
	 * themselves in the subject and text, never as the sender. */
	struct mail mail = {
		.kind = "room_invitation", .client_id = m->client_id,
		.to = m->to, .to_name = m->to_name, .auto_submitted = "auto-generated",
		.subject = invitation_mail_subject(pool, m), .text = invitation_mail_text(pool, m),
	};
	int rc = mail_queue_add(db, cfg, pool, &mail, NULL, NULL);
	if (rc == MAIL_BAD_MESSAGE) {
		/* The link exists all the same, to pass on by hand. */
		*note = "Mail cannot be sent to this address: copy the link and send it yourself.";
		return DB_OK;
	}
	*queued = rc == DB_OK;
	return rc;
}
