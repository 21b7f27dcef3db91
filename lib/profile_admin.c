/* profile_admin.c - levels, rules, skills and trying rules (profile_admin.h). */
#include "profile_admin.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "pool.h"

static const char *const channel_names[] = { "chat", "cobrowse", "video", "callback", "message" };

/* Whether list is comma-separated names, each passing valid(). */
static bool list_valid(struct pool *pool, const char *list, bool (*valid)(const char *))
{
	for (const char *p = list; *p; ) {
		size_t len = strcspn(p, ",");
		if (!valid(pool_strndup(pool, p, len)))
			return false;
		p += len + (p[len] == ',');
	}
	return true;
}

static bool channel_valid(const char *name)
{
	for (size_t i = 0; i < sizeof channel_names / sizeof channel_names[0]; i++)
		if (strcmp(name, channel_names[i]) == 0)
			return true;
	return false;
}

int profile_admin_level_set(struct admin_context *ac, long long client_id, const char *name,
			    const char *channels, const char *skill, const char *rank,
			    const char *target_seconds, const char *skip_overflow)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	long long rank_n = 0, target = 120, skip = 0;
	if (name == NULL || !profile_name_valid(name))
		return admin_refuse(ac, 400, "A level's name is 1-32 of a-z, 0-9, '-' and '_'.");
	if (channels == NULL || *channels == '\0' || !list_valid(ac->pool, channels, channel_valid))
		return admin_refuse(ac, 400, "A level offers some of: chat, cobrowse, video, callback, "
				    "message (comma-separated).");
	if (skill != NULL && *skill == '\0')
		skill = NULL;
	if (skill != NULL && !profile_name_valid(skill))
		return admin_refuse(ac, 400, "A skill's name is 1-32 of a-z, 0-9, '-' and '_'.");
	if ((rank && (status = admin_int(ac, "rank", rank, -1000, 1000, &rank_n)) != 0)
	    || (target_seconds
		&& (status = admin_int(ac, "target", target_seconds, 0, 86400, &target)) != 0)
	    || (skip_overflow
		&& (status = admin_int(ac, "skip_overflow", skip_overflow, 0, 1, &skip)) != 0))
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SERVICE_LEVEL_PUT, NULL, "isssiii", client_id, name, channels,
			     skill, target, skip, rank_n);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "level.set", pool_printf(ac->pool, "level %s", name),
				 "offers %s%s%s%s", channels, skill ? ", skill " : "", skill ? skill : "",
				 skip ? ", skips the overflow page" : "");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The level %s offers %s%s%s.", name, channels,
			  skill ? " by agents skilled in " : "", skill ? skill : "");
}

int profile_admin_level_delete(struct admin_context *ac, long long client_id, const char *name)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	unsigned long long gone = 0;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_SERVICE_LEVEL_DELETE, &gone, "is", client_id, name);
	if (rc == DB_OK && gone > 0)
		rc = admin_audit(ac, client_id, 0, "level.delete", pool_printf(ac->pool, "level %s", name),
				 "deleted");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	if (gone == 0)
		return admin_refuse(ac, 404, "There is no level %s.", name);
	return admin_done(ac, "The level %s is deleted.", name);
}

static int level_exists(struct admin_context *ac, long long client_id, const char *level, bool *found)
{
	struct db_rows levels;
	*found = false;
	int rc = db_query(ac->db, ac->pool, SQL_SERVICE_LEVELS, &levels, "i", client_id);
	for (size_t i = 0; rc == DB_OK && i < levels.rows; i++)
		*found |= strcmp(db_cell(&levels, i, 0), level) == 0;
	return rc;
}

