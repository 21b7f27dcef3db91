/* canned - canned phrases (a line sent with one click in a conversation)
 * and canned addresses (a page led to with one click). The client's
 * administrators keep the ones for everyone; every agent keeps their own,
 * each phrase with its written translations. Every form calls
 * lib/admin_canned.c (translations lib/admin_lang.c), as baton-admin does.
 * Template: templates/canned.cs. Tests: t/canned.t, t/admin-settings.t,
 * t/browser-admin.t, t/browser-collaborators.t. */
#include <string.h>

#include "admin_canned.h"
#include "admin_lang.h"
#include "admin_page.h"
#include "db.h"
#include "render.h"

static const struct input canned_inputs[] = {
	{ "id", INPUT_INT, false, 0, 1, (1LL << 62), NULL },
	{ "title", INPUT_LINE, false, 100, 0, 0, NULL },
	{ "text", INPUT_TEXT, false, 2000, 0, 0, NULL },
	{ "url", INPUT_LINE, false, 2000, 0, 0, NULL },
	{ "for", INPUT_LINE, false, 10, 0, 0, NULL },
	{ "lang", INPUT_LINE, false, 12, 0, 0, NULL },
};

/* Everyone's (for=all, the administrators') or the actor's own. */
static long long owner(struct request *r, struct admin_context *ac)
{
	const char *who = admin_field(r, "for");
	return who != NULL && strcmp(who, "all") == 0 ? 0 : ac->agent_id;
}

static int phrase_add(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_canned_add(ac, CANNED_PHRASE, client_id, owner(r, ac), admin_field(r, "title"),
				admin_field(r, "text"));
}

static int phrase_edit(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_canned_edit(ac, CANNED_PHRASE, admin_field_int(r, "id"), admin_field(r, "title"),
				 admin_field(r, "text"));
}

static int phrase_delete(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_canned_delete(ac, CANNED_PHRASE, admin_field_int(r, "id"));
}

static int address_add(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_canned_add(ac, CANNED_ADDRESS, client_id, owner(r, ac), admin_field(r, "title"),
				admin_field(r, "url"));
}

static int address_edit(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_canned_edit(ac, CANNED_ADDRESS, admin_field_int(r, "id"), admin_field(r, "title"),
				 admin_field(r, "url"));
}

static int address_delete(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_canned_delete(ac, CANNED_ADDRESS, admin_field_int(r, "id"));
}

/* A phrase's own translation (issue 18), used instead of machine
 * translation; an empty text removes it. */
static int translate(struct request *r, struct admin_context *ac, long long client_id)
{
	return admin_canned_translate(ac, admin_field_int(r, "id"), admin_field(r, "lang"),
				      admin_field(r, "text") ? admin_field(r, "text") : "");
}

static int show(struct request *r, struct admin_context *ac, long long client_id, struct view *v)
{
	static const char *const columns[] = { "id", "agent", "title", "body", NULL };
	struct db_rows phrases, addresses;
	int rc = admin_canned_list(ac, CANNED_PHRASE, client_id, &phrases);
	if (rc == 0)
		rc = admin_canned_list(ac, CANNED_ADDRESS, client_id, &addresses);
	if (rc != 0)
		return rc;
	admin_view_rows(v, "phrases", &phrases, columns);
	admin_view_rows(v, "addresses", &addresses, columns);
	static const char *const translation_columns[] = { "phrase", "lang", "text", NULL };
	struct db_rows translations;
	if ((rc = admin_canned_translation_list(ac, client_id, &translations)) != 0)
		return rc;
	admin_view_rows(v, "translations", &translations, translation_columns);
	view_set_int(v, "may_edit_all", admin_authorize(ac, POWER_ADMINISTER, client_id) == 0);
	ac->message = NULL;
	return 0;
}

static const struct admin_form canned_forms[] = {
	{ "phrase-add", phrase_add }, { "phrase-edit", phrase_edit }, { "phrase-delete", phrase_delete },
	{ "address-add", address_add }, { "address-edit", address_edit },
	{ "address-delete", address_delete }, { "translate", translate },
};

static const struct admin_page canned_page = {
	"canned", POWER_STAFF, false, canned_inputs, COUNT_OF(canned_inputs), canned_forms,
	COUNT_OF(canned_forms), show,
};

int main(int argc, char **argv)
{
	return admin_page_main(&canned_page, argc, argv);
}
