/* mail_parse.c - one incoming message into a struct mail_in (see
 * mail_parse.h): headers, the MIME tree (bounded in parts and depth), the
 * text to show, attachments, and delivery reports. */
#include "mail_parse.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mail_text.h"
#include "mime.h"
#include "pool.h"

enum {
	HEADER_BYTES_MAX = 256 * 1024, /* all header lines of one part */
	HEADER_VALUE_MAX = 16 * 1024,  /* one field, unfolded */
	PARAM_MAX = 40,                /* parameters of one Content-Type */
	ID_MAX = 250,
	REFERENCES_MAX = 20,
	ATTACHMENT_NAME_MAX = 200,
};

struct field {
	const char *name;
	char *value;
};

struct entity {
	struct field *fields;
	size_t count;
	const char *body;
	size_t body_len;
};

struct parser {
	struct pool *pool;
	const struct mail_parse_limits *limits;
	struct mail_in *out;
	size_t parts;
	const char *error;
	const char *plain;
	size_t plain_len;
	const char *html;
	size_t html_len;
	struct buf attachments; /* struct mail_attachment_in[] */
};

/* ---- lines and header fields --------------------------------------------- */

/* The end of the line at p (its \n, or end), and where the next begins. */
static const char *line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (nl == NULL) {
		*next = end;
		return end;
	}
	*next = nl + 1;
	return nl > p && nl[-1] == '\r' ? nl - 1 : nl;
}

static bool field_name_ok(const char *p, size_t n)
{
	if (n == 0 || n > 76)
		return false;
	for (size_t i = 0; i < n; i++)
		if (p[i] <= 32 || p[i] >= 127 || p[i] == ':')
			return false;
	return true;
}

/* Splits data into header fields (unfolded) and body. A part may have no
 * header at all (it starts with an empty line); lines that are not fields
 * (an mbox "From " line) are skipped. */
static int split_entity(struct parser *ps, const char *data, size_t len, struct entity *e)
{
	const char *p = data, *end = data + len;
	size_t capacity = 16, header_bytes = 0;
	memset(e, 0, sizeof *e);
	e->fields = pool_alloc(ps->pool, capacity * sizeof *e->fields);
	struct buf value;
	buf_init(&value);
	struct field *current = NULL;
	while (p < end) {
		const char *next;
		const char *le = line_end(p, end, &next);
		size_t n = (size_t)(le - p);
		header_bytes += (size_t)(next - p);
		if (header_bytes > HEADER_BYTES_MAX) {
			buf_free(&value);
			ps->error = "the header is too large";
			return -1;
		}
		if (n == 0) { /* the empty line: the body follows */
			p = next;
			break;
		}
		if ((*p == ' ' || *p == '\t') && current != NULL) {
			if (strlen(current->value) + n < HEADER_VALUE_MAX) {
				buf_clear(&value);
				buf_puts(&value, current->value);
				buf_append(&value, p, n);
				current->value = pool_strdup(ps->pool, value.data);
			}
			p = next;
			continue;
		}
		const char *colon = memchr(p, ':', n);
		if (colon == NULL || !field_name_ok(p, (size_t)(colon - p))) {
			current = NULL;
			p = next;
			continue;
		}
		if (e->count == ps->limits->max_headers) {
			buf_free(&value);
			ps->error = "too many header fields";
			return -1;
		}
		if (e->count == capacity) {
			struct field *bigger = pool_alloc(ps->pool, 2 * capacity * sizeof *bigger);
			memcpy(bigger, e->fields, capacity * sizeof *bigger);
			e->fields = bigger;
			capacity *= 2;
		}
		current = &e->fields[e->count++];
		current->name = pool_strndup(ps->pool, p, (size_t)(colon - p));
		const char *v = colon + 1;
		size_t vn = (size_t)(le - v);
		current->value = pool_strndup(ps->pool, v, vn < HEADER_VALUE_MAX ? vn : HEADER_VALUE_MAX);
		p = next;
	}
	buf_free(&value);
	e->body = p;
	e->body_len = (size_t)(end - p);
	return 0;
}

static const char *field(const struct entity *e, const char *name)
{
	for (size_t i = 0; i < e->count; i++)
		if (strcasecmp(e->fields[i].name, name) == 0)
			return e->fields[i].value;
	return NULL;
}

