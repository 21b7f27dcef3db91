/* input.c - urlencoded and cookie parsing, and the declared-input validators. */
#include "input.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "utf8.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes %XX and '+'; returns NULL on a broken escape or invalid UTF-8. */
static char *url_decode(struct pool *pool, const char *s, size_t len, const char **error)
{
	char *out = pool_alloc(pool, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= len) {
				*error = "A parameter has a broken %-escape.";
				return NULL;
			}
			int h = hex_digit(s[i + 1]), l = hex_digit(s[i + 2]);
			if (h < 0 || l < 0) {
				*error = "A parameter has a broken %-escape.";
				return NULL;
			}
			out[o++] = (char)(h << 4 | l);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!utf8_valid(out, o)) {
		*error = "A parameter is not valid UTF-8 text.";
		return NULL;
	}
	return out;
}

struct param *input_parse_urlencoded(struct pool *pool, const char *data, size_t len,
				     const char **error)
{
	struct param *head = NULL, **tail = &head;
	size_t i = 0;
	*error = NULL;
	while (i < len) {
		size_t end = i;
		while (end < len && data[end] != '&')
			end++;
		if (end > i) {
			const char *pair = data + i;
			size_t pair_len = end - i;
			const char *eq = memchr(pair, '=', pair_len);
			size_t name_len = eq ? (size_t)(eq - pair) : pair_len;
			struct param *p = pool_alloc(pool, sizeof *p);
			p->name = url_decode(pool, pair, name_len, error);
			p->value = eq ? url_decode(pool, eq + 1, pair_len - name_len - 1, error)
				      : pool_strdup(pool, "");
			if (p->name == NULL || p->value == NULL)
				return NULL;
			if (*p->name == '\0') {
				*error = "A parameter has no name.";
				return NULL;
			}
			p->next = NULL;
			*tail = p;
			tail = &p->next;
		}
		i = end + 1;
	}
	return head;
}

struct param *input_parse_cookies(struct pool *pool, const char *header)
{
	struct param *head = NULL;
	const char *s = header;
	while (s != NULL && *s != '\0') {
		while (*s == ' ' || *s == ';')
			s++;
		const char *end = strchr(s, ';');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		if (eq != NULL && eq > s) {
			struct param *p = pool_alloc(pool, sizeof *p);
			p->name = pool_strndup(pool, s, (size_t)(eq - s));
			p->value = pool_strndup(pool, eq + 1, len - (size_t)(eq - s) - 1);
			p->next = head;
			head = p;
		}
		s = end ? end + 1 : NULL;
	}
	return head;
}

const char *param_get(const struct param *list, const char *name)
{
	for (const struct param *p = list; p != NULL; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p->value;
	return NULL;
}

static bool has_control_chars(const char *s, bool allow_newlines)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (allow_newlines && (*p == '\n' || *p == '\r' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
	}
	return false;
}

static bool is_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return false;
	const char *dot = strchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return false;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || *p == '<' || *p == '>' || *p == '"')
			return false;
	return true;
}

static const char *check_value(struct pool *pool, const struct input *in, const char *value,
			       const char **out, long long *number)
{
	size_t max = in->max_chars ? in->max_chars : 1000;
	if (utf8_length(value, strlen(value)) > max)
		return pool_printf(pool, "The field '%s' is too long (at most %zu characters).",
				   in->name, max);
	switch (in->kind) {
	case INPUT_LINE:
		if (has_control_chars(value, false))
			return pool_printf(pool, "The field '%s' must be a single line of text.", in->name);
		break;
	case INPUT_TEXT:
		if (has_control_chars(value, true))
			return pool_printf(pool, "The field '%s' holds control characters.", in->name);
		break;
	case INPUT_PASSWORD:
		break;
	case INPUT_EMAIL: {
		if (!is_email(value))
			return pool_printf(pool, "The field '%s' must be an e-mail address.", in->name);
		char *lower = pool_strdup(pool, value);
		for (char *p = lower; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		value = lower;
		break;
	}
	case INPUT_INT: {
		char *end;
		errno = 0;
		long long v = strtoll(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' || v < in->min || v > in->max)
			return pool_printf(pool, "The field '%s' must be a whole number from %lld to %lld.",
					   in->name, in->min, in->max);
		*number = v;
		break;
	}
	case INPUT_CHOICE: {
		for (const char *const *c = in->choices; *c != NULL; c++)
			if (strcmp(*c, value) == 0) {
				*out = *c;
				return NULL;
			}
		size_t need = 0;
		for (const char *const *c = in->choices; *c != NULL; c++)
			need += strlen(*c) + 2;
		char *list = pool_zalloc(pool, need + 1);
		for (const char *const *c = in->choices; *c != NULL; c++) {
			if (c != in->choices)
				strcat(list, ", ");
			strcat(list, *c);
		}
		return pool_printf(pool, "The field '%s' must be one of: %s.", in->name, list);
	}
	case INPUT_KEY: {
		/* Checked here, before any query: a value of another shape can
		 * name nothing, and MariaDB refuses to compare non-ASCII text
		 * with the ASCII columns keys live in. */
		char *lower = pool_strdup(pool, value);
		size_t n = 0;
		for (; lower[n] != '\0'; n++) {
			lower[n] = (char)tolower((unsigned char)lower[n]);
			if (!((lower[n] >= '0' && lower[n] <= '9') || (lower[n] >= 'a' && lower[n] <= 'f')))
				break;
		}
		if (lower[n] != '\0' || n != 32)
			return pool_printf(pool, "The field '%s' is not a valid key (32 hexadecimal "
					   "characters).", in->name);
		value = lower;
		break;
	}
	case INPUT_TOKEN: {
		size_t n = 0;
		for (; value[n] != '\0'; n++)
			if (!((value[n] >= '0' && value[n] <= '9') || (value[n] >= 'a' && value[n] <= 'f')))
				break;
		if (value[n] != '\0' || n != 64)
			return pool_printf(pool, "The field '%s' is not a valid token.", in->name);
		break;
	}
	}
	*out = value;
	return NULL;
}

int input_validate(struct pool *pool, const struct param *params, const struct input *spec,
		   size_t count, const char **values, long long *numbers, const char **error)
{
	for (size_t i = 0; i < count; i++) {
		const struct input *in = &spec[i];
		const char *value = NULL;
		values[i] = NULL;
		numbers[i] = 0;
		for (const struct param *p = params; p != NULL; p = p->next) {
			if (strcmp(p->name, in->name) != 0)
				continue;
			if (value != NULL) {
				*error = pool_printf(pool, "The field '%s' is given more than once.", in->name);
				return -1;
			}
			value = p->value;
		}
		if (value == NULL || *value == '\0') {
			if (in->required) {
				*error = pool_printf(pool, "The field '%s' is required.", in->name);
				return -1;
			}
			continue;
		}
		const char *message = check_value(pool, in, value, &values[i], &numbers[i]);
		if (message != NULL) {
			*error = message;
			return -1;
		}
	}
	return 0;
}
