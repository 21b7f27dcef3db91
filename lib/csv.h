/* csv.h - writing CSV (RFC 4180: commas, CRLF, quoted when needed) that is
 * safe to open in a spreadsheet: a cell that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) is prefixed with a quote ('),
 * unless it is a plain number such as -12.5. */
#ifndef BATON_CSV_H
#define BATON_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The byte-order mark spreadsheets look for to read UTF-8. */
#define CSV_UTF8_BOM "\xEF\xBB\xBF"

/* True when value would be read as a formula and gets the quote prefix. */
bool csv_is_formula(const char *value);
/* Appends one cell (NULL is an empty cell), escaped and guarded. */
void csv_cell(struct buf *out, const char *value);
/* Appends cells[0..n) as one line ending in CRLF. */
void csv_row(struct buf *out, const char *const *cells, size_t n);

#endif