static char *trimmed_lower(struct pool *pool, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *out = pool_strndup(pool, s, n);
	for (char *c = out; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return out;
}

/* ---- structured values ------------------------------------------------------ */

struct param {
	char name[64];
	const char *value;
};

/* "type/subtype; a=b; c="d"": the lower-cased type into type, parameters
 * into params (names lower case, quoted strings unquoted). */
static size_t parse_params(struct pool *pool, const char *value, char *type, size_t type_size,
			   struct param *params)
{
	const char *p = value;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t t = 0;
	while (*p && *p != ';' && *p != ' ' && *p != '\t' && t + 1 < type_size)
		type[t++] = (char)tolower((unsigned char)*p++);
	type[t] = '\0';
	size_t count = 0;
	while (*p && count < PARAM_MAX) {
		p = strchr(p, ';');
		if (p == NULL)
			break;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = 0;
		while (p[n] && p[n] != '=' && p[n] != ';' && n < 63)
			n++;
		if (p[n] != '=') {
			p += n;
			continue;
		}
		struct param *param = &params[count];
		for (size_t i = 0; i < n; i++)
			param->name[i] = (char)tolower((unsigned char)p[i]);
		while (n > 0 && param->name[n - 1] == ' ')
			n--;
		param->name[n] = '\0';
		p = strchr(p, '=') + 1;
		while (*p == ' ' || *p == '\t')
			p++;
		struct buf v;
		buf_init(&v);
		if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1])
					p++;
				buf_putc(&v, *p++);
			}
			if (*p == '"')
				p++;
		} else {
			while (*p && *p != ';' && *p != ' ' && *p != '\t')
				buf_putc(&v, *p++);
		}
		param->value = pool_strdup(pool, v.data ? v.data : "");
		buf_free(&v);
		count++;
	}
	return count;
}

static int hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* RFC 2231: charset'language'percent-encoded, or a continuation's
 * percent-encoded text. */
static void percent_decode(struct buf *out, const char *s)
{
	for (; *s; s++) {
		int hi, lo;
		if (*s == '%' && (hi = hexdigit((unsigned char)s[1])) >= 0
		    && (lo = hexdigit((unsigned char)s[2])) >= 0) {
			buf_putc(out, (char)(hi * 16 + lo));
			s += 2;
		} else {
			buf_putc(out, *s);
		}
	}
}

/* A parameter's value as UTF-8: plain, RFC 2231 extended (name*), or
 * continued (name*0, name*1*, ...). NULL when absent. */
static char *param_value(struct pool *pool, const struct param *params, size_t count,
			 const char *name)
{
	char want[80];
	for (size_t i = 0; i < count; i++)
		if (strcmp(params[i].name, name) == 0)
			return mail_decode_header(pool, params[i].value);
	struct buf raw;
	buf_init(&raw);
	char charset[48] = "";
	bool found = false;
	for (int part = -1; part < 20; part++) {
		bool got = false;
		for (size_t i = 0; i < count && !got; i++) {
			if (part < 0)
				snprintf(want, sizeof want, "%s*", name);
			else
				snprintf(want, sizeof want, "%s*%d", name, part);
			size_t wl = strlen(want);
			bool extended = strncmp(params[i].name, want, wl) == 0
					&& params[i].name[wl] == '*' && params[i].name[wl + 1] == '\0';
			bool plain = strcmp(params[i].name, want) == 0;
			if (part < 0 && plain)
				extended = true, plain = false;
			if (!extended && !plain)
				continue;
			const char *v = params[i].value;
			if (extended && (part <= 0)) {
				const char *q1 = strchr(v, '\'');
				const char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
				if (q2 != NULL) {
					snprintf(charset, sizeof charset, "%.*s",
						 (int)(q1 - v < 47 ? q1 - v : 47), v);
					v = q2 + 1;
				}
			}
			if (extended)
				percent_decode(&raw, v);
			else
				buf_puts(&raw, v);
			got = found = true;
		}
		if (part < 0 && got)
			break;
		if (part >= 0 && !got)
			break;
	}
	if (!found) {
		buf_free(&raw);
		return NULL;
	}
	size_t n;
	char *value = mail_to_utf8(pool, charset[0] ? charset : NULL, raw.data ? raw.data : "",
				   raw.len, &n);
	buf_free(&raw);
	return value;
}

