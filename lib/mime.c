/* mime.c - one e-mail message from its parts (see mime.h). */
#include "mime.h"

#include <stdio.h>
#include <string.h>

#include "crypto.h"

enum {
	LINE_MAX_CHARS = 78, /* RFC 5322's "SHOULD" for every line */
	QP_LINE_CHARS = 76,
	B64_LINE_CHARS = 76,
	/* Bytes of UTF-8 per encoded word: 52 base64 characters, so a word is
	 * 64 characters and "Subject: " plus one word fits in 78. */
	WORD_BYTES = 39,
};

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool mime_address_ok(const char *address)
{
	if (address == NULL || *address == '\0' || strlen(address) > 254)
		return false;
	const char *at = strrchr(address, '@');
	if (at == NULL || at == address || at[1] == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)address; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>(),;:\\[]", *p) != NULL)
			return false;
	return true;
}

/* Message-IDs and boundaries: the characters of an address, nothing else. */
static bool id_ok(const char *id)
{
	return id != NULL && *id != '\0' && strlen(id) < 250 && mime_address_ok(id);
}

static bool plain_ascii(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return false;
	return strstr(s, "=?") == NULL;
}

/* ---- headers: words folded under 78 characters ---------------------- */

struct header {
	struct buf *out;
	size_t line; /* characters on the current line */
};

static void header_start(struct header *h, struct buf *out, const char *name)
{
	h->out = out;
	buf_puts(out, name);
	buf_putc(out, ':');
	h->line = strlen(name) + 1;
}

/* One word that must not be broken, after a space or a fold. */
static void header_word(struct header *h, const char *word, size_t len)
{
	if (h->line + 1 + len > LINE_MAX_CHARS && h->line > 0) {
		buf_puts(h->out, "\r\n");
		h->line = 0;
	}
	buf_putc(h->out, ' ');
	buf_append(h->out, word, len);
	h->line += 1 + len;
}

static void header_end(struct header *h)
{
	buf_puts(h->out, "\r\n");
}

/* How many bytes of s (at most max) end on a UTF-8 character boundary. */
static size_t utf8_cut(const unsigned char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	while (n > 0 && (s[n] & 0xc0) == 0x80)
		n--;
	return n > 0 ? n : max;
}

static void base64_chunk(struct buf *out, const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		buf_putc(out, b64_alphabet[(v >> 18) & 63]);
		buf_putc(out, b64_alphabet[(v >> 12) & 63]);
		buf_putc(out, i + 1 < len ? b64_alphabet[(v >> 6) & 63] : '=');
		buf_putc(out, i + 2 < len ? b64_alphabet[v & 63] : '=');
	}
}

/* Text as RFC 2047 encoded words ("=?UTF-8?B?...?="), each a header word. */
static void header_encoded(struct header *h, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t left = strlen(text);
	struct buf word;
	buf_init(&word);
	while (left > 0) {
		size_t n = utf8_cut(p, left, WORD_BYTES);
		buf_clear(&word);
		buf_puts(&word, "=?UTF-8?B?");
		base64_chunk(&word, p, n);
		buf_puts(&word, "?=");
		header_word(h, word.data, word.len);
		p += n;
		left -= n;
	}
	buf_free(&word);
}

