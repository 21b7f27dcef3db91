/* csv.c - CSV cells and rows, escaped and guarded against formulas. */
#include "csv.h"

#include <string.h>

/* -12, 3.5, +4: literals a spreadsheet reads as numbers, never formulas. */
static bool is_plain_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	bool digits = false, dot = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits = true;
		else if (*s == '.' && !dot)
			dot = true;
		else
			return false;
	}
	return digits;
}

bool csv_is_formula(const char *value)
{
	if (value == NULL || strchr("=+-@\t\r", value[0]) == NULL || value[0] == '\0')
		return false;
	return !is_plain_number(value);
}

void csv_cell(struct buf *out, const char *value)
{
	if (value == NULL)
		return;
	bool guard = csv_is_formula(value);
	bool quote = strpbrk(value, ",\"\r\n") != NULL || value[0] == ' '
		     || (value[0] != '\0' && value[strlen(value) - 1] == ' ');
	if (quote)
		buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	for (const char *p = value; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	if (quote)
		buf_putc(out, '"');
}

void csv_row(struct buf *out, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		csv_cell(out, cells[i]);
	}
	buf_puts(out, "\r\n");
}
