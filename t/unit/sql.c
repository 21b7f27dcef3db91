/* Unit tests of the statement catalogue: every id has exactly one text,
 * found in one of the lib/sql_AREA.c files. */
#include "sql.h"
#include "tap.h"

int main(void)
{
	int missing = 0, doubled = 0;
	for (int id = 0; id < SQL__MAX; id++) {
		int count = sql_text_count((enum sql_id)id);
		if (count == 0) {
			printf("# statement %d has no text\n", id);
			missing++;
		} else if (count > 1) {
			printf("# statement %d has %d texts\n", id, count);
			doubled++;
		}
	}
	ok(missing == 0, "every statement id has a text");
	ok(doubled == 0, "no statement id has a text in two areas");
	ok(sql_text(SQL__MAX) == NULL, "an id past the end has no text");
	return done_testing();
}