/* Plain text, folded at its spaces. */
static void header_plain(struct header *h, const char *text)
{
	const char *p = text;
	for (;;) {
		size_t n = strcspn(p, " ");
		header_word(h, p, n);
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
}

static void header_text(struct header *h, const char *text)
{
	if (plain_ascii(text))
		header_plain(h, text);
	else
		header_encoded(h, text);
}

void mime_header(struct buf *out, const char *name, const char *value)
{
	struct header h;
	header_start(&h, out, name);
	header_text(&h, value);
	header_end(&h);
}

/* A display name: as it is when it is only letters, digits and spaces; a
 * quoted string when it is other plain ASCII; encoded words otherwise. */
static void header_display_name(struct header *h, const char *name)
{
	if (!plain_ascii(name)) {
		header_encoded(h, name);
		return;
	}
	bool atoms = true;
	for (const char *p = name; *p; p++)
		if (!(*p == ' ' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
		      || (*p >= '0' && *p <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", *p)))
			atoms = false;
	if (atoms) {
		header_plain(h, name);
		return;
	}
	struct buf quoted;
	buf_init(&quoted);
	buf_putc(&quoted, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(&quoted, '\\');
		buf_putc(&quoted, *p);
	}
	buf_putc(&quoted, '"');
	header_word(h, quoted.data, quoted.len);
	buf_free(&quoted);
}

static void header_bracketed_word(struct header *h, const char *value)
{
	struct buf word;
	buf_init(&word);
	buf_printf(&word, "<%s>", value);
	header_word(h, word.data, word.len);
	buf_free(&word);
}

static void header_mailbox(struct buf *out, const char *field, const char *name,
			   const char *address)
{
	struct header h;
	header_start(&h, out, field);
	if (name != NULL && *name != '\0')
		header_display_name(&h, name);
	header_bracketed_word(&h, address);
	header_end(&h);
}

/* "Field: <value>" for an address, identifier or URL. */
static void header_bracketed(struct buf *out, const char *field, const char *value)
{
	struct header h;
	header_start(&h, out, field);
	header_bracketed_word(&h, value);
	header_end(&h);
}

/* "<a> <b>": each identifier a word of its own. */
static int header_ids(struct buf *out, const char *field, const char *ids)
{
	struct header h;
	header_start(&h, out, field);
	const char *p = ids;
	int count = 0;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == 0)
			break;
		char id[256];
		if (n >= sizeof id - 2)
			return -1;
		memcpy(id, p, n);
		id[n] = '\0';
		if (!id_ok(id))
			return -1;
		header_bracketed_word(&h, id);
		p += n;
		count++;
	}
	header_end(&h);
	return count > 0 ? 0 : -1;
}

void mime_date(struct buf *out, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
		   months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ---- bodies ------------------------------------------------------------ */

void mime_quoted_printable(struct buf *out, const char *text, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t line = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue; /* the \n that follows ends the line */
		if (c == '\n') {
			buf_puts(out, "\r\n");
			line = 0;
			continue;
		}
		bool at_line_end = i + 1 == len || text[i + 1] == '\n'
				   || (text[i + 1] == '\r' && i + 2 < len && text[i + 2] == '\n');
		bool literal = (c >= 33 && c <= 126 && c != '=')
			       || ((c == ' ' || c == '\t') && !at_line_end);
		size_t width = literal ? 1 : 3;
		/* Room for the soft break's "=" unless this ends the line. */
		size_t limit = at_line_end ? QP_LINE_CHARS : QP_LINE_CHARS - 1;
		if (line + width > limit) {
			buf_puts(out, "=\r\n");
			line = 0;
		}
		if (literal) {
			buf_putc(out, (char)c);
		} else {
			buf_putc(out, '=');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		}
		line += width;
	}
	if (len == 0 || text[len - 1] != '\n')
		buf_puts(out, "\r\n");
}

void mime_base64(struct buf *out, const char *data, size_t len)
{
	const size_t bytes_per_line = B64_LINE_CHARS / 4 * 3;
	for (size_t i = 0; i < len; i += bytes_per_line) {
		size_t n = len - i < bytes_per_line ? len - i : bytes_per_line;
		base64_chunk(out, (const unsigned char *)data + i, n);
		buf_puts(out, "\r\n");
	}
}

static void text_part_headers(struct buf *out, const char *subtype)
{
	buf_printf(out, "Content-Type: text/%s; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: quoted-printable\r\n", subtype);
}

static void boundary_line(struct buf *out, const char *boundary, bool last)
{
	buf_printf(out, "--%s%s\r\n", boundary, last ? "--" : "");
}

static void alternative_body(struct buf *out, const struct mime_message *m, const char *boundary)
{
	boundary_line(out, boundary, false);
	text_part_headers(out, "plain");
	buf_puts(out, "\r\n");
	mime_quoted_printable(out, m->text, strlen(m->text));
	boundary_line(out, boundary, false);
	text_part_headers(out, "html");
	buf_puts(out, "\r\n");
	mime_quoted_printable(out, m->html, strlen(m->html));
	boundary_line(out, boundary, true);
}

static void multipart_header(struct buf *out, const char *subtype, const char *boundary)
{
	buf_printf(out, "Content-Type: multipart/%s;\r\n boundary=\"%s\"\r\n", subtype, boundary);
}

static bool filename_ok(const char *name)
{
	if (name == NULL || *name == '\0' || strlen(name) > 60)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		      || *p == '.' || *p == '-' || *p == '_'))
			return false;
	return true;
}

