/* translate.c - see translate.h. The engine is asked over HTTP on the
 * hosting provider's own network (Apertium runs on 127.0.0.1 in the stack),
 * so no line leaves their servers. */
#include "translate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

/* Reads 4 hex digits; -1 if they are not. */
static long hex4(const char *s)
{
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)s[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void put_utf8(struct buf *out, unsigned long cp)
{
	char b[4];
	if (cp < 0x80) {
		buf_putc(out, (char)cp);
		return;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 4);
	}
}

/* Decodes the JSON string starting at s (just past its opening quote, up
 * to end) into out; the position after the closing quote, or NULL. */
static const char *json_string(const char *s, const char *end, struct buf *out)
{
	while (s < end) {
		unsigned char c = (unsigned char)*s++;
		if (c == '"')
			return s;
		if (c < 0x20)
			return NULL;
		if (c != '\\') {
			buf_putc(out, (char)c);
			continue;
		}
		if (s >= end)
			return NULL;
		char e = *s++;
		const char *plain = strchr("\"\\/bfnrt", e);
		if (e != '\0' && plain != NULL) {
			static const char with[] = "\"\\/\b\f\n\r\t";
			buf_putc(out, with[plain - "\"\\/bfnrt"]);
			continue;
		}
		if (e != 'u' || end - s < 4)
			return NULL;
		long cp = hex4(s);
		s += 4;
		if (cp < 0)
			return NULL;
		if (cp >= 0xD800 && cp <= 0xDBFF && end - s >= 6 && s[0] == '\\' && s[1] == 'u') {
			long lo = hex4(s + 2);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				s += 6;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD; /* a lone surrogate is no character */
		put_utf8(out, (unsigned long)cp);
	}
	return NULL;
}

/* The engine's answer is small and of one known shape; the value of the
 * first "translatedText" key is all Baton needs from it. */
int translate_reply_parse(const char *body, size_t len, struct buf *out)
{
	static const char key[] = "\"translatedText\"";
	static const char missing[] = "not installed";
	const char *end = body + len;
	buf_clear(out);
	for (const char *p = body; p + sizeof key - 1 <= end; p++) {
		if (memcmp(p, key, sizeof key - 1) != 0)
			continue;
		p += sizeof key - 1;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || *p++ != ':')
			return -1;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || *p++ != '"')
			return -1;
		return json_string(p, end, out) != NULL ? 0 : -1;
	}
	for (const char *p = body; p + sizeof missing - 1 <= end; p++)
		if (memcmp(p, missing, sizeof missing - 1) == 0)
			return 1;
	return -1;
}

static size_t collect(char *data, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;
	if (b->len + size * n > 256 * 1024)
		return 0; /* no answer to one line is this long */
	buf_append(b, data, size * n);
	return size * n;
}

/* One pair: 0 translated, 1 no such pair, -1 failed. */
static int ask_engine(const struct config *cfg, const char *from, const char *to,
		      const char *text, struct buf *out)
{
	CURL *curl = curl_easy_init();
	if (curl == NULL)
		return -1;
	char *q = curl_easy_escape(curl, text, 0);
	char pair[2 * TRANSLATE_LANG_MAX + 4];
	snprintf(pair, sizeof pair, "%s%%7C%s", from, to);
	struct buf url, body;
	buf_init(&url);
	buf_init(&body);
	buf_printf(&url, "%s/translate?markUnknown=no&langpair=%s&q=%s", cfg->translate_url, pair,
		   q ? q : "");
	curl_free(q);
	curl_easy_setopt(curl, CURLOPT_URL, url.data);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)cfg->translate_timeout_ms);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "Baton translate");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
	CURLcode rc = curl_easy_perform(curl);
	long status = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(curl);
	int result = -1;
	if (rc == CURLE_OK && body.data != NULL) {
		result = translate_reply_parse(body.data, body.len, out);
		if (result == 0 && status != 200)
			result = -1;
	}
	buf_free(&url);
	buf_free(&body);
	return result;
}

enum translate_status translate_text(const struct config *cfg, const char *from, const char *to,
				     const char *text, struct buf *out, char via[TRANSLATE_LANG_MAX])
{
	char f[TRANSLATE_LANG_MAX], t[TRANSLATE_LANG_MAX], v[TRANSLATE_LANG_MAX];
	const char *src = lang_tag_engine_code(from, f), *dst = lang_tag_engine_code(to, t);
	if (via != NULL)
		via[0] = '\0';
	buf_clear(out);
	if (cfg->translate_url[0] == '\0')
		return TRANSLATE_OFF;
	int rc = ask_engine(cfg, src, dst, text, out);
	if (rc <= 0)
		return rc == 0 ? TRANSLATE_OK : TRANSLATE_FAILED;
	/* No direct pair: through each pivot in turn. */
	const char *p = cfg->translate_pivots;
	while (*p) {
		size_t n = strcspn(p, " ,");
		if (n > 0 && n < TRANSLATE_LANG_MAX) {
			char pivot_tag[TRANSLATE_LANG_MAX];
			memcpy(pivot_tag, p, n);
			pivot_tag[n] = '\0';
			const char *pivot = lang_tag_engine_code(pivot_tag, v);
			if (strcmp(pivot, src) != 0 && strcmp(pivot, dst) != 0) {
				struct buf half;
				buf_init(&half);
				rc = ask_engine(cfg, src, pivot, text, &half);
				if (rc == 0)
					rc = ask_engine(cfg, pivot, dst, half.data ? half.data : "", out);
				buf_free(&half);
				if (rc == 0 && via != NULL)
					snprintf(via, TRANSLATE_LANG_MAX, "%s", pivot);
				if (rc <= 0)
					return rc == 0 ? TRANSLATE_OK : TRANSLATE_FAILED;
			}
		}
		p += n;
		p += strspn(p, " ,");
	}
	return TRANSLATE_NO_PAIR;
}