int profile_admin_rule_add(struct admin_context *ac, long long client_id, const char *label,
			   const char *condition, const char *score, const char *level)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	int refused = 0;
	label = admin_text(ac, "label", INPUT_LINE, 100, label, true, &refused);
	if (refused)
		return refused;
	struct rule_condition cond;
	const char *error;
	if (profile_rule_parse(ac->pool, condition, &cond, &error) != 0)
		return admin_refuse(ac, 400, "The condition is not valid. %s", error);
	long long score_n = 0;
	if (score != NULL && *score && (status = admin_int(ac, "score", score, -1000, 1000, &score_n)) != 0)
		return status;
	if (level != NULL && *level == '\0')
		level = NULL;
	bool found = false;
	int rc = level ? level_exists(ac, client_id, level, &found) : DB_OK;
	if (rc != DB_OK)
		return rc;
	if (level != NULL && !found)
		return admin_refuse(ac, 400, "There is no level %s: make it first.", level);
	rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_PROFILE_RULE_INSERT, NULL, "issis", client_id, label, condition,
			     score_n, level);
	ac->new_id = (long long)db_last_insert_id(ac->db);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "rule.add", pool_printf(ac->pool, "rule %s", label),
				 "%s: score %lld, level %s", condition, score_n, level ? level : "none");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Rule %lld: when %s, score %+lld%s%s.", ac->new_id, condition, score_n,
			  level ? ", level " : "", level ? level : "");
}

int profile_admin_rule_delete(struct admin_context *ac, long long client_id, long long rule_id)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	unsigned long long gone = 0;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_PROFILE_RULE_DELETE, &gone, "ii", rule_id, client_id);
	if (rc == DB_OK && gone > 0)
		rc = admin_audit(ac, client_id, 0, "rule.delete", pool_printf(ac->pool, "rule %lld", rule_id),
				 "deleted");
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	if (gone == 0)
		return admin_refuse(ac, 404, "There is no rule %lld.", rule_id);
	return admin_done(ac, "Rule %lld is deleted.", rule_id);
}

/* One "field=value" of an example profile into facts; false if unknown. */
static bool example_field(struct pool *pool, const char *field, const char *value,
			  struct profile_facts *f)
{
	if (strcmp(field, "customer") == 0)
		f->customer = strcmp(value, "yes") == 0;
	else if (strcmp(field, "plan") == 0)
		f->plan = value;
	else if (strcmp(field, "orders") == 0)
		f->orders = strtoll(value, NULL, 10);
	else if (strcmp(field, "visits") == 0)
		f->visits = strtoll(value, NULL, 10);
	else if (strcmp(field, "visits_7d") == 0)
		f->visits_7d = strtoll(value, NULL, 10);
	else if (strcmp(field, "page") == 0)
		f->page = value;
	else if (strcmp(field, "topic") == 0)
		f->topic = value;
	else if (strcmp(field, "site") == 0)
		f->site = value;
	else if (strcmp(field, "question") == 0 && f->questions < 8)
		f->question_texts[f->questions++] = value;
	else if (strncmp(field, "event:", 6) == 0 && field[6] && f->events < 8) {
		f->event_names[f->events] = field + 6;
		f->event_counts[f->events++] = strtoll(value, NULL, 10);
	} else
		return false;
	(void)pool;
	return true;
}

int profile_admin_try(struct admin_context *ac, long long client_id, const char *example,
		      struct treatment *t)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	struct profile_facts f;
	memset(&f, 0, sizeof f);
	f.question_texts = pool_alloc(ac->pool, 8 * sizeof(char *));
	f.event_names = pool_alloc(ac->pool, 8 * sizeof(char *));
	f.event_counts = pool_alloc(ac->pool, 8 * sizeof(long long));
	char *copy = pool_strdup(ac->pool, example ? example : "");
	for (char *save = NULL, *word = strtok_r(copy, " \t\n", &save); word != NULL;
	     word = strtok_r(NULL, " \t\n", &save)) {
		char *eq = strchr(word, '=');
		if (eq != NULL)
			*eq = '\0';
		if (eq == NULL || !example_field(ac->pool, word, eq + 1, &f))
			return admin_refuse(ac, 400, "The example's '%s' is not FIELD=VALUE with a field "
					    "of: customer, plan, orders, visits, visits_7d, page, topic, "
					    "site, question, event:NAME.", word);
	}
	/* Topics count as asked, as on the help path. */
	if (f.topic != NULL && f.questions < 8)
		f.question_texts[f.questions++] = f.topic;
	int rc = profile_treat_facts(ac->db, ac->pool, client_id, &f, t);
	if (rc != DB_OK)
		return rc;
	return admin_done(ac, "level %s, score %+lld, rules: %s", t->level ? t->level : "(none: all channels)",
			  t->score, t->why ? t->why : "none matched");
}