static bool content_type_ok(const char *type)
{
	if (type == NULL || *type == '\0' || strlen(type) > 120)
		return false;
	for (const unsigned char *p = (const unsigned char *)type; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			return false;
	return true;
}

static void attachment_part(struct buf *out, const struct mime_attachment *a)
{
	buf_printf(out, "Content-Type: %s;\r\n name=\"%s\"\r\n", a->content_type, a->filename);
	buf_puts(out, "Content-Transfer-Encoding: base64\r\n");
	buf_printf(out, "Content-Disposition: %s;\r\n filename=\"%s\"\r\n",
		   a->inline_part ? "inline" : "attachment", a->filename);
	buf_puts(out, "\r\n");
	mime_base64(out, a->data, a->len);
}

/* The Content-Type of the whole message and its body. */
static void message_body(struct buf *out, const struct mime_message *m, const char *seed)
{
	char mixed[64], alternative[64];
	snprintf(mixed, sizeof mixed, "=_baton_%s_0", seed);
	snprintf(alternative, sizeof alternative, "=_baton_%s_1", seed);
	if (m->attachment_count == 0 && m->html == NULL) {
		text_part_headers(out, "plain");
		buf_puts(out, "\r\n");
		mime_quoted_printable(out, m->text, strlen(m->text));
		return;
	}
	if (m->attachment_count == 0) {
		multipart_header(out, "alternative", alternative);
		buf_puts(out, "\r\n");
		alternative_body(out, m, alternative);
		return;
	}
	multipart_header(out, "mixed", mixed);
	buf_puts(out, "\r\n");
	boundary_line(out, mixed, false);
	if (m->html != NULL) {
		multipart_header(out, "alternative", alternative);
		buf_puts(out, "\r\n");
		alternative_body(out, m, alternative);
	} else {
		text_part_headers(out, "plain");
		buf_puts(out, "\r\n");
		mime_quoted_printable(out, m->text, strlen(m->text));
	}
	for (size_t i = 0; i < m->attachment_count; i++) {
		boundary_line(out, mixed, false);
		attachment_part(out, &m->attachments[i]);
	}
	boundary_line(out, mixed, true);
}

static int check(const struct mime_message *m)
{
	if (!mime_address_ok(m->from_address) || !mime_address_ok(m->to_address)
	    || (m->reply_to != NULL && !mime_address_ok(m->reply_to)) || !id_ok(m->message_id)
	    || (m->in_reply_to != NULL && !id_ok(m->in_reply_to)) || m->subject == NULL
	    || m->text == NULL)
		return -1;
	if (m->auto_submitted != NULL && strcmp(m->auto_submitted, "auto-generated") != 0
	    && strcmp(m->auto_submitted, "auto-replied") != 0)
		return -1;
	if (m->list_unsubscribe != NULL
	    && (strncmp(m->list_unsubscribe, "https://", 8) != 0
		&& strncmp(m->list_unsubscribe, "http://", 7) != 0))
		return -1;
	if (m->list_unsubscribe != NULL && !content_type_ok(m->list_unsubscribe))
		return -1;
	if (m->boundary != NULL && (strlen(m->boundary) > 40 || !filename_ok(m->boundary)))
		return -1;
	for (size_t i = 0; i < m->attachment_count; i++)
		if (!filename_ok(m->attachments[i].filename)
		    || !content_type_ok(m->attachments[i].content_type))
			return -1;
	return 0;
}

int mime_build(const struct mime_message *m, struct buf *out)
{
	if (check(m) != 0)
		return -1;
	char seed[33];
	if (m->boundary != NULL) {
		snprintf(seed, sizeof seed, "%s", m->boundary);
	} else if (crypto_public_id(seed) != 0) {
		return -1;
	}
	size_t start = out->len;
	buf_puts(out, "Date: ");
	mime_date(out, m->date);
	buf_puts(out, "\r\n");
	header_mailbox(out, "From", m->from_name, m->from_address);
	header_mailbox(out, "To", m->to_name, m->to_address);
	if (m->reply_to != NULL)
		header_bracketed(out, "Reply-To", m->reply_to);
	mime_header(out, "Subject", m->subject);
	header_bracketed(out, "Message-ID", m->message_id);
	if (m->in_reply_to != NULL)
		header_bracketed(out, "In-Reply-To", m->in_reply_to);
	if (m->references != NULL && *m->references != '\0'
	    && header_ids(out, "References", m->references) != 0) {
		out->len = start;
		out->data[start] = '\0';
		return -1;
	}
	if (m->auto_submitted != NULL)
		buf_printf(out, "Auto-Submitted: %s\r\n", m->auto_submitted);
	if (m->list_unsubscribe != NULL) {
		header_bracketed(out, "List-Unsubscribe", m->list_unsubscribe);
		buf_puts(out, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	}
	buf_puts(out, "MIME-Version: 1.0\r\n");
	message_body(out, m, seed);
	return 0;
}
