/* avatars - which picture a visitor gets, by the page the help link was on
 * (the longest matching start of the address wins; otherwise the fox), for
 * the client's administrators. Every form calls lib/admin_desk.c, as
 * baton-admin does. Template: templates/avatars.cs. Tests: t/avatars.t. */
#include <stdio.h>

#include "admin_desk.h"
#include "admin_page.h"
#include "channel.h"
#include "db.h"
#include "render.h"

static const struct input avatars_inputs[] = {
	{ "id", INPUT_INT, false, 0, 1, (1LL << 62), NULL },
	{ "prefix", INPUT_LINE, false, 500, 0, 0, NULL },
	{ "avatar", INPUT_LINE, false, 32, 0, 0, NULL },
};

static int add(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_avatar_rule_add(ac, client_id, admin_field(r, "prefix"), admin_field(r, "avatar"));
}

static int delete_rule(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_avatar_rule_delete(ac, admin_field_int(r, "id"));
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "id", "prefix", "avatar", NULL };
	struct db_rows rules;
	int rc = admin_avatar_rule_list(ac, client_id, &rules);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "rules", &rules, columns);
	for (size_t i = 0; channel_avatars[i] != NULL; i++) {
		char key[32];
		snprintf(key, sizeof key, "avatars.%zu", i);
		view_set(v, key, channel_avatars[i]);
	}
	return 0;
}

static const struct admin_form avatars_forms[] = {
	{ "add", add }, { "delete", delete_rule },
};

static const struct admin_page avatars_page = {
	"avatars", POWER_ADMINISTER, false, avatars_inputs, COUNT_OF(avatars_inputs), avatars_forms,
	COUNT_OF(avatars_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&avatars_page, argc, argv);
}
