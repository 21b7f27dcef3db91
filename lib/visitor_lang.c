/* visitor_lang.c - see visitor_lang.h. */
#include "visitor_lang.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

static bool allowed(const char *base, const char *const *only)
{
	if (only == NULL)
		return true;
	for (size_t i = 0; only[i] != NULL; i++)
		if (strcmp(only[i], base) == 0)
			return true;
	return false;
}

/* q of one item's parameters (";q=0.8"), 1000ths; 1000 when absent, -1 bad. */
static int item_q(const char *params, size_t len)
{
	const char *end = params + len;
	for (const char *p = params; p < end; p++) {
		if (*p != ';')
			continue;
		p++;
		while (p < end && *p == ' ')
			p++;
		if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
			continue;
		p += 2;
		if (*p == '1')
			return 1000;
		if (*p != '0')
			return -1;
		int q = 0, digits = 0;
		if (p + 1 < end && p[1] == '.') {
			for (p += 2; p < end && isdigit((unsigned char)*p) && digits < 3; p++, digits++)
				q = q * 10 + (*p - '0');
		}
		while (digits++ < 3)
			q *= 10;
		return q;
	}
	return 1000;
}

void visitor_lang_from_accept(const char *header, const char *const *only,
			      char out[TRANSLATE_LANG_MAX])
{
	int best = 0;
	out[0] = '\0';
	if (header == NULL)
		return;
	const char *p = header;
	while (*p) {
		size_t n = strcspn(p, ",");
		size_t tag = 0;
		while (tag < n && p[tag] == ' ')
			tag++;
		const char *start = p + tag;
		size_t tlen = strcspn(start, ";, ");
		if (tlen > n - tag)
			tlen = n - tag;
		int q = item_q(start + tlen, n - tag - tlen);
		char t[16];
		if (tlen > 0 && tlen < sizeof t && q > best) {
			memcpy(t, start, tlen);
			t[tlen] = '\0';
			char base[TRANSLATE_LANG_MAX];
			if (translate_lang_valid(t)) {
				translate_lang_base(t, base);
				if (allowed(base, only)) {
					memcpy(out, base, TRANSLATE_LANG_MAX);
					best = q;
				}
			}
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

void visitor_lang(const struct request *r, const char *choice, char out[TRANSLATE_LANG_MAX])
{
	if (choice != NULL && translate_lang_valid(choice)) {
		translate_lang_base(choice, out);
		return;
	}
	visitor_lang_from_accept(r->accept_language, NULL, out);
	if (out[0] == '\0')
		memcpy(out, "en", 3);
}

int visitor_lang_remember(struct request *r, const char *request_public_id, const char *lang)
{
	return db_exec(r->db, SQL_LANG_REQUEST_SET, NULL, "ss", lang, request_public_id);
}
