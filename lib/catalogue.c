/* catalogue.c - see catalogue.h. */
#include "catalogue.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "pool.h"
#include "visitor_lang.h"

const char *const catalogue_langs[] = { "en", "es", "fr", "de", "pt", NULL };
/* Each language by its own name, for the language picker. */
static const char *const catalogue_names[] = { "English", "Español", "Français", "Deutsch", "Português" };

/* Languages whose plural rule counts 0 as one (CLDR's "one": i = 0,1). */
static const char *const zero_is_one[] = { "fr", "pt", NULL };

static bool listed(const char *const *list, const char *lang)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], lang) == 0)
			return true;
	return false;
}

void catalogue_lang(const struct request *r, const char *choice, char out[TRANSLATE_LANG_MAX])
{
	if (choice != NULL && translate_lang_valid(choice)) {
		translate_lang_base(choice, out);
		if (listed(catalogue_langs, out))
			return;
	}
	visitor_lang_from_accept(r->accept_language, catalogue_langs, out);
	if (out[0] == '\0')
		memcpy(out, "en", 3);
}

int catalogue_load_dir(struct view *v, const char *templates_dir, const char *lang)
{
	char path[700];
	char base[TRANSLATE_LANG_MAX] = "en";
	if (lang != NULL && translate_lang_valid(lang))
		translate_lang_base(lang, base);
	const char *use = listed(catalogue_langs, base) ? base : "en";
	snprintf(path, sizeof path, "%s/lang/en.hdf", templates_dir);
	int rc = view_read_strings(v, "t", path);
	if (rc == 0 && strcmp(use, "en") != 0) {
		snprintf(path, sizeof path, "%s/lang/%s.hdf", templates_dir, use);
		rc = view_read_strings(v, "t", path);
	}
	view_set(v, "t.lang", use);
	view_set(v, "t.plural.zero", listed(zero_is_one, use) ? "one" : "other");
	char key[32];
	for (size_t i = 0; catalogue_langs[i] != NULL; i++) {
		snprintf(key, sizeof key, "langs.%zu.tag", i);
		view_set(v, key, catalogue_langs[i]);
		snprintf(key, sizeof key, "langs.%zu.name", i);
		view_set(v, key, catalogue_names[i]);
	}
	return rc;
}

int catalogue_load(const struct request *r, struct view *v, const char *lang)
{
	return catalogue_load_dir(v, r->cfg->templates_dir, lang);
}

void catalogue_page(const struct request *r, struct view *v, const char *choice)
{
	char lang[TRANSLATE_LANG_MAX];
	catalogue_lang(r, choice, lang);
	catalogue_load(r, v, lang);
	view_set(v, "page.lang", lang);
}

/* Appends text with each {name} replaced by its value. */
static void fill(struct buf *out, const char *text, const char *const names[],
		 const char *const values[], size_t count)
{
	while (*text != '\0') {
		const char *open = strchr(text, '{');
		if (open == NULL) {
			buf_puts(out, text);
			return;
		}
		buf_append(out, text, (size_t)(open - text));
		const char *close = strchr(open, '}');
		size_t i = 0;
		while (close != NULL && i < count
		       && !(strlen(names[i]) == (size_t)(close - open - 1)
			    && strncmp(open + 1, names[i], (size_t)(close - open - 1)) == 0))
			i++;
		if (close == NULL || i == count) {
			buf_putc(out, '{');
			text = open + 1;
			continue;
		}
		buf_puts(out, values[i]);
		text = close + 1;
	}
}

/* The text fill() made, kept in the pool. */
static const char *filled(struct pool *pool, const char *text, const char *const names[],
			  const char *const values[], size_t count)
{
	struct buf out;
	buf_init(&out);
	fill(&out, text, names, values, count);
	const char *result = pool_strdup(pool, out.data != NULL ? out.data : "");
	buf_free(&out);
	return result;
}

const char *catalogue_say(struct view *v, struct pool *pool, const char *key,
			  const char *const values[], size_t count)
{
	struct buf out;
	buf_init(&out);
	const char *text = view_get(v, key, "");
	size_t used = 0;
	while (*text != '\0') {
		const char *open = strchr(text, '{'), *close = open != NULL ? strchr(open, '}') : NULL;
		if (close == NULL || used == count) {
			buf_puts(&out, text);
			break;
		}
		buf_append(&out, text, (size_t)(open - text));
		buf_puts(&out, values[used] != NULL ? values[used] : "");
		used++;
		text = close + 1;
	}
	const char *result = pool_strdup(pool, out.data != NULL ? out.data : "");
	buf_free(&out);
	return result;
}

