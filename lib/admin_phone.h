/* admin_phone.h - the call centre's administrative actions: a client's
 * telephony settings (lib/phone_line.h) and its agents' desk phones
 * (lib/agent_phone.h), authorized, checked and audited as admin.h says, for
 * the Telephony page (cgi-bin/telephony.c) and tools/baton-admin alike. */
#ifndef BATON_ADMIN_PHONE_H
#define BATON_ADMIN_PHONE_H

#include <stdbool.h>

#include "admin.h"
#include "phone_line.h"

struct pool;

/* Settings of phone_line_settings[] from their text ("none" or "" clears
 * the optional ones), in one transaction; values equal to the present ones
 * are no change. The client's administrators set the calling hours, time
 * zone, country, retries, ring and announcement times, message length and
 * greeting; the help number, caller ID, countries called and phone rate
 * are the operator's (admin_phone_operator_setting). A new phone rate
 * also goes into the terms' history (lib/terms.h). */
int admin_phone_update(struct admin_context *ac, long long client_id, const char *const *names,
		       const char *const *values, int count);
int admin_phone_set(struct admin_context *ac, long long client_id, const char *setting,
		    const char *value);
bool admin_phone_operator_setting(const char *setting);
/* A setting's value as the form shows it and phone_line_set reads it back
 * ("" for none); NULL for an unknown name. */
const char *admin_phone_setting_text(struct pool *pool, const struct phone_line *line,
				     const char *setting);
/* The client's settings, for its administrators: 0, or a refusal. */
int admin_phone_load(struct admin_context *ac, long long client_id, struct phone_line *out);

/* An agent's desk phone: on, a new SIP account (*user_out, and its
 * password in ac->link, to be shown once); off, calls ring the browser's
 * phone again. The client's administrators' (the page: cgi-bin/agents.c). */
int admin_desk_phone(struct admin_context *ac, long long agent_id, bool on, const char **user_out);

#endif