int profile_admin_agent_skills(struct admin_context *ac, const char *email, const char *skills)
{
	struct db_rows agent;
	int rc = db_query(ac->db, ac->pool, SQL_AGENT_BY_EMAIL_ANY_CLIENT, &agent, "s", email);
	if (rc != DB_OK)
		return rc;
	if (agent.rows == 0)
		return admin_refuse(ac, 404, "There is no agent %s.", email);
	long long agent_id = db_cell_int(&agent, 0, 0), client_id = db_cell_int(&agent, 0, 1);
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	if (skills == NULL || strlen(skills) > 200 || (*skills && !list_valid(ac->pool, skills, profile_name_valid)))
		return admin_refuse(ac, 400, "Skills are names of a-z, 0-9, '-' and '_', comma-separated.");
	rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_AGENT_SET_SKILLS, NULL, "sii", skills, agent_id, client_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "agent.skills", pool_printf(ac->pool, "agent %s", email),
				 "skills %s", *skills ? skills : "none");
	if (rc == DB_OK)
		rc = admin_touch_queue(ac, client_id);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "%s now has the skills: %s.", email, *skills ? skills : "none");
}

int profile_admin_settings(struct admin_context *ac, long long client_id, const char *ageing_seconds,
			   const char *retention_days)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	long long ageing = 0, retention = 0;
	if ((status = admin_int(ac, "ageing", ageing_seconds, 0, 86400, &ageing)) != 0
	    || (status = admin_int(ac, "retention", retention_days, 1, 3650, &retention)) != 0)
		return status;
	int rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_CLIENT_SET_AGEING, NULL, "ii", ageing, client_id);
	if (rc == DB_OK)
		rc = db_exec(ac->db, SQL_CLIENT_SET_RETENTION, NULL, "ii", retention, client_id);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "profile.settings", "visitor profiles",
				 "ageing %lld s, retention %lld days", ageing, retention);
	if (rc == DB_OK)
		rc = admin_touch_queue(ac, client_id);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "Waiting visitors gain a priority point every %lld seconds%s; profiles' "
			  "trails are kept %lld days.", ageing, ageing ? "" : " (no ageing)", retention);
}

int profile_admin_delete(struct admin_context *ac, long long client_id,
			 const char *channel_public_id, const char *customer_ref)
{
	int status = admin_authorize(ac, POWER_ADMINISTER, client_id);
	if (status != 0)
		return status;
	struct db_rows visitors;
	int rc;
	if (channel_public_id != NULL) {
		rc = db_query(ac->db, ac->pool, SQL_NOTE_TARGET, &visitors, "s", channel_public_id);
		if (rc == DB_OK && (visitors.rows == 0 || db_cell_int(&visitors, 0, 0) != client_id
				    || db_cell(&visitors, 0, 1) == NULL))
			return admin_refuse(ac, 404, "There is no such conversation with a visitor.");
	} else if (customer_ref != NULL && *customer_ref) {
		rc = db_query(ac->db, ac->pool, SQL_PROFILE_VISITORS_OF_CUSTOMER, &visitors, "is", client_id,
			      customer_ref);
	} else {
		return admin_refuse(ac, 400, "Name the conversation or the customer whose profile goes.");
	}
	size_t column = channel_public_id != NULL ? 1 : 0;
	for (size_t i = 0; rc == DB_OK && i < visitors.rows; i++)
		rc = profile_delete(ac->db, client_id, db_cell_int(&visitors, i, column));
	if (rc == DB_OK && customer_ref != NULL && *customer_ref)
		rc = db_exec(ac->db, SQL_SITE_CUSTOMER_DELETE, NULL, "is", client_id, customer_ref);
	if (rc == DB_OK && customer_ref != NULL && *customer_ref)
		rc = db_exec(ac->db, SQL_PROFILE_DELETE_CUSTOMER_EVENTS, NULL, "is", client_id, customer_ref);
	if (rc == DB_OK)
		rc = admin_begin(ac);
	if (rc == DB_OK)
		rc = admin_audit(ac, client_id, 0, "profile.delete", "a visitor's profile", "%s %s",
				 channel_public_id ? "the visitor of conversation" : "customer",
				 channel_public_id ? channel_public_id : customer_ref);
	if ((rc = admin_finish(ac, rc)) != 0)
		return rc;
	return admin_done(ac, "The profile is deleted (%zu visitor%s).", visitors.rows,
			  visitors.rows == 1 ? "" : "s");
}