const char *catalogue_count(struct view *v, struct pool *pool, const char *key, long long n)
{
	char form[128], number[24];
	bool one = n == 1 || (n == 0 && strcmp(view_get(v, "t.plural.zero", "other"), "one") == 0);
	snprintf(form, sizeof form, "%s.%s", key, one ? "one" : "other");
	snprintf(number, sizeof number, "%lld", n);
	const char *values[] = { number };
	return catalogue_say(v, pool, form, values, 1);
}

const char *catalogue_estimate(struct view *v, struct pool *pool, const char *band, long long minutes)
{
	if (band == NULL || band[0] == '\0')
		return "";
	if (strcmp(band, "minutes") == 0)
		return catalogue_count(v, pool, "t.estimate.minutes", minutes);
	char key[64];
	snprintf(key, sizeof key, "t.estimate.%s", band);
	return pool_strdup(pool, view_get(v, key, ""));
}

const char *catalogue_datetime(struct view *v, struct pool *pool, time_t when)
{
	struct tm tm;
	gmtime_r(&when, &tm);
	char day[16], year[16], clock[16], month_key[32], weekday_key[32];
	snprintf(day, sizeof day, "%d", tm.tm_mday);
	snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
	snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
	snprintf(month_key, sizeof month_key, "t.date.month.%d", tm.tm_mon + 1);
	snprintf(weekday_key, sizeof weekday_key, "t.date.weekday.%d", tm.tm_wday);
	static const char *const names[] = { "weekday", "day", "month", "year", "time" };
	const char *values[] = { view_get(v, weekday_key, ""), day, view_get(v, month_key, ""), year, clock };
	return filled(pool, view_get(v, "t.date.format", "{year}-{month}-{day} {time} UTC"), names, values, 5);
}

/* A message matched against English's error.msg texts: word for word, or
 * with each {name} of the text standing for a value, the values kept to
 * fill the translation's {name}s. */
#define MESSAGE_VALUES 4
struct message_match {
	const char *message;
	struct pool *pool;
	size_t count;
	const char *names[MESSAGE_VALUES], *values[MESSAGE_VALUES];
};

static bool matches(const char *pattern, void *ctx)
{
	struct message_match *mm = ctx;
	const char *m = mm->message;
	mm->count = 0;
	while (*pattern) {
		const char *open = strchr(pattern, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		size_t lit = (open && close ? (size_t)(open - pattern) : strlen(pattern));
		if (strncmp(m, pattern, lit) != 0)
			return false;
		m += lit;
		pattern += lit;
		if (!(open && close))
			break;
		if (mm->count == MESSAGE_VALUES)
			return false;
		/* The value runs to where the text after it next matches: up to
		 * the next {, or to the end. */
		const char *after = close + 1;
		const char *next = strchr(after, '{');
		size_t tail = next ? (size_t)(next - after) : strlen(after);
		const char *end = NULL;
		if (next == NULL) {
			size_t left = strlen(m);
			end = left >= tail && strcmp(m + left - tail, after) == 0 ? m + left - tail : NULL;
		} else {
			for (const char *at = m; *at && end == NULL; at++)
				if (strncmp(at, after, tail) == 0)
					end = at;
		}
		if (end == NULL || end == m)
			return false;
		mm->names[mm->count] = pool_strndup(mm->pool, open + 1, (size_t)(close - open - 1));
		mm->values[mm->count++] = pool_strndup(mm->pool, m, (size_t)(end - m));
		m = end;
		pattern = after;
	}
	return *m == '\0';
}

const char *catalogue_message(struct view *v, const char *templates_dir, struct pool *pool,
			      const char *message)
{
	char path[700], key[128];
	/* English as written, beside the loaded language that overlays it. */
	snprintf(path, sizeof path, "%s/lang/en.hdf", templates_dir);
	if (view_read_strings(v, "catalogue_en", path) != 0)
		return message;
	struct message_match mm = { .message = message, .pool = pool };
	const char *name = view_child_matching(v, "catalogue_en.error.msg", matches, &mm);
	if (name == NULL || snprintf(key, sizeof key, "t.error.msg.%s", name) >= (int)sizeof key)
		return message;
	const char *text = view_get(v, key, message);
	struct buf out;
	buf_init(&out);
	while (*text) {
		const char *open = strchr(text, '{'), *close = open ? strchr(open, '}') : NULL;
		if (!(open && close)) {
			buf_puts(&out, text);
			break;
		}
		buf_append(&out, text, (size_t)(open - text));
		size_t i = 0;
		while (i < mm.count && (strlen(mm.names[i]) != (size_t)(close - open - 1)
					|| strncmp(mm.names[i], open + 1, (size_t)(close - open - 1)) != 0))
			i++;
		if (i < mm.count)
			buf_puts(&out, mm.values[i]);
		else
			buf_append(&out, open, (size_t)(close - open + 1));
		text = close + 1;
	}
	const char *said = pool_strdup(pool, out.data ? out.data : "");
	buf_free(&out);
	return said;
}