/* Message-IDs: the first (or every) <id> of a value, checked. */
static bool id_chars_ok(const char *s, size_t n)
{
	if (n == 0 || n > ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= 32 || s[i] >= 127 || s[i] == '<' || s[i] == '>' || s[i] == '"')
			return false;
	return true;
}

static const char *ids(struct pool *pool, const char *value, size_t max)
{
	if (value == NULL)
		return NULL;
	const char *found[REFERENCES_MAX];
	size_t count = 0, total = 0;
	for (const char *p = value; (p = strchr(p, '<')) != NULL;) {
		const char *close = strchr(p, '>');
		if (close == NULL)
			break;
		size_t n = (size_t)(close - p - 1);
		if (id_chars_ok(p + 1, n)) {
			if (count == max) { /* keep the newest: they are last */
				memmove(found, found + 1, (max - 1) * sizeof *found);
				count--;
			}
			found[count++] = pool_strndup(pool, p + 1, n);
		}
		p = close + 1;
	}
	if (count == 0)
		return NULL;
	for (size_t i = 0; i < count; i++)
		total += strlen(found[i]) + 1;
	char *out = pool_alloc(pool, total + 1);
	out[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, found[i]);
	}
	return out;
}

/* An address field: "Name <a@b>", "a@b (Name)" or "a@b". */
static void parse_mailbox(struct pool *pool, const char *value, const char **address,
			  const char **name)
{
	*address = NULL;
	*name = NULL;
	if (value == NULL)
		return;
	const char *lt = strrchr(value, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	char *addr;
	if (lt != NULL && gt != NULL) {
		addr = pool_strndup(pool, lt + 1, (size_t)(gt - lt - 1));
		char *display = mail_decode_header(pool, pool_strndup(pool, value, (size_t)(lt - value)));
		size_t n = strlen(display);
		while (n > 0 && (display[n - 1] == ' ' || display[n - 1] == '"'))
			display[--n] = '\0';
		while (*display == ' ' || *display == '"')
			display++;
		if (*display)
			*name = display;
	} else {
		const char *p = value;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, " \t(,;");
		addr = pool_strndup(pool, p, n);
	}
	char *at = strrchr(addr, '@');
	if (at == NULL || !mime_address_ok(addr) || strlen(addr) > 254)
		return;
	for (char *c = at; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	*address = addr;
}

/* ---- the MIME tree ----------------------------------------------------------- */

/* Splits a multipart body at its boundary; calls walk for each part. */
static int walk(struct parser *ps, const char *data, size_t len, size_t depth, bool digest);

static bool is_delimiter(const char *line, size_t n, const char *boundary, size_t bl, bool *close)
{
	if (n < bl + 2 || line[0] != '-' || line[1] != '-' || memcmp(line + 2, boundary, bl) != 0)
		return false;
	size_t i = bl + 2;
	*close = n >= i + 2 && line[i] == '-' && line[i + 1] == '-';
	if (*close)
		i += 2;
	for (; i < n; i++) /* only white space may follow */
		if (line[i] != ' ' && line[i] != '\t')
			return false;
	return true;
}

static int walk_multipart(struct parser *ps, const char *body, size_t len, const char *boundary,
			  size_t depth, bool digest)
{
	size_t bl = strlen(boundary);
	if (bl == 0 || bl > 200)
		return 0; /* not a usable multipart: nothing to show from it */
	const char *p = body, *end = body + len;
	const char *part = NULL;
	while (p < end) {
		const char *next;
		const char *le = line_end(p, end, &next);
		bool close = false;
		if (is_delimiter(p, (size_t)(le - p), boundary, bl, &close)) {
			if (part != NULL) {
				/* The line break before the delimiter belongs to it. */
				const char *part_end = p;
				if (part_end > part && part_end[-1] == '\n')
					part_end--;
				if (part_end > part && part_end[-1] == '\r')
					part_end--;
				if (walk(ps, part, (size_t)(part_end - part), depth + 1, digest) != 0)
					return -1;
			}
			if (close)
				return 0;
			part = next;
		}
		p = next;
	}
	/* No closing delimiter: the last part runs to the end. */
	if (part != NULL && part < end)
		return walk(ps, part, (size_t)(end - part), depth + 1, digest);
	return 0;
}

static void delivery_status(struct parser *ps, const char *text, size_t len)
{
	struct mail_in *m = ps->out;
	m->delivery_report = true;
	const char *p = text, *end = text + len;
	const char *recipient = NULL, *status = NULL, *diagnostic = NULL;
	bool failed = false;
	while (p < end) {
		const char *next;
		const char *le = line_end(p, end, &next);
		size_t n = (size_t)(le - p);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)(n < 511 ? n : 511), p);
		const char *colon = strchr(line, ':');
		if (n == 0 || colon == NULL) {
			/* A blank line ends one recipient's fields. */
			if (failed && recipient != NULL)
				break;
			if (n == 0) {
				failed = false;
				recipient = status = diagnostic = NULL;
			}
			p = next;
			continue;
		}
		const char *v = colon + 1;
		while (*v == ' ')
			v++;
		if (strncasecmp(line, "Action:", 7) == 0)
			failed = strncasecmp(v, "failed", 6) == 0;
		else if (strncasecmp(line, "Final-Recipient:", 16) == 0)
			recipient = pool_strdup(ps->pool, strchr(v, ';') ? strchr(v, ';') + 1 : v);
		else if (strncasecmp(line, "Status:", 7) == 0)
			status = pool_strdup(ps->pool, v);
		else if (strncasecmp(line, "Diagnostic-Code:", 16) == 0)
			diagnostic = pool_strdup(ps->pool, strchr(v, ';') ? strchr(v, ';') + 1 : v);
		p = next;
	}
	if (failed && !m->delivery_failed) {
		size_t n;
		m->delivery_failed = true;
		if (recipient != NULL) {
			while (*recipient == ' ')
				recipient++;
			m->failed_recipient = mail_to_utf8(ps->pool, NULL, recipient, strlen(recipient), &n);
		}
		if (status != NULL)
			m->delivery_status = mail_to_utf8(ps->pool, NULL, status, strlen(status), &n);
		const char *why = diagnostic ? diagnostic : status;
		if (why != NULL)
			m->delivery_reason = mail_to_utf8(ps->pool, NULL, why, strlen(why), &n);
	}
}

