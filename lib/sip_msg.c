/* sip_msg.c - reading SIP messages: split in place, never past the copy. */
#include "sip_msg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* RFC 3261 section 7.3.3 (and the common extensions). */
static const struct {
	char compact;
	const char *name;
} compact_forms[] = {
	{ 'i', "Call-ID" }, { 'm', "Contact" }, { 'e', "Content-Encoding" },
	{ 'l', "Content-Length" }, { 'c', "Content-Type" }, { 'f', "From" },
	{ 's', "Subject" }, { 'k', "Supported" }, { 't', "To" }, { 'v', "Via" },
	{ 'o', "Event" }, { 'r', "Refer-To" }, { 'b', "Referred-By" }, { 'u', "Allow-Events" },
};

static const char *long_name(const char *name)
{
	if (name[0] == '\0' || name[1] != '\0')
		return name;
	for (size_t i = 0; i < sizeof compact_forms / sizeof compact_forms[0]; i++)
		if (tolower((unsigned char)name[0]) == compact_forms[i].compact)
			return compact_forms[i].name;
	return name;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

static bool is_token_char(unsigned char c)
{
	return isalnum(c) || strchr("-.!%*_+`'~", c) != NULL;
}

static bool is_token(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!is_token_char((unsigned char)*s))
			return false;
	return true;
}

/* Folded header lines (a line break followed by white space) become one
 * line, so that splitting at line breaks afterwards is all there is. */
static void unfold(char *head)
{
	for (char *p = head; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
			p[0] = ' ';
			p[1] = ' ';
		} else if (p[0] == '\n' && (p[1] == ' ' || p[1] == '\t')) {
			p[0] = ' ';
		}
	}
}

/* Cuts the next line off *cursor; NULL at the end. */
static char *next_line(char **cursor)
{
	char *line = *cursor;
	if (line == NULL || *line == '\0')
		return NULL;
	char *nl = strchr(line, '\n');
	if (nl == NULL) {
		*cursor = line + strlen(line);
	} else {
		*nl = '\0';
		*cursor = nl + 1;
	}
	size_t n = strlen(line);
	if (n > 0 && line[n - 1] == '\r')
		line[n - 1] = '\0';
	return line;
}

static int parse_start_line(struct sip_msg *m, char *line, const char **error)
{
	if (strncmp(line, "SIP/2.0 ", 8) == 0) {
		char *code = line + 8;
		if (!isdigit((unsigned char)code[0]) || !isdigit((unsigned char)code[1])
		    || !isdigit((unsigned char)code[2]) || (code[3] != ' ' && code[3] != '\0')) {
			*error = "bad status code";
			return -1;
		}
		m->status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
		if (m->status < 100 || m->status > 699) {
			*error = "status code out of range";
			return -1;
		}
		m->reason = code[3] == ' ' ? trim(code + 4) : "";
		m->is_request = false;
		return 0;
	}
	char *sp1 = strchr(line, ' ');
	char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
	if (sp1 == NULL || sp2 == NULL || strcmp(sp2 + 1, "SIP/2.0") != 0) {
		*error = "bad request line";
		return -1;
	}
	*sp1 = '\0';
	*sp2 = '\0';
	if (!is_token(line) || sp1[1] == '\0' || strchr(sp1 + 1, ' ') != NULL) {
		*error = "bad request line";
		return -1;
	}
	m->is_request = true;
	m->method = line;
	m->uri = sp1 + 1;
	return 0;
}

static int parse_header_line(struct sip_msg *m, char *line, const char **error)
{
	char *colon = strchr(line, ':');
	if (colon == NULL) {
		*error = "header line without a colon";
		return -1;
	}
	*colon = '\0';
	char *name = trim(line);
	if (!is_token(name)) {
		*error = "bad header name";
		return -1;
	}
	if (m->header_count == SIP_MAX_HEADERS) {
		*error = "too many headers";
		return -1;
	}
	m->headers[m->header_count].name = long_name(name);
	m->headers[m->header_count].value = trim(colon + 1);
	m->header_count++;
	return 0;
}

/* "CSeq: 314159 INVITE" */
static int parse_cseq(struct sip_msg *m, const char **error)
{
	const char *v = sip_header(m, "CSeq");
	char *end;
	if (v == NULL || !isdigit((unsigned char)*v)) {
		*error = "missing or bad CSeq";
		return -1;
	}
	unsigned long n = strtoul(v, &end, 10);
	if (n > 0x7fffffffUL || (*end != ' ' && *end != '\t')) {
		*error = "bad CSeq number";
		return -1;
	}
	while (*end == ' ' || *end == '\t')
		end++;
	if (!is_token(end)) {
		*error = "bad CSeq method";
		return -1;
	}
	m->cseq = (long)n;
	m->cseq_method = end;
	return 0;
}

