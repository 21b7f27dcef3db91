/* Unit tests of lib/csv.c: RFC 4180 quoting and the guard against
 * spreadsheet formulas. */
#include "buf.h"
#include "csv.h"
#include "tap.h"

static const char *cell(struct buf *b, const char *value)
{
	buf_clear(b);
	csv_cell(b, value);
	return b->data ? b->data : "";
}

int main(void)
{
	struct buf b;
	buf_init(&b);
	is_str(cell(&b, "plain"), "plain", "a plain cell is as it is");
	is_str(cell(&b, ""), "", "an empty cell is empty");
	is_str(cell(&b, NULL), "", "NULL is an empty cell");
	is_str(cell(&b, "a,b"), "\"a,b\"", "a comma is quoted");
	is_str(cell(&b, "say \"hi\""), "\"say \"\"hi\"\"\"", "quotes are doubled inside quotes");
	is_str(cell(&b, "two\nlines"), "\"two\nlines\"", "a newline is quoted");
	is_str(cell(&b, "cr\rhere"), "\"cr\rhere\"", "a carriage return is quoted");
	is_str(cell(&b, " padded "), "\" padded \"", "leading and trailing spaces are kept by quoting");
	is_str(cell(&b, "Zoë ✓"), "Zoë ✓", "UTF-8 passes through");

	is_str(cell(&b, "=1+2"), "'=1+2", "= starts a formula: prefixed with a quote");
	is_str(cell(&b, "+cmd"), "'+cmd", "+ too");
	is_str(cell(&b, "-2+3"), "'-2+3", "- too, when not a plain number");
	is_str(cell(&b, "@SUM(A1)"), "'@SUM(A1)", "@ too");
	is_str(cell(&b, "\tx"), "'\tx", "a leading tab too");
	is_str(cell(&b, "=HYPERLINK(\"http://x\",\"a,b\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"",
	       "a guarded formula with quotes and commas is quoted as a whole");
	is_str(cell(&b, "=\n1"), "\"'=\n1\"", "a guarded cell with a newline is quoted");
	is_str(cell(&b, "-12.5"), "-12.5", "a negative number stays a number");
	is_str(cell(&b, "+4"), "+4", "a signed number stays a number");
	is_str(cell(&b, "-"), "'-", "a lone minus is guarded");
	is_str(cell(&b, "-1.2.3"), "'-1.2.3", "not a number: guarded");
	is_str(cell(&b, "a=b"), "a=b", "= inside a cell is harmless");
	ok(csv_is_formula("=x") && !csv_is_formula("x=") && !csv_is_formula("") && !csv_is_formula(NULL),
	   "csv_is_formula looks at the first character");

	buf_clear(&b);
	const char *row[] = { "Agent", "=evil()", NULL, "1,5" };
	csv_row(&b, row, 4);
	const char *row2[] = { "x" };
	csv_row(&b, row2, 1);
	is_str(b.data, "Agent,'=evil(),,\"1,5\"\r\nx\r\n", "rows: commas between cells, CRLF after each");
	buf_free(&b);
	return done_testing();
}
