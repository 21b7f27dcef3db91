/* rules - a client's administrator sets what visitors are offered: service
 * levels (channels, the skill their agents need, a target answer time),
 * rules on visitors' profiles giving a score and a level, each tried on the
 * spot against an example profile, agents' skills, and the queue's ageing
 * and the profiles' retention, and deletes a visitor's profile (from the
 * visitor panel, or by the site's customer reference). Every form calls lib/profile_admin.c, as
 * baton-admin does (level, rule, agent skills). Template: templates/rules.cs.
 * Tests: t/rules.t. */
#include <string.h>

#include "admin_page.h"
#include "buf.h"
#include "db.h"
#include "pool.h"
#include "profile_admin.h"
#include "render.h"

static const char *const yes[] = { "1", NULL };
static const struct input rules_inputs[] = {
	{ "id", INPUT_INT, false, 0, 1, (1LL << 62), NULL },
	{ "name", INPUT_LINE, false, 32, 0, 0, NULL },
	{ "chat", INPUT_CHOICE, false, 1, 0, 0, yes },
	{ "cobrowse", INPUT_CHOICE, false, 1, 0, 0, yes },
	{ "video", INPUT_CHOICE, false, 1, 0, 0, yes },
	{ "callback", INPUT_CHOICE, false, 1, 0, 0, yes },
	{ "message", INPUT_CHOICE, false, 1, 0, 0, yes },
	{ "skill", INPUT_LINE, false, 32, 0, 0, NULL },
	{ "rank", INPUT_LINE, false, 6, 0, 0, NULL },
	{ "target", INPUT_LINE, false, 6, 0, 0, NULL },
	{ "skip_overflow", INPUT_LINE, false, 1, 0, 0, NULL },
	{ "label", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "condition", INPUT_LINE, false, RULE_TEXT_MAX, 0, 0, NULL },
	{ "score", INPUT_LINE, false, 6, 0, 0, NULL },
	{ "level", INPUT_LINE, false, 32, 0, 0, NULL },
	{ "example", INPUT_LINE, false, 1000, 0, 0, NULL },
	{ "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	{ "skills", INPUT_LINE, false, 200, 0, 0, NULL },
	{ "ageing", INPUT_LINE, false, 6, 0, 0, NULL },
	{ "retention", INPUT_LINE, false, 6, 0, 0, NULL },
	{ "channel", INPUT_KEY, false, 32, 0, 0, NULL },
	{ "customer", INPUT_LINE, false, 100, 0, 0, NULL },
};

static int level_set(struct request *r, struct admin_context *ac, long long client_id)
{
	static const char *const channels[] = { "chat", "cobrowse", "video", "callback", "message" };
	struct buf list;
	buf_init(&list);
	for (size_t i = 0; i < COUNT_OF(channels); i++)
		if (admin_field(r, channels[i]) != NULL)
			buf_printf(&list, "%s%s", list.len ? "," : "", channels[i]);
	const char *offered = list.len ? pool_strndup(r->pool, list.data, list.len) : "";
	buf_free(&list);
	return profile_admin_level_set(ac, client_id, admin_field(r, "name"), offered,
				       admin_field(r, "skill"), admin_field(r, "rank"),
				       admin_field(r, "target"), admin_field(r, "skip_overflow"));
}

static int level_delete(struct request *r, struct admin_context *ac, long long client_id)
{
	return profile_admin_level_delete(ac, client_id, admin_field(r, "name"));
}

static int rule_add(struct request *r, struct admin_context *ac, long long client_id)
{
	return profile_admin_rule_add(ac, client_id, admin_field(r, "label"), admin_field(r, "condition"),
				      admin_field(r, "score"), admin_field(r, "level"));
}

static int rule_delete(struct request *r, struct admin_context *ac, long long client_id)
{
	return profile_admin_rule_delete(ac, client_id, admin_field_int(r, "id"));
}

static int rule_try(struct request *r, struct admin_context *ac, long long client_id)
{
	struct treatment t;
	return profile_admin_try(ac, client_id, admin_field(r, "example"), &t);
}

static int skills(struct request *r, struct admin_context *ac, long long client_id)
{
	const char *list = admin_field(r, "skills");
	return profile_admin_agent_skills(ac, admin_field(r, "email"), list ? list : "");
}

static int settings(struct request *r, struct admin_context *ac, long long client_id)
{
	return profile_admin_settings(ac, client_id, admin_field(r, "ageing"), admin_field(r, "retention"));
}

static int profile_delete_form(struct request *r, struct admin_context *ac, long long client_id)
{
	return profile_admin_delete(ac, client_id, admin_field(r, "channel"), admin_field(r, "customer"));
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const level_cols[] = { "name", "channels", "skill", "target", "skip", "rank",
						  NULL };
	static const char *const rule_cols[] = { "id", "label", "condition", "score", "level", NULL };
	static const char *const agent_cols[] = { "email", "name", "skills", NULL };
	struct db_rows levels, rules, agents, settings_row;
	int rc = db_query(ac->db, ac->pool, SQL_SERVICE_LEVELS, &levels, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_PROFILE_RULES, &rules, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_PROFILE_AGENT_SKILLS, &agents, "i", client_id);
	if (rc == DB_OK)
		rc = db_query(ac->db, ac->pool, SQL_PROFILE_SETTINGS, &settings_row, "i", client_id);
	if (rc != DB_OK)
		return rc;
	admin_view_rows(v, "levels", &levels, level_cols);
	admin_view_rows(v, "rules", &rules, rule_cols);
	admin_view_rows(v, "agents", &agents, agent_cols);
	if (settings_row.rows > 0) {
		view_set(v, "settings.ageing", db_cell(&settings_row, 0, 0));
		view_set(v, "settings.retention", db_cell(&settings_row, 0, 1));
	}
	return 0;
}

static const struct admin_form rules_forms[] = {
	{ "level-set", level_set }, { "level-delete", level_delete }, { "rule-add", rule_add },
	{ "rule-delete", rule_delete }, { "rule-try", rule_try }, { "skills", skills },
	{ "settings", settings }, { "profile-delete", profile_delete_form },
};

static const struct admin_page rules_page = {
	"rules", POWER_ADMINISTER, false, rules_inputs, COUNT_OF(rules_inputs), rules_forms,
	COUNT_OF(rules_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&rules_page, argc, argv);
}
