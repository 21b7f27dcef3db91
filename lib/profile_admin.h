/* profile_admin.h - a client's administrator sets service levels, rules and
 * agents' skills, and tries the rules on an example profile. The browser
 * (cgi-bin/rules.c) and baton-admin (level, rule, agent skills) call these
 * same functions: one validation, one authorization, one audit. Each returns
 * 0 with ac->message, a 4xx with the reason in ac->message, or a negative
 * db_status. */
#ifndef BATON_PROFILE_ADMIN_H
#define BATON_PROFILE_ADMIN_H

#include "admin.h"
#include "profile.h"

/* channels: comma-separated of chat, cobrowse, video, callback, message;
 * skill NULL or "" for none; skip_overflow "1": its visitors are queued
 * even when the desk is overloaded (lib/overflow.h), "0" or NULL: not. */
int profile_admin_level_set(struct admin_context *ac, long long client_id, const char *name,
			    const char *channels, const char *skill, const char *rank,
			    const char *target_seconds, const char *skip_overflow);
int profile_admin_level_delete(struct admin_context *ac, long long client_id, const char *name);

/* A rule: its condition must parse (lib/profile_rules.h), its level (NULL
 * or "" for none) must be one of the client's. */
int profile_admin_rule_add(struct admin_context *ac, long long client_id, const char *label,
			   const char *condition, const char *score, const char *level);
int profile_admin_rule_delete(struct admin_context *ac, long long client_id, long long rule_id);

/* What the client's rules make of an example profile, e.g.
 * "customer=yes plan=gold orders=3 visits_7d=6 page=/pricing topic=billing
 * event:cart=2": ac->message says the level, score and matching rules, and
 * *t holds them. */
int profile_admin_try(struct admin_context *ac, long long client_id, const char *example,
		      struct treatment *t);

/* The queue's ageing (a waiting visitor gains a priority point per this
 * many seconds; 0: none) and how many days profiles' trails are kept. */
int profile_admin_settings(struct admin_context *ac, long long client_id, const char *ageing_seconds,
			   const char *retention_days);

/* The client's administrator deletes a visitor's profile (lib/profile.h's
 * profile_delete): the visitor of a conversation (channel_public_id), or
 * every visitor a signed link named as customer_ref, with what the site
 * reported of that customer. */
int profile_admin_delete(struct admin_context *ac, long long client_id,
			 const char *channel_public_id, const char *customer_ref);

/* An agent's skills: comma-separated names (lib/profile_rules.h's). */
int profile_admin_agent_skills(struct admin_context *ac, const char *email, const char *skills);

#endif