static const char *safe_filename(struct pool *pool, const char *name)
{
	if (name == NULL)
		return "attachment";
	const char *base = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	char *out = pool_strndup(pool, base, strlen(base) < ATTACHMENT_NAME_MAX ? strlen(base) : ATTACHMENT_NAME_MAX);
	/* Cut back to a whole UTF-8 character. */
	size_t n = strlen(out);
	while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0 && (unsigned char)out[n - 1] >= 0xc0)
		n--;
	if (strlen(out) != n && strlen(base) > ATTACHMENT_NAME_MAX)
		out[n] = '\0';
	for (char *c = out; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == '"')
			*c = '_';
	return *out && strcmp(out, ".") != 0 && strcmp(out, "..") != 0 ? out : "attachment";
}

static void add_attachment(struct parser *ps, const char *type, const char *filename,
			   const char *data, size_t len)
{
	struct mail_attachment_in a = {
		.filename = safe_filename(ps->pool, filename),
		.content_type = pool_strdup(ps->pool, type),
		.data = data,
		.len = len,
	};
	buf_append(&ps->attachments, &a, sizeof a);
	ps->out->attachment_bytes += len;
}

static int walk(struct parser *ps, const char *data, size_t len, size_t depth, bool digest)
{
	if (++ps->parts > ps->limits->max_parts) {
		ps->error = "too many MIME parts";
		return -1;
	}
	if (depth > ps->limits->max_depth) {
		ps->error = "MIME parts nested too deeply";
		return -1;
	}
	struct entity e;
	if (split_entity(ps, data, len, &e) != 0)
		return -1;
	char type[128];
	struct param params[PARAM_MAX];
	size_t count = 0;
	const char *ct = field(&e, "Content-Type");
	if (ct != NULL)
		count = parse_params(ps->pool, ct, type, sizeof type, params);
	if (ct == NULL || strchr(type, '/') == NULL)
		snprintf(type, sizeof type, "%s", digest ? "message/rfc822" : "text/plain");
	if (strncmp(type, "multipart/", 10) == 0) {
		char *boundary = param_value(ps->pool, params, count, "boundary");
		if (boundary == NULL)
			return 0;
		if (strcmp(type, "multipart/report") == 0)
			ps->out->from_mailer_daemon = true;
		return walk_multipart(ps, e.body, e.body_len, boundary, depth,
				      strcmp(type, "multipart/digest") == 0);
	}
	const char *cte = field(&e, "Content-Transfer-Encoding");
	char *encoding = cte ? trimmed_lower(ps->pool, cte) : "7bit";
	size_t n = e.body_len;
	const char *body = e.body;
	if (strcmp(encoding, "quoted-printable") == 0)
		body = mail_decode_qp(ps->pool, e.body, e.body_len, &n);
	else if (strcmp(encoding, "base64") == 0)
		body = mail_decode_base64(ps->pool, e.body, e.body_len, &n);
	const char *disposition = field(&e, "Content-Disposition");
	char dtype[32] = "";
	struct param dparams[PARAM_MAX];
	size_t dcount = 0;
	if (disposition != NULL)
		dcount = parse_params(ps->pool, disposition, dtype, sizeof dtype, dparams);
	char *filename = param_value(ps->pool, dparams, dcount, "filename");
	if (filename == NULL)
		filename = param_value(ps->pool, params, count, "name");
	bool attached = strcmp(dtype, "attachment") == 0;
	char *charset = param_value(ps->pool, params, count, "charset");
	if (strcmp(type, "message/delivery-status") == 0
	    || strcmp(type, "message/global-delivery-status") == 0) {
		delivery_status(ps, body, n);
		return 0;
	}
	if (ps->out->delivery_report
	    && (strcmp(type, "message/rfc822") == 0 || strcmp(type, "text/rfc822-headers") == 0))
		return 0; /* the returned message of a bounce: nothing of ours */
	if (!attached && strcmp(type, "text/plain") == 0 && ps->plain == NULL) {
		ps->plain = mail_to_utf8(ps->pool, charset, body, n, &ps->plain_len);
		return 0;
	}
	if (!attached && strcmp(type, "text/html") == 0 && ps->html == NULL) {
		ps->html = mail_to_utf8(ps->pool, charset, body, n, &ps->html_len);
		return 0;
	}
	if (n > 0 || filename != NULL)
		add_attachment(ps, type, filename, body, n);
	return 0;
}

