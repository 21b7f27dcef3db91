/* invite_mail.c - invitations by e-mail (invite_mail.h). */
#include "invite_mail.h"

#include "db.h"
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
	(void)db;
	(void)cfg;
	(void)pool;
	(void)m;
	/* This is where mail_queue_add() (issue 13) goes, with kind
	 * "room_invitation", the subject and text above, and
	 * auto_submitted "auto-generated". Until Baton sends mail, say so. */
	*queued = false;
	*note = "This installation does not send e-mail yet: copy the link and send it yourself.";
	return DB_OK;
}
