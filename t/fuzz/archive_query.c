/* Fuzzes the archive's search inputs (lib/archive.c): the words typed, as
 * they become a FULLTEXT boolean-mode query, and the dates. Promises: the
 * query holds only words of three characters or more, each with one
 * leading + or -, an optional trailing * and single spaces between, so it
 * can never be malformed; at least one word is required (+). A date
 * passes only as YYYY-MM-DD of a real calendar day from 1970 to 9999. */
#include <stdbool.h>

#include "archive.h"
#include "fuzz.h"
#include "pool.h"

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
	       || c >= 0x80;
}

static bool real_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int n = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		n = 29;
	return d <= n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *words = fuzz_string(data, size);
	struct pool *pool = pool_new();
	const char *q = archive_fulltext_query(pool, words);
	if (q != NULL) {
		bool required = false;
		for (const char *p = q; *p;) {
			FUZZ_CHECK(*p == '+' || *p == '-');
			required |= *p == '+';
			p++;
			size_t n = 0;
			while (word_byte((unsigned char)p[n]))
				n++;
			FUZZ_CHECK(n >= 3);
			p += n;
			if (*p == '*')
				p++;
			FUZZ_CHECK(*p == '\0' || (*p == ' ' && p[1] != '\0' && p[1] != ' '));
			if (*p == ' ')
				p++;
		}
		FUZZ_CHECK(required);
	}
	bool valid = archive_valid_date(words);
	if (valid) {
		FUZZ_CHECK(strlen(words) == 10 && words[4] == '-' && words[7] == '-');
		int y = atoi(words), m = atoi(words + 5), d = atoi(words + 8);
		FUZZ_CHECK(real_day(y, m, d));
	} else if (size == 10 && strlen(words) == 10 && words[4] == '-' && words[7] == '-'
		   && strspn(words, "0123456789") == 4 && strspn(words + 5, "0123456789") == 2
		   && strspn(words + 8, "0123456789") == 2) {
		FUZZ_CHECK(!real_day(atoi(words), atoi(words + 5), atoi(words + 8)));
	}
	pool_free(pool);
	free(words);
	return 0;
}
