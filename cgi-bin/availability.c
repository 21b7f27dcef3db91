/* availability - for the help button and the widget on a client's pages:
 * is anyone there right now, and how long would a visitor who asked now
 * wait? {"status":"available"|"busy"|"away"|"closed", "desk":..,
 * "estimate":..,"estimate_words":..,"choices":[..]}: the same estimate the
 * waiting page gives (lib/estimate.c). Readable cross-origin only by the
 * site's registered domains. With "lang" (the catalogue language: lang=,
 * else Accept-Language) and "words": the button's and the widget panel's
 * words in it (templates/lang/LANG.hdf's widget.*), so that the scripts on
 * a client's page hold no words of their own but an English fallback.
 * Tests: t/availability.t, t/catalogue.t. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "catalogue.h"
#include "crypto.h"
#include "db.h"
#include "estimate.h"
#include "pool.h"
#include "render.h"
#include "program.h"
#include "response.h"
#include "visitor.h"
#include "webaddr.h"

enum { IN_SITE, IN_PROBE, IN_LANG, IN__MAX };
static const struct input availability_inputs[IN__MAX] = {
	[IN_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	/* The widget's panel asks whether its visitor cookie came back. */
	[IN_PROBE] = { "probe", INPUT_INT, false, 0, 0, 1, NULL },
	/* The page's language (the link's lang= or <html lang>). */
	[IN_LANG] = { "lang", INPUT_LINE, false, 12, 0, 0, NULL },
};

/* The widget's words, each the catalogue key widget.NAME. */
static const char *const widget_words[] = {
	"available", "busy", "away", "closed", "launcher", "waiting", "title", "frame", "connecting",
	"reconnecting", "unreachable", "retry", "elsewhere", "minimise", "close", NULL,
};

/* ,"lang":..,"words":{..}: the words of the button and the widget in the
 * visitor's language, the busy button's with the wait in it. */
static void words_json(struct request *r, const struct estimate *e, struct buf *out)
{
	char lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, r->in[IN_LANG], lang);
	struct view *v = view_new(r);
	catalogue_load(r, v, lang);
	buf_puts(out, ",\"lang\":");
	buf_json_string(out, view_get(v, "t.lang", "en"));
	buf_puts(out, ",\"words\":{");
	char key[64];
	for (size_t i = 0; widget_words[i] != NULL; i++) {
		snprintf(key, sizeof key, "t.widget.%s", widget_words[i]);
		const char *text = view_get(v, key, "");
		if (strcmp(widget_words[i], "busy") == 0 && e->band != NULL) {
			const char *wait = catalogue_estimate(v, r->pool, e->band, e->minutes);
			text = catalogue_say(v, r->pool, "t.widget.busy_wait", &wait, 1);
		}
		buf_printf(out, "%s\"%s\":", i > 0 ? "," : "", widget_words[i]);
		buf_json_string(out, text);
	}
	buf_puts(out, ",\"unread_one\":");
	buf_json_string(out, view_get(v, "t.widget.unread.one", ""));
	buf_puts(out, ",\"unread_other\":");
	buf_json_string(out, view_get(v, "t.widget.unread.other", ""));
	buf_putc(out, '}');
	view_free(v);
}

/* The host of an Origin header ("https://shop.example:8443" -> "shop.example"). */
static char *origin_host(struct pool *pool, const char *origin)
{
	const char *p = strstr(origin, "://");
	if (p == NULL)
		return NULL;
	p += 3;
	size_t n = strcspn(p, ":/");
	char *host = pool_strndup(pool, p, n);
	for (char *c = host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return host;
}

/* The help button's word for each state of the desk. */
static const char *status_word(enum desk_state state)
{
	switch (state) {
	case DESK_FREE: return "available";
	case DESK_BUSY: return "busy";
	case DESK_AWAY: return "away";
	case DESK_NOBODY: break;
	}
	return "closed";
}

static int availability(struct request *r)
{
	struct db_rows site, registered;
	struct estimate e;
	int rc = db_query(r->db, r->pool, SQL_SITE_BY_KEY, &site, "s", r->in[IN_SITE]);
	if (rc == DB_OK && site.rows == 0)
		return resp_error(r, 404, "No site is registered with this key.");
	long long site_id = db_cell_int(&site, 0, 0), client_id = db_cell_int(&site, 0, 1);
	if (rc == DB_OK)
		rc = estimate_for_newcomer(r->db, r->pool, client_id, &e);
	char *host = r->origin ? origin_host(r->pool, r->origin) : NULL;
	if (host != NULL && !webaddr_host_is_ascii(host))
		host = NULL; /* names no registered domain (those are ASCII) */
	if (rc == DB_OK && host != NULL)
		rc = db_query(r->db, r->pool, SQL_SITE_HAS_DOMAIN, &registered, "iss", site_id, host, host);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (host != NULL && db_cell_int(&registered, 0, 0) > 0) {
		resp_header(r, "Access-Control-Allow-Origin", r->origin);
		resp_header(r, "Vary", "Origin, Accept-Language");
	}
	struct buf out;
	buf_init(&out);
	buf_printf(&out, "{\"status\":\"%s\",", status_word(e.state));
	estimate_json(&e, &out);
	buf_printf(&out, ",\"waiting\":%lld", e.position);
	words_json(r, &e, &out);
	/* Whether this browser keeps Baton's visitor cookie where it asks from
	 * (a panel on another site over plain HTTP, or a browser refusing
	 * cookies in frames, does not): the panel then falls back to the link. */
	if (r->in[IN_PROBE] != NULL && r->in_int[IN_PROBE] == 1) {
		const char *cookie = request_cookie(r, VISITOR_COOKIE);
		buf_printf(&out, ",\"visitor_cookie\":%s", cookie != NULL && crypto_is_token(cookie) ? "true" : "false");
	}
	buf_putc(&out, '}');
	rc = resp_json(r, 200, pool_strdup(r->pool, out.data));
	buf_free(&out);
	return rc;
}

static const struct action availability_actions[] = {
	{ METHOD_GET, availability_inputs, IN__MAX, GUARD_NONE, availability },
};

static const struct program availability_program = {
	"availability", true, availability_actions, COUNT_OF(availability_actions)
};

int main(int argc, char **argv)
{
	return program_main(&availability_program, argc, argv);
}