static int find_essentials(struct sip_msg *m, const char **error)
{
	m->call_id = sip_header(m, "Call-ID");
	m->from = sip_header(m, "From");
	m->to = sip_header(m, "To");
	m->via = sip_header(m, "Via");
	if (m->call_id == NULL || *m->call_id == '\0' || m->from == NULL || m->to == NULL
	    || m->via == NULL) {
		*error = "missing Call-ID, From, To or Via";
		return -1;
	}
	return parse_cseq(m, error);
}

static int set_body(struct sip_msg *m, char *body, size_t available, const char **error)
{
	const char *cl = sip_header(m, "Content-Length");
	size_t len = available;
	if (cl != NULL) {
		char *end;
		if (!isdigit((unsigned char)*cl)) {
			*error = "bad Content-Length";
			return -1;
		}
		unsigned long n = strtoul(cl, &end, 10);
		if (*end != '\0' || n > available) {
			*error = "Content-Length beyond the datagram";
			return -1;
		}
		len = n;
	}
	body[len] = '\0';
	if (memchr(body, '\0', len) != NULL) {
		*error = "NUL in the body";
		return -1;
	}
	m->body = body;
	m->body_len = len;
	return 0;
}

int sip_parse(struct sip_msg *m, const char *data, size_t len, const char **error)
{
	memset(m, 0, sizeof *m);
	*error = NULL;
	if (len == 0 || len > SIP_MAX_MESSAGE) {
		*error = len == 0 ? "empty message" : "message too large";
		return -1;
	}
	m->text = malloc(len + 1);
	if (m->text == NULL) {
		*error = "out of memory";
		return -1;
	}
	memcpy(m->text, data, len);
	m->text[len] = '\0';

	/* The header section ends at the first empty line. */
	char *crlf = memmem(m->text, len, "\r\n\r\n", 4);
	char *lf = memmem(m->text, len, "\n\n", 2);
	char *body;
	size_t head_len;
	if (crlf != NULL && (lf == NULL || crlf < lf)) {
		head_len = (size_t)(crlf - m->text);
		body = crlf + 4;
	} else if (lf != NULL) {
		head_len = (size_t)(lf - m->text);
		body = lf + 2;
	} else {
		*error = "no end of headers";
		return -1;
	}
	if (memchr(m->text, '\0', head_len) != NULL) {
		*error = "NUL in the headers";
		return -1;
	}
	m->text[head_len] = '\0';
	unfold(m->text);
	char *cursor = m->text;
	char *line = next_line(&cursor);
	if (line == NULL || parse_start_line(m, line, error) != 0) {
		if (*error == NULL)
			*error = "empty start line";
		return -1;
	}
	while ((line = next_line(&cursor)) != NULL)
		if (parse_header_line(m, line, error) != 0)
			return -1;
	if (find_essentials(m, error) != 0)
		return -1;
	return set_body(m, body, len - (size_t)(body - m->text), error);
}

void sip_msg_free(struct sip_msg *m)
{
	free(m->text);
	m->text = NULL;
}

const char *sip_header(const struct sip_msg *m, const char *name)
{
	name = long_name(name);
	for (size_t i = 0; i < m->header_count; i++)
		if (strcasecmp(m->headers[i].name, name) == 0)
			return m->headers[i].value;
	return NULL;
}

/* Length of the next comma-separated value of s. */
static size_t value_span(const char *s)
{
	bool quoted = false;
	int angle = 0;
	size_t i = 0;
	for (; s[i]; i++) {
		char c = s[i];
		if (quoted) {
			if (c == '\\' && s[i + 1])
				i++;
			else if (c == '"')
				quoted = false;
		} else if (c == '"') {
			quoted = true;
		} else if (c == '<') {
			angle++;
		} else if (c == '>' && angle > 0) {
			angle--;
		} else if (c == ',' && angle == 0) {
			break;
		}
	}
	return i;
}

size_t sip_header_values(const struct sip_msg *m, const char *name, char **out, size_t max,
			 char *buf, size_t bufsize)
{
	size_t count = 0, used = 0;
	name = long_name(name);
	for (size_t h = 0; h < m->header_count && count < max; h++) {
		if (strcasecmp(m->headers[h].name, name) != 0)
			continue;
		const char *s = m->headers[h].value;
		while (*s && count < max) {
			size_t n = value_span(s);
			const char *start = s;
			size_t len = n;
			while (len > 0 && (*start == ' ' || *start == '\t')) {
				start++;
				len--;
			}
			while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
				len--;
			if (len > 0 && used + len + 1 <= bufsize) {
				memcpy(buf + used, start, len);
				buf[used + len] = '\0';
				out[count++] = buf + used;
				used += len + 1;
			}
			s += n;
			if (*s == ',')
				s++;
		}
	}
	return count;
}

/* Where a value's parameters start: after the <...> of a name-addr, or
 * after the URI's own text up to the first ';' of an addr-spec (whose
 * parameters are the header's, RFC 3261 section 20). */
