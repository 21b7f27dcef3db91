/* Fuzz harness for lib/mail_parse.c and lib/mail_text.c (incoming mail,
 * the most hostile input Baton reads): any bytes must parse or be refused
 * without a crash, a leak, undefined behaviour or a hang. Seeds in
 * t/fuzz/corpus/mail_parse/ (plain, multipart, encoded, HTML-only, bounce,
 * nested and broken messages). Build (see t/fuzz/ and `make fuzz`; LIB_SOURCES is every lib/ C file):
 *   clang -g -fsanitize=fuzzer,address,undefined -Ilib -I/usr/include/ClearSilver \
 *     $(mariadb_config --cflags) t/fuzz/mail_parse.c LIB_SOURCES \
 *     -lneo_cgi -lneo_cs -lneo_utl -lz -lfcgi $(mariadb_config --libs) -lssl -lcrypto */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mail_parse.h"
#include "pool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct mail_parse_limits limits = {
		.max_parts = 100, .max_depth = 8, .max_headers = 500,
	};
	struct pool *pool = pool_new();
	struct mail_in m;
	const char *error = NULL;
	if (mail_parse(pool, (const char *)data, size, &limits, &m, &error) == 0) {
		/* What baton-mail-in does next with a parsed message. */
		const char *own = mail_strip_quote(pool, m.text);
		(void)strlen(own);
		(void)mail_is_automatic(&m);
		for (size_t i = 0; i < m.attachment_count; i++)
			(void)strlen(m.attachments[i].filename);
	}
	pool_free(pool);
	return 0;
}
