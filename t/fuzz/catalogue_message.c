/* Fuzzes lib/catalogue.c's catalogue_message, which matches an error
 * message against the catalogues' texts with their {name}s standing for
 * values; a message may carry outside input (the host of a Referer, a
 * field's value in a refusal). Promises: an answer always, the message
 * itself when nothing matches, and for a match a translation built from
 * the message's own values. Against the real catalogues (BATON_ROOT). */
#include "catalogue.h"
#include "config.h"
#include "fuzz.h"
#include "pool.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config cfg;
	if (cfg.templates_dir[0] == '\0') {
		const char *root = getenv("BATON_ROOT");
		snprintf(cfg.templates_dir, sizeof cfg.templates_dir, "%s/templates", root ? root : ".");
	}
	char *message = fuzz_string(data, size);
	struct pool *pool = pool_new();
	struct view *v = view_new_mail(pool, &cfg);
	catalogue_load_dir(v, cfg.templates_dir, "de");
	const char *said = catalogue_message(v, cfg.templates_dir, pool, message);
	FUZZ_CHECK(said != NULL);
	/* English: what matched comes back as it was, values and all. */
	struct view *en = view_new_mail(pool, &cfg);
	catalogue_load_dir(en, cfg.templates_dir, "en");
	FUZZ_CHECK(strcmp(catalogue_message(en, cfg.templates_dir, pool, message), message) == 0);
	view_free(v);
	view_free(en);
	pool_free(pool);
	free(message);
	return 0;
}
