/* mail_text.c - charsets, encoded words, transfer encodings and HTML, for
 * incoming mail (see mail_text.h). Every loop is bounded by its input. */
#include "mail_text.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "pool.h"
#include "utf8.h"

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

/* Length of the well-formed UTF-8 sequence at s (1..4), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t n;
	unsigned min;
	unsigned cp;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Well-formed UTF-8 with \n line ends, tabs kept, other control characters
 * and NULs dropped, bad sequences as U+FFFD. */
static char *sanitize(struct pool *pool, const char *data, size_t len, size_t *out_len)
{
	char *out = pool_alloc(pool, len * 3 + 1);
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)data;
	for (size_t i = 0; i < len;) {
		unsigned char c = p[i];
		if (c == '\r') {
			out[o++] = '\n';
			i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c < 0x80) {
			if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f))
				out[o++] = (char)c;
			i++;
			continue;
		}
		size_t n = utf8_sequence(p + i, len - i);
		if (n == 0) {
			memcpy(out + o, replacement, 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, p + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

static bool is_utf8_name(const char *charset)
{
	return strcasecmp(charset, "utf-8") == 0 || strcasecmp(charset, "utf8") == 0;
}

static bool is_ascii_name(const char *charset)
{
	return strcasecmp(charset, "us-ascii") == 0 || strcasecmp(charset, "ascii") == 0;
}

static bool charset_name_ok(const char *charset)
{
	size_t n = strlen(charset);
	if (n == 0 || n > 40)
		return false;
	for (const char *p = charset; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_.:", *p))
			return false;
	return true;
}

/* Through iconv, invalid input bytes as U+FFFD; NULL when iconv does not
 * know the charset. */
static char *convert(struct pool *pool, const char *charset, const char *data, size_t len,
		     size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return NULL;
	struct buf out;
	buf_init(&out);
	char chunk[4096];
	char *in = (char *)data;
	size_t in_left = len;
	while (in_left > 0) {
		char *o = chunk;
		size_t o_left = sizeof chunk;
		size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
		buf_append(&out, chunk, sizeof chunk - o_left);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL: a byte that is not in the charset. */
		buf_append(&out, replacement, 3);
		in++;
		in_left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	char *result = sanitize(pool, out.data ? out.data : "", out.len, out_len);
	buf_free(&out);
	return result;
}

char *mail_to_utf8(struct pool *pool, const char *charset, const char *data, size_t len,
		   size_t *out_len)
{
	bool declared = charset != NULL && *charset != '\0' && !is_ascii_name(charset);
	if (declared && is_utf8_name(charset))
		return sanitize(pool, data, len, out_len);
	if (declared && charset_name_ok(charset)) {
		char *converted = convert(pool, charset, data, len, out_len);
		if (converted != NULL)
			return converted;
	}
	/* Undeclared (or unknown): UTF-8 when it is, else the commonest
	 * legacy charset of mail programs. */
	if (utf8_valid(data, len) || memchr(data, '\0', len) != NULL)
		return sanitize(pool, data, len, out_len);
	char *converted = convert(pool, "WINDOWS-1252", data, len, out_len);
	return converted ? converted : sanitize(pool, data, len, out_len);
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *mail_decode_qp(struct pool *pool, const char *data, size_t len, size_t *out_len)
{
	char *out = pool_alloc(pool, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] != '=') {
			out[o++] = data[i];
			continue;
		}
		/* A soft line break, possibly after stray spaces. */
		size_t j = i + 1;
		while (j < len && (data[j] == ' ' || data[j] == '\t'))
			j++;
		if (j < len && (data[j] == '\n' || data[j] == '\r')) {
			i = (data[j] == '\r' && j + 1 < len && data[j + 1] == '\n') ? j + 1 : j;
			continue;
		}
		if (j == len) {
			i = len;
			break;
		}
		int hi = i + 1 < len ? hex_value((unsigned char)data[i + 1]) : -1;
		int lo = i + 2 < len ? hex_value((unsigned char)data[i + 2]) : -1;
		if (hi >= 0 && lo >= 0) {
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = '='; /* not an escape: kept as written */
		}
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

static int base64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

char *mail_decode_base64(struct pool *pool, const char *data, size_t len, size_t *out_len)
{
	char *out = pool_alloc(pool, len / 4 * 3 + 4);
	size_t o = 0;
	unsigned bits = 0;
	int count = 0;
	for (size_t i = 0; i < len; i++) {
		int v = base64_value((unsigned char)data[i]);
		if (data[i] == '=') {
			/* The end of one quantum: leftover bits are padding. */
			bits = 0;
			count = 0;
			continue;
		}
		if (v < 0)
			continue; /* line ends and junk */
		bits = (bits << 6) | (unsigned)v;
		count += 6;
		if (count >= 8) {
			count -= 8;
			out[o++] = (char)((bits >> count) & 0xff);
		}
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

/* ---- encoded words (RFC 2047) -------------------------------------------- */

/* Decodes the encoded word at p (which starts "=?"); returns its length, or
 * 0 when it is not one. */
static size_t encoded_word(struct pool *pool, const char *p, struct buf *out)
{
	const char *charset = p + 2;
	const char *q1 = charset;
	while (*q1 && *q1 != '?' && q1 - charset <= 60)
		q1++;
	if (*q1 != '?' || q1 == charset)
		return 0;
	char enc = (char)toupper((unsigned char)q1[1]);
	if ((enc != 'B' && enc != 'Q') || q1[2] != '?')
		return 0;
	/* The text ends at "?=" and holds no white space; looked for within a
	 * bound, so a header full of "=?" costs linear time. */
	const char *text = q1 + 3;
	const char *end = text;
	while (*end && !(end[0] == '?' && end[1] == '=') && end - text < 2000) {
		if (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
			return 0;
		end++;
	}
	if (!(end[0] == '?' && end[1] == '='))
		return 0;
	char name[64];
	size_t n = (size_t)(q1 - charset);
	memcpy(name, charset, n);
	name[n] = '\0';
	char *star = strchr(name, '*'); /* RFC 2231 language tag */
	if (star != NULL)
		*star = '\0';
	size_t raw_len = 0;
	char *raw;
	if (enc == 'B') {
		raw = mail_decode_base64(pool, text, (size_t)(end - text), &raw_len);
	} else {
		raw = pool_alloc(pool, (size_t)(end - text) + 1);
		for (const char *t = text; t < end; t++) {
			int hi, lo;
			if (*t == '_') {
				raw[raw_len++] = ' ';
			} else if (*t == '=' && t + 2 < end && (hi = hex_value((unsigned char)t[1])) >= 0
				   && (lo = hex_value((unsigned char)t[2])) >= 0) {
				raw[raw_len++] = (char)(hi * 16 + lo);
				t += 2;
			} else {
				raw[raw_len++] = *t;
			}
		}
	}
	size_t utf8_len;
	char *utf8 = mail_to_utf8(pool, name, raw, raw_len, &utf8_len);
	buf_append(out, utf8, utf8_len);
	return (size_t)(end + 2 - p);
}

static void flush_raw(struct pool *pool, struct buf *raw, struct buf *out)
{
	if (raw->len == 0)
		return;
	size_t n;
	char *text = mail_to_utf8(pool, NULL, raw->data, raw->len, &n);
	buf_append(out, text, n);
	buf_clear(raw);
}

char *mail_decode_header(struct pool *pool, const char *value)
{
	struct buf out, raw;
	buf_init(&out);
	buf_init(&raw);
	bool after_word = false;
	const char *p = value;
	while (*p) {
		if (p[0] == '=' && p[1] == '?') {
			struct buf word;
			buf_init(&word);
			size_t used = encoded_word(pool, p, &word);
			if (used > 0) {
				flush_raw(pool, &raw, &out);
				buf_append(&out, word.data, word.len);
				buf_free(&word);
				p += used;
				after_word = true;
				continue;
			}
			buf_free(&word);
		}
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			const char *ws = p;
			while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
				p++;
			/* Space between two encoded words is not text. */
			if (after_word && p[0] == '=' && p[1] == '?')
				continue;
			if (p - ws > 0 && !(ws == value))
				buf_putc(&raw, ' ');
			continue;
		}
		buf_putc(&raw, *p++);
		after_word = false;
	}
	flush_raw(pool, &raw, &out);
	buf_free(&raw);
	/* One line: whatever line breaks the words held become spaces. */
	size_t n = out.len;
	char *result = pool_alloc(pool, n + 1);
	for (size_t i = 0; i < n; i++)
		result[i] = (out.data[i] == '\n' || out.data[i] == '\t') ? ' ' : out.data[i];
	result[n] = '\0';
	while (n > 0 && result[n - 1] == ' ')
		result[--n] = '\0';
	buf_free(&out);
	return result;
}

/* ---- HTML to text ------------------------------------------------------------ */

static void put_codepoint(struct buf *out, unsigned long cp)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		buf_append(out, replacement, 3);
	} else if (cp < 0x80) {
		buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		buf_putc(out, (char)(0xc0 | (cp >> 6)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(out, (char)(0xe0 | (cp >> 12)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(out, (char)(0xf0 | (cp >> 18)));
		buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	}
}

/* The entity at p ('&'); returns its length, 0 when it is not one. */
static size_t entity(const char *p, const char *end, struct buf *out)
{
	static const struct { const char *name; const char *text; } named[] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
		{ "apos;", "'" }, { "nbsp;", " " },
	};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		size_t n = strlen(named[i].name);
		if ((size_t)(end - p - 1) >= n && strncasecmp(p + 1, named[i].name, n) == 0) {
			buf_puts(out, named[i].text);
			return n + 1;
		}
	}
	if (end - p > 3 && p[1] == '#') {
		const char *q = p + 2;
		int base = 10;
		if (*q == 'x' || *q == 'X') {
			base = 16;
			q++;
		}
		unsigned long cp = 0;
		int digits = 0;
		while (q < end && digits < 8 && (base == 16 ? isxdigit((unsigned char)*q)
							    : isdigit((unsigned char)*q))) {
			cp = cp * (unsigned long)base + (unsigned long)hex_value((unsigned char)*q);
			q++;
			digits++;
		}
		if (digits > 0 && q < end && *q == ';') {
			put_codepoint(out, cp);
			return (size_t)(q + 1 - p);
		}
	}
	return 0;
}

static bool tag_is(const char *name, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncasecmp(name, list[i], n) == 0)
			return true;
	return false;
}

/* Skips past "</name ...>" (case-insensitive); returns where text resumes. */
static const char *skip_element(const char *p, const char *end, const char *name, size_t n)
{
	for (const char *q = p; q + n + 2 < end; q++)
		if (q[0] == '<' && q[1] == '/' && strncasecmp(q + 2, name, n) == 0) {
			const char *gt = memchr(q, '>', (size_t)(end - q));
			return gt ? gt + 1 : end;
		}
	return end;
}

char *mail_html_to_text(struct pool *pool, const char *html, size_t len, size_t *out_len)
{
	static const char *const breaks[] = { "br", "p", "div", "tr", "h1", "h2", "h3", "h4",
		"h5", "h6", "blockquote", "hr", "table", "ul", "ol", "pre", NULL };
	static const char *const hidden[] = { "script", "style", "head", "title", NULL };
	struct buf out;
	buf_init(&out);
	const char *p = html, *end = html + len;
	bool space = false;
	while (p < end) {
		if (*p == '<') {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			if (gt == NULL)
				break;
			const char *name = p + 1;
			if (*name == '/')
				name++;
			size_t n = 0;
			while (name + n < gt && isalnum((unsigned char)name[n]))
				n++;
			if (name == p + 1 && tag_is(name, n, hidden)) {
				p = skip_element(gt + 1, end, name, n);
				continue;
			}
			if (tag_is(name, n, breaks)) {
				buf_putc(&out, '\n');
				space = false;
			} else if (n == 2 && strncasecmp(name, "li", 2) == 0 && name == p + 1) {
				buf_puts(&out, "\n- ");
				space = false;
			}
			p = gt + 1;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (!space && out.len > 0 && out.data[out.len - 1] != '\n')
				buf_putc(&out, ' ');
			space = true;
			p++;
			continue;
		}
		space = false;
		size_t used = *p == '&' ? entity(p, end, &out) : 0;
		if (used > 0) {
			p += used;
			continue;
		}
		buf_putc(&out, *p++);
	}
	/* No line starts with spaces; at most one empty line in a row. */
	struct buf tidy;
	buf_init(&tidy);
	int newlines = 2;
	for (size_t i = 0; i < out.len; i++) {
		char c = out.data[i];
		if (c == '\n') {
			while (tidy.len > 0 && tidy.data[tidy.len - 1] == ' ')
				tidy.len--;
			if (++newlines <= 2)
				buf_putc(&tidy, '\n');
			continue;
		}
		if (c == ' ' && newlines > 0)
			continue;
		newlines = 0;
		buf_putc(&tidy, c);
	}
	char *text = sanitize(pool, tidy.data ? tidy.data : "", tidy.len, out_len);
	buf_free(&out);
	buf_free(&tidy);
	return text;
}