/* ---- the message ----------------------------------------------------------------- */

static void machine_signs(struct parser *ps, const struct entity *top)
{
	struct mail_in *m = ps->out;
	const char *v;
	if ((v = field(top, "Auto-Submitted")) != NULL)
		m->auto_submitted = trimmed_lower(ps->pool, v);
	if ((v = field(top, "Precedence")) != NULL)
		m->precedence = trimmed_lower(ps->pool, v);
	m->autoreply_header = field(top, "X-Autoreply") != NULL || field(top, "X-Autorespond") != NULL
			      || field(top, "X-Auto-Response-Suppress") != NULL;
	m->list_header = field(top, "List-Id") != NULL || field(top, "List-Unsubscribe") != NULL;
	if (m->from_address != NULL) {
		if (strncasecmp(m->from_address, "mailer-daemon@", 14) == 0
		    || strncasecmp(m->from_address, "postmaster@", 11) == 0)
			m->from_mailer_daemon = true;
	}
	if ((v = field(top, "X-Failed-Recipients")) != NULL && m->failed_recipient == NULL) {
		m->delivery_failed = true;
		m->failed_recipient = mail_decode_header(ps->pool, v);
	}
}

int mail_parse(struct pool *pool, const char *raw, size_t len,
	       const struct mail_parse_limits *limits, struct mail_in *out, const char **error)
{
	memset(out, 0, sizeof *out);
	struct parser ps = { .pool = pool, .limits = limits, .out = out };
	buf_init(&ps.attachments);
	struct entity top;
	*error = NULL;
	if (split_entity(&ps, raw, len, &top) != 0) {
		*error = ps.error;
		return -1;
	}
	if (field(&top, "From") == NULL) {
		*error = top.count == 0 ? "no header" : "no From field";
		return -1;
	}
	parse_mailbox(pool, field(&top, "From"), &out->from_address, &out->from_name);
	const char *reply_name;
	parse_mailbox(pool, field(&top, "Reply-To"), &out->reply_to, &reply_name);
	const char *subject = field(&top, "Subject");
	out->subject = subject ? mail_decode_header(pool, subject) : "";
	out->message_id = ids(pool, field(&top, "Message-ID"), 1);
	out->in_reply_to = ids(pool, field(&top, "In-Reply-To"), 1);
	out->references = ids(pool, field(&top, "References"), REFERENCES_MAX);
	if (walk(&ps, raw, len, 0, false) != 0) {
		buf_free(&ps.attachments);
		*error = ps.error;
		return -1;
	}
	machine_signs(&ps, &top);
	if (ps.plain != NULL) {
		out->text = ps.plain;
		out->text_len = ps.plain_len;
	} else if (ps.html != NULL) {
		out->text = mail_html_to_text(pool, ps.html, ps.html_len, &out->text_len);
	} else {
		out->text = "";
	}
	out->attachment_count = ps.attachments.len / sizeof(struct mail_attachment_in);
	if (out->attachment_count > 0) {
		out->attachments = pool_alloc(pool, ps.attachments.len);
		memcpy(out->attachments, ps.attachments.data, ps.attachments.len);
	}
	buf_free(&ps.attachments);
	return 0;
}

