/* setup_conf.c - the setup's address and mail settings as baton.conf lines
 * (see setup_conf.h). */
#include "setup_conf.h"

#include <string.h>

#include "admin.h"
#include "buf.h"
#include "config.h"
#include "pool.h"
#include "webaddr.h"

/* An origin as public_url takes it: scheme, host and a port other than the
 * scheme's own, with no path (a trailing slash is dropped). NULL when value
 * is not one. */
static const char *origin(struct pool *pool, const char *value)
{
	struct web_target t;
	if (!webaddr_parse(value, &t))
		return NULL;
	const char *scheme_end = strstr(value, "://");
	if (scheme_end == NULL)
		return NULL;
	const char *rest = scheme_end + 3;
	size_t end = strcspn(rest, "/?#");
	if (rest[end] != '\0' && strcmp(rest + end, "/") != 0)
		return NULL;
	bool usual = (strcmp(t.scheme, "https") == 0 && t.port == 443)
		     || (strcmp(t.scheme, "http") == 0 && t.port == 80);
	return pool_printf(pool, "%s://%s%s%s%s", t.scheme, t.ipv6_literal ? "[" : "", t.host,
			   t.ipv6_literal ? "]" : "",
			   usual ? "" : pool_printf(pool, ":%d", t.port));
}

static void add_line(struct buf *b, const char *name, const char *value, const char *current)
{
	if (value != NULL && strcmp(value, current) != 0)
		buf_printf(b, "%s = %s\n", name, value);
}

int setup_conf_lines(struct admin_context *ac, const struct setup_settings *s,
		     const char **public_url, const char **lines)
{
	*public_url = NULL;
	*lines = "";
	if (s->public_url != NULL && ((*public_url = origin(ac->pool, s->public_url)) == NULL
				      || strlen(*public_url) >= sizeof ac->cfg->public_url))
		return admin_refuse(ac, 400, "'%s' is not a public address: give the address people "
				    "open, e.g. https://help.example.com (no path).", s->public_url);
	const char *mail_domain = NULL;
	int refused = 0;
	if (s->mail_domain != NULL && (mail_domain = admin_domain(ac, s->mail_domain, &refused)) == NULL)
		return refused;
	struct buf b;
	buf_init(&b);
	add_line(&b, "public_url", *public_url, ac->cfg->public_url);
	add_line(&b, "mail_domain", mail_domain, ac->cfg->mail_domain);
	add_line(&b, "mail_from", s->mail_from, ac->cfg->mail_from);
	add_line(&b, "operator_email", s->operator_email, ac->cfg->operator_email);
	*lines = pool_strdup(ac->pool, b.len ? b.data : "");
	buf_free(&b);
	return 0;
}
