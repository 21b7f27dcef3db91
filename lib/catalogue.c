/* catalogue.c - see catalogue.h. */
#include "catalogue.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "visitor_lang.h"

const char *const catalogue_langs[] = { "en", "es", "fr", "de", "pt", NULL };

static bool have_catalogue(const char *lang)
{
	for (size_t i = 0; catalogue_langs[i] != NULL; i++)
		if (strcmp(catalogue_langs[i], lang) == 0)
			return true;
	return false;
}

void catalogue_lang(const struct request *r, const char *choice, char out[TRANSLATE_LANG_MAX])
{
	if (choice != NULL && translate_lang_valid(choice)) {
		translate_lang_base(choice, out);
		if (have_catalogue(out))
			return;
	}
	visitor_lang_from_accept(r->accept_language, catalogue_langs, out);
	if (out[0] == '\0')
		memcpy(out, "en", 3);
}

int catalogue_load(const struct request *r, struct view *v, const char *lang)
{
	char path[700];
	const char *use = have_catalogue(lang) ? lang : "en";
	snprintf(path, sizeof path, "%s/lang/en.hdf", r->cfg->templates_dir);
	int rc = view_read_strings(v, "t", path);
	if (rc == 0 && strcmp(use, "en") != 0) {
		snprintf(path, sizeof path, "%s/lang/%s.hdf", r->cfg->templates_dir, use);
		rc = view_read_strings(v, "t", path);
	}
	view_set(v, "t.lang", use);
	return rc;
}