bool mail_is_automatic(const struct mail_in *m)
{
	if (m->auto_submitted != NULL && strcmp(m->auto_submitted, "no") != 0)
		return true;
	if (m->precedence != NULL
	    && (strcmp(m->precedence, "bulk") == 0 || strcmp(m->precedence, "junk") == 0
		|| strcmp(m->precedence, "list") == 0 || strcmp(m->precedence, "auto_reply") == 0))
		return true;
	return m->autoreply_header || m->list_header || m->from_mailer_daemon || m->delivery_report
	       || m->from_address == NULL;
}

/* ---- the reply's own words -------------------------------------------------------- */

static bool ends_with(const char *line, size_t n, const char *tail)
{
	size_t t = strlen(tail);
	return n >= t && strncmp(line + n - t, tail, t) == 0;
}

/* "On Tue, 1 Dec 2026, Vera <v@x> wrote:", "Le ... a écrit :", "Am ...
 * schrieb Vera <v@x>:", or Outlook's "-----Original Message-----". */
static bool starts_quote_header(const char *line, size_t n)
{
	if (n >= 26 && strncmp(line, "-----Original Message-----", 26) == 0)
		return true;
	if (n < 8 || n > 300 || line[n - 1] != ':')
		return false;
	char copy[301];
	memcpy(copy, line, n);
	copy[n] = '\0';
	return ends_with(line, n, "wrote:") || strstr(copy, " schrieb ") != NULL
	       || ends_with(line, n, "schrieb:") || strstr(copy, "a \xc3\xa9" "crit") != NULL;
}

const char *mail_strip_quote(struct pool *pool, const char *text)
{
	size_t len = strlen(text);
	size_t cut = len;
	/* From the end: quoted lines and blank ones, then perhaps the line
	 * that introduced them. */
	const char *p = text;
	size_t quote_start = len;
	bool in_tail = false;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		bool blank = true;
		for (size_t i = 0; i < n; i++)
			if (p[i] != ' ' && p[i] != '\t')
				blank = false;
		if (p[0] == '>') {
			if (!in_tail)
				quote_start = (size_t)(p - text);
			in_tail = true;
		} else if (!blank) {
			in_tail = false;
			quote_start = len;
			if (starts_quote_header(p, n) && strncmp(p, "-----Original", 13) == 0) {
				cut = (size_t)(p - text);
				break;
			}
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (cut == len && quote_start < len)
		cut = quote_start;
	/* The "... wrote:" line (and blank lines) just above the quote. */
	while (cut > 0) {
		size_t end = cut;
		while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' '))
			end--;
		size_t start = end;
		while (start > 0 && text[start - 1] != '\n')
			start--;
		if (end > start && starts_quote_header(text + start, end - start)
		    && strncmp(text + start, "-----Original", 13) != 0) {
			cut = start;
			continue;
		}
		cut = end;
		break;
	}
	if (cut == 0)
		return pool_strdup(pool, text); /* all quote: keep it rather than nothing */
	return pool_strndup(pool, text, cut);
}
