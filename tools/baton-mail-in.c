/* baton-mail-in - incoming mail, one message on standard input, as the
 * mail server's pipe delivery runs it (exim: a pipe transport; postfix:
 * pipe(8) or an alias "|/opt/baton/tools/baton-mail-in"):
 *
 *   baton-mail-in [--conf FILE] [--templates DIR] [--to RECIPIENT] < message
 *
 * --templates overrides the configuration's templates_dir, for a mail
 * server whose delivery user cannot read Baton's own tree.
 *
 * The recipient is --to, else $RECIPIENT (postfix), else $LOCAL_PART@$DOMAIN
 * (exim). What the message becomes is lib/mail_in.c's to decide. Exit
 * status: 0 when the message was stored or refused for a reason written to
 * the log (no bounce goes back: senders of junk are often forged), 75
 * (EX_TEMPFAIL) when the database is unreachable or the configuration
 * broken, so the mail server keeps the message and tries again. */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "mail_in.h"
#include "notify.h"
#include "pool.h"

enum { EXIT_TEMPFAIL = 75 };

static const char *recipient_from_environment(struct pool *pool)
{
	const char *r = getenv("RECIPIENT");
	if (r != NULL && *r != '\0')
		return r;
	const char *local = getenv("LOCAL_PART"), *domain = getenv("DOMAIN");
	if (local != NULL && domain != NULL)
		return pool_printf(pool, "%s@%s", local, domain);
	return NULL;
}

/* Reads standard input, keeping at most max + 1 bytes (so an oversized
 * message is known to be one) and reading the rest away, since a mail
 * server counts a pipe closed early as a failed delivery. */
static size_t read_message(struct buf *in, size_t max)
{
	char chunk[65536];
	size_t total = 0;
	ssize_t n;
	while ((n = read(STDIN_FILENO, chunk, sizeof chunk)) > 0) {
		if (in->len <= max) {
			size_t keep = (size_t)n < max + 1 - in->len ? (size_t)n : max + 1 - in->len;
			buf_append(in, chunk, keep);
		}
		total += (size_t)n;
	}
	return total;
}

int main(int argc, char **argv)
{
	const char *conf = NULL, *to = NULL, *templates = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--conf") == 0 && i + 1 < argc) {
			conf = argv[++i];
		} else if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc) {
			templates = argv[++i];
		} else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
			to = argv[++i];
		} else {
			fputs("usage: baton-mail-in [--conf FILE] [--templates DIR] [--to RECIPIENT] "
			      "< message\n", stderr);
			return EXIT_TEMPFAIL;
		}
	}
	static struct config cfg;
	char error[512];
	config_defaults(&cfg);
	if (config_load(&cfg, conf ? conf : config_path(), error, sizeof error) != 0) {
		fprintf(stderr, "baton-mail-in: %s\n", error);
		return EXIT_TEMPFAIL;
	}
	if (templates != NULL && snprintf(cfg.templates_dir, sizeof cfg.templates_dir, "%s",
					  templates) >= (int)sizeof cfg.templates_dir) {
		fprintf(stderr, "baton-mail-in: --templates: path too long\n");
		return EXIT_TEMPFAIL;
	}
	log_open("baton-mail-in", cfg.log_file);
	struct pool *pool = pool_new();
	if (to == NULL)
		to = recipient_from_environment(pool);
	if (to == NULL) {
		log_error("no recipient: give --to, or run from the mail server's pipe delivery");
		pool_free(pool);
		return EXIT_TEMPFAIL;
	}
	struct buf message;
	buf_init(&message);
	size_t total = read_message(&message, (size_t)cfg.mail_in_max_bytes);
	if (mysql_library_init(0, NULL, NULL) != 0) {
		log_error("cannot initialise the MariaDB client library");
		return EXIT_TEMPFAIL;
	}
	notify_open(&cfg);
	struct db *db = db_new(&cfg);
	/* An oversized message is judged by its real size, not what was kept. */
	enum mail_in_result result = mail_in_deliver(db, &cfg, pool, to,
						     message.data ? message.data : "",
						     total > message.len ? total : message.len);
	db_free(db);
	notify_close();
	mysql_library_end();
	buf_free(&message);
	pool_free(pool);
	log_close();
	return result == MAIL_IN_TRY_LATER ? EXIT_TEMPFAIL : 0;
}