static const char *params_of(const char *value)
{
	const char *close = NULL;
	size_t n = value_span(value);
	for (size_t i = 0; i < n; i++) {
		if (value[i] == '"') {
			for (i++; i < n && value[i] != '"'; i++)
				if (value[i] == '\\' && i + 1 < n)
					i++;
		} else if (value[i] == '>') {
			close = value + i + 1;
		}
	}
	if (close != NULL)
		return close;
	const char *semi = memchr(value, ';', n);
	return semi != NULL ? semi : value + n;
}

bool sip_param(const char *value, const char *param, char *out, size_t size)
{
	if (value == NULL || size == 0)
		return false;
	size_t plen = strlen(param);
	const char *p = params_of(value);
	const char *end = value + value_span(value);
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (semi == NULL)
			return false;
		p = semi + 1;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) >= plen && strncasecmp(p, param, plen) == 0) {
			const char *after = p + plen;
			while (after < end && (*after == ' ' || *after == '\t'))
				after++;
			if (after == end || *after == ';') {
				out[0] = '\0';
				return true;
			}
			if (*after == '=') {
				after++;
				while (after < end && (*after == ' ' || *after == '\t'))
					after++;
				size_t n = 0;
				while (after + n < end && after[n] != ';' && after[n] != ' '
				       && after[n] != '\t')
					n++;
				if (n + 1 > size)
					return false;
				memcpy(out, after, n);
				out[n] = '\0';
				return true;
			}
		}
	}
	return false;
}

static bool copy_span(const char *s, size_t n, char *out, size_t size)
{
	if (n == 0 || n + 1 > size)
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

bool sip_value_uri(const char *value, char *out, size_t size)
{
	if (value == NULL)
		return false;
	size_t n = value_span(value);
	const char *open = NULL;
	for (size_t i = 0; i < n; i++) {
		if (value[i] == '"') {
			for (i++; i < n && value[i] != '"'; i++)
				if (value[i] == '\\' && i + 1 < n)
					i++;
		} else if (value[i] == '<') {
			open = value + i + 1;
			break;
		}
	}
	if (open != NULL) {
		const char *close = memchr(open, '>', (size_t)(value + n - open));
		return close != NULL && copy_span(open, (size_t)(close - open), out, size);
	}
	while (*value == ' ' || *value == '\t')
		value++;
	size_t len = strcspn(value, ";, \t");
	return copy_span(value, len, out, size);
}

/* After "sip:" or "sips:"; NULL for other schemes. */
static const char *after_scheme(const char *uri)
{
	if (strncasecmp(uri, "sip:", 4) == 0)
		return uri + 4;
	if (strncasecmp(uri, "sips:", 5) == 0)
		return uri + 5;
	return NULL;
}

bool sip_uri_user(const char *uri, char *out, size_t size)
{
	const char *p = uri ? after_scheme(uri) : NULL;
	if (p == NULL)
		return false;
	size_t hostpart = strcspn(p, ";?>");
	const char *at = memchr(p, '@', hostpart);
	if (at == NULL)
		return false;
	size_t n = strcspn(p, ":@;");
	if (p + n > at)
		n = (size_t)(at - p);
	return copy_span(p, n, out, size);
}

bool sip_uri_hostport(const char *uri, char *out, size_t size)
{
	const char *p = uri ? after_scheme(uri) : NULL;
	if (p == NULL)
		return false;
	size_t end = strcspn(p, ";?>");
	const char *at = memchr(p, '@', end);
	if (at != NULL) {
		end -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	return copy_span(p, end, out, size);
}

static char dtmf_char(char c)
{
	c = (char)toupper((unsigned char)c);
	if ((c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D'))
		return c;
	return 0;
}

char sip_info_digit(const char *content_type, const char *body)
{
	if (content_type == NULL || body == NULL)
		return 0;
	if (strncasecmp(content_type, "application/dtmf-relay", 22) == 0) {
		/* "Signal=5\r\nDuration=160" */
		for (const char *p = body; *p; p++) {
			if ((p == body || p[-1] == '\n') && strncasecmp(p, "Signal", 6) == 0) {
				const char *v = p + 6;
				while (*v == ' ' || *v == '\t')
					v++;
				if (*v != '=')
					return 0;
				v++;
				while (*v == ' ' || *v == '\t')
					v++;
				if (v[0] == '1' && v[1] == '0')
					return '*'; /* some phones send the event number */
				if (v[0] == '1' && v[1] == '1')
					return '#';
				return dtmf_char(*v);
			}
		}
		return 0;
	}
	if (strncasecmp(content_type, "application/dtmf", 16) == 0) {
		while (*body == ' ' || *body == '\r' || *body == '\n')
			body++;
		return dtmf_char(*body);
	}
	return 0;
}
