/* mail_queue.c - building a message and putting it in mail_message for the
 * sender (see mail_queue.h). */
#include "mail_queue.h"

#include <ctype.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "pool.h"

enum { SUBJECT_MAX = 200, KIND_MAX = 32 };

const char *mail_domain(const struct config *cfg, struct pool *pool)
{
	if (cfg->mail_domain[0] != '\0')
		return cfg->mail_domain;
	const char *url = cfg->public_url;
	const char *host = strstr(url, "://");
	if (host != NULL) {
		host += 3;
		size_t n = strcspn(host, ":/?#");
		if (n > 0)
			return pool_strndup(pool, host, n);
	}
	char name[256];
	if (gethostname(name, sizeof name) == 0) {
		name[sizeof name - 1] = '\0';
		return pool_strdup(pool, name);
	}
	return "localhost";
}

const char *mail_from_address(const struct config *cfg, struct pool *pool)
{
	if (cfg->mail_from[0] != '\0')
		return cfg->mail_from;
	return pool_printf(pool, "help@%s", mail_domain(cfg, pool));
}

const char *mail_public_url(const struct config *cfg, struct pool *pool)
{
	size_t n = strlen(cfg->public_url);
	while (n > 0 && cfg->public_url[n - 1] == '/')
		n--;
	if (n > 0)
		return pool_strndup(pool, cfg->public_url, n);
	return pool_printf(pool, "https://%s", mail_domain(cfg, pool));
}

bool mail_is_address(const char *s)
{
	if (!mime_address_ok(s))
		return false;
	const char *domain = strrchr(s, '@') + 1;
	const char *dot = strchr(domain, '.');
	return dot != NULL && dot != domain && dot[1] != '\0';
}

static bool kind_ok(const char *kind)
{
	if (kind == NULL || *kind == '\0' || strlen(kind) > KIND_MAX)
		return false;
	for (const char *p = kind; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return false;
	return true;
}

/* A subject is one line: line breaks and tabs become spaces, and it is cut
 * (on a character boundary) to a length mail programs show whole. */
static const char *one_line(struct pool *pool, const char *subject)
{
	size_t n = strlen(subject);
	if (n > SUBJECT_MAX) {
		n = SUBJECT_MAX;
		while (n > 0 && ((unsigned char)subject[n] & 0xc0) == 0x80)
			n--;
	}
	char *s = pool_strndup(pool, subject, n);
	for (char *p = s; *p; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	return s;
}

int mail_queue_add(struct db *db, const struct config *cfg, struct pool *pool,
		   const struct mail *m, long long *mail_id, const char **message_id)
{
	if (!kind_ok(m->kind) || !mime_address_ok(m->to) || m->subject == NULL || m->text == NULL) {
		log_error("mail not queued: bad kind, address or content (kind %s)",
			  m->kind ? m->kind : "(none)");
		return MAIL_BAD_MESSAGE;
	}
	const char *domain = mail_domain(cfg, pool);
	char token[33];
	if (crypto_public_id(token) != 0)
		return DB_ERROR;
	const char *mid = pool_printf(pool, "%s@%s", token, domain);
	const char *envelope = pool_printf(pool, "bounce+%s@%s", token, domain);
	const char *subject = one_line(pool, m->subject);
	struct mime_message mm = {
		.from_name = m->from_name ? m->from_name : cfg->mail_from_name,
		.from_address = mail_from_address(cfg, pool),
		.to_name = m->to_name,
		.to_address = m->to,
		.reply_to = m->reply_to,
		.subject = subject,
		.message_id = mid,
		.in_reply_to = m->in_reply_to,
		.references = m->references,
		.date = time(NULL),
		.auto_submitted = m->auto_submitted,
		.list_unsubscribe = m->list_unsubscribe,
		.text = m->text,
		.html = m->html,
		.attachments = m->attachments,
		.attachment_count = m->attachment_count,
	};
	struct buf content;
	buf_init(&content);
	if (mime_build(&mm, &content) != 0) {
		buf_free(&content);
		log_error("mail not queued: a header could not be built (kind %s)", m->kind);
		return MAIL_BAD_MESSAGE;
	}
	int rc = db_exec(db, SQL_MAIL_INSERT, NULL, "nsnssssb", m->client_id, m->kind, m->request_id,
			 m->to, envelope, mid, subject, content.data, content.len);
	buf_free(&content);
	if (rc != DB_OK)
		return rc;
	if (mail_id != NULL)
		*mail_id = (long long)db_last_insert_id(db);
	if (message_id != NULL)
		*message_id = mid;
	return DB_OK;
}
