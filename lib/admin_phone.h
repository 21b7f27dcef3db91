/* admin_phone.h - the call centre's administrative actions: a client's
 * telephony settings (lib/phone_line.h) and its agents' desk phones
 * (lib/agent_phone.h), authorized, checked and audited as admin.h says, for
 * the Telephony page (cgi-bin/telephony.c) and tools/baton-admin alike. */
#ifndef BATON_ADMIN_PHONE_H
#define BATON_ADMIN_PHONE_H

#include <stdbool.h>

#include "admin.h"
#include "phone_line.h"

/* One setting of phone_line_settings[] from its text ("none" clears the
 * optional ones). The client's administrators set all but rate_cents (what
 * a minute on the phone costs), which is the operator's, as other rates. */
int admin_phone_set(struct admin_context *ac, long long client_id, const char *setting,
		    const char *value);
/* The client's settings, for its administrators: 0, or a refusal. */
int admin_phone_load(struct admin_context *ac, long long client_id, struct phone_line *out);

/* An agent's desk phone: on, a new SIP account (user and password in
 * ac->link_label, shown once); off, calls ring the browser's phone again. */
int admin_desk_phone(struct admin_context *ac, long long agent_id, bool on);

#endif
