/* Fuzzes csv_cell and csv_row (lib/csv.c): what reports and statements
 * write for spreadsheets. Promise: reading a cell back by RFC 4180 gives
 * the value, with a quote (') put in front exactly when a spreadsheet
 * would take it for a formula; so no cell read back starts with = + - @
 * tab or CR unless it is a plain number. A row reads back as its cells. */
#include <stdbool.h>

#include "buf.h"
#include "csv.h"
#include "fuzz.h"

/* Reads one RFC 4180 field at *p into out; returns false if malformed. */
static bool read_field(const char **p, struct buf *out)
{
	const char *s = *p;
	if (*s == '"') {
		s++;
		for (;;) {
			if (*s == '\0')
				return false;
			if (*s == '"') {
				if (s[1] == '"') {
					buf_putc(out, '"');
					s += 2;
					continue;
				}
				s++;
				break;
			}
			buf_putc(out, *s++);
		}
	} else {
		while (*s && *s != ',' && *s != '\r') {
			if (*s == '"' || *s == '\n')
				return false;
			buf_putc(out, *s++);
		}
	}
	*p = s;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = fuzz_string(data, size);
	struct buf cell, back;
	buf_init(&cell);
	buf_init(&back);
	csv_cell(&cell, value);
	const char *p = cell.data ? cell.data : "";
	FUZZ_CHECK(read_field(&p, &back));
	FUZZ_CHECK(*p == '\0');
	const char *got = back.data ? back.data : "";
	bool guarded = csv_is_formula(value);
	if (guarded)
		FUZZ_CHECK(got[0] == '\'' && strcmp(got + 1, value) == 0);
	else
		FUZZ_CHECK(strcmp(got, value) == 0);
	if (!guarded && strchr("=+-@\t\r", value[0]) != NULL && value[0] != '\0') {
		/* Only a plain number (a sign, digits, at most one dot) may start
		 * like a formula. */
		FUZZ_CHECK(value[0] == '+' || value[0] == '-');
		size_t digits = strspn(value + 1, "0123456789."), dots = 0;
		for (const char *c = value + 1; *c; c++)
			dots += *c == '.';
		FUZZ_CHECK(digits == strlen(value + 1) && dots <= 1 && digits > dots);
	}

	/* A row of the value split at its first byte 0x01, if any. */
	char *second = strchr(value, 1);
	if (second != NULL)
		*second++ = '\0';
	const char *cells[2] = { value, second ? second : "" };
	struct buf row;
	buf_init(&row);
	csv_row(&row, cells, 2);
	p = row.data;
	for (int i = 0; i < 2; i++) {
		buf_clear(&back);
		FUZZ_CHECK(read_field(&p, &back));
		const char *c = back.data ? back.data : "";
		FUZZ_CHECK(strcmp(c[0] == '\'' && csv_is_formula(cells[i]) ? c + 1 : c, cells[i]) == 0);
		FUZZ_CHECK(*p == (i == 0 ? ',' : '\r'));
		p++;
	}
	FUZZ_CHECK(strcmp(p, "\n") == 0);
	buf_free(&row);
	buf_free(&cell);
	buf_free(&back);
	free(value);
	return 0;
}
