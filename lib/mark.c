/* mark.c - checking the whiteboard's marks and writing them as JSON. */
#include "mark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static const char *const tools[] = { "pen", "highlight", "circle", "rect", "arrow", "text", NULL };

bool mark_coordinate(const char *s, size_t len, double max, double *value)
{
	size_t digits = 0;
	while (digits < len && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	if (digits == 0 || digits > 12)
		return false;
	size_t end = digits;
	if (end < len && s[end] == '.') {
		end++;
		size_t frac = end;
		while (end < len && s[end] >= '0' && s[end] <= '9')
			end++;
		if (end - frac > 12)
			return false;
	}
	if (end != len)
		return false;
	char copy[32];
	memcpy(copy, s, len);
	copy[len] = '\0';
	double v = strtod(copy, NULL);
	if (v > max)
		return false;
	*value = v;
	return true;
}

int mark_parse_points(const char *text, double max, double *xy, size_t *count)
{
	size_t n = 0;
	const char *p = text;
	*count = 0;
	if (text == NULL || *text == '\0')
		return -1;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 2 * MARK_POINTS_MAX || !mark_coordinate(p, len, max, &xy[n]))
			return -1;
		n++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	if (n % 2 != 0)
		return -1;
	*count = n / 2;
	return 0;
}

static bool one_of(const char *s, const char *const *list)
{
	for (size_t i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static bool valid_id(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n > 0 && n <= MARK_ID_MAX
	       && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == n;
}

static bool valid_color(const char *s)
{
	return s != NULL && strlen(s) == 7 && s[0] == '#' && strspn(s + 1, "0123456789abcdefABCDEF") == 6;
}

static bool web_address(const char *s)
{
	return s != NULL && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0)
	       && strchr(s, '#') == NULL;
}

const char *mark_to_json(const struct mark_form *f, struct buf *out)
{
	if (!valid_id(f->id))
		return "A mark's id is 1 to 40 letters, digits, '-' or '_'.";
	if (!one_of(f->tool, tools))
		return "The tool is pen, highlight, circle, rect, arrow or text.";
	bool overlay = f->mode != NULL && strcmp(f->mode, "overlay") == 0;
	if (!overlay && (f->mode == NULL || strcmp(f->mode, "page") != 0))
		return "The mode is page (page coordinates) or overlay (fractions of the view).";
	if (!web_address(f->url))
		return "A mark belongs to a page: its http:// or https:// address, without #.";
	if (!valid_color(f->color))
		return "The colour is #rrggbb.";
	if (f->width < 1 || f->width > 60)
		return "The width is 1 to 60 pixels.";
	double xy[2 * MARK_POINTS_MAX];
	size_t points = 0;
	if (mark_parse_points(f->points, overlay ? 1.0 : 10000000.0, xy, &points) != 0)
		return overlay ? "Points are x,y pairs of fractions from 0 to 1, comma-separated."
			       : "Points are x,y pairs of page pixels from 0, comma-separated (at most 1000).";
	bool line = strcmp(f->tool, "pen") == 0 || strcmp(f->tool, "highlight") == 0;
	bool note = strcmp(f->tool, "text") == 0;
	if ((line && points < 2) || (note && points != 1) || (!line && !note && points != 2))
		return line ? "A line needs 2 points or more." : note ? "A note is placed at one point."
			    : "A circle, box or arrow needs 2 points.";
	const char *text = f->text ? f->text : "";
	size_t chars = utf8_length(text, strlen(text));
	if (note && (chars == 0 || chars > MARK_TEXT_MAX))
		return "A note holds 1 to 200 characters.";
	if (!note && *text != '\0')
		return "Only a note has text.";
	buf_puts(out, "{\"id\":");
	buf_json_string(out, f->id);
	buf_puts(out, ",\"tool\":");
	buf_json_string(out, f->tool);
	buf_puts(out, overlay ? ",\"mode\":\"overlay\",\"url\":" : ",\"mode\":\"page\",\"url\":");
	buf_json_string(out, f->url);
	buf_puts(out, ",\"color\":");
	char color[8];
	for (size_t i = 0; i < 7; i++)
		color[i] = f->color[i] >= 'A' && f->color[i] <= 'F' ? (char)(f->color[i] + 32) : f->color[i];
	color[7] = '\0';
	buf_json_string(out, color);
	buf_printf(out, ",\"width\":%lld,\"points\":[", f->width);
	for (size_t i = 0; i < 2 * points; i++) {
		/* Pixels to a tenth, fractions to a hundred-thousandth: the
		 * screen cannot show more, and the archive stays small. */
		char number[32];
		snprintf(number, sizeof number, overlay ? "%.5f" : "%.1f", xy[i]);
		char *end = number + strlen(number);
		while (end[-1] == '0')
			*--end = '\0';
		if (end[-1] == '.')
			*--end = '\0';
		buf_printf(out, "%s%s", i ? "," : "", number);
	}
	buf_puts(out, "],\"text\":");
	buf_json_string(out, text);
	buf_putc(out, '}');
	return NULL;
}

const char *mark_tool_of(const char *json, char tool[16])
{
	const char *at = json ? strstr(json, "\"tool\":\"") : NULL;
	if (at == NULL)
		return NULL;
	at += 8;
	size_t n = strcspn(at, "\"");
	if (n == 0 || n >= 16)
		return NULL;
	memcpy(tool, at, n);
	tool[n] = '\0';
	return one_of(tool, tools) ? tool : NULL;
}
