/* session.c - creating, loading and ending staff sessions. */
#include "session.h"

#include <string.h>

#include "buf.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "notify.h"
#include "pool.h"
#include "response.h"

int session_load(struct request *r)
{
	r->session = NULL;
	const char *token = request_cookie(r, SESSION_COOKIE);
	if (token == NULL || !crypto_is_token(token))
		return DB_OK;
	char hash[TOKEN_HEX_LEN + 1];
	crypto_sha256_hex(token, hash);
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_SESSION_BY_TOKEN, &rows, "s", hash);
	if (rc != DB_OK || rows.rows == 0)
		return rc;
	struct session *s = pool_zalloc(r->pool, sizeof *s);
	s->id = db_cell_int(&rows, 0, 0);
	s->agent_id = db_cell_int(&rows, 0, 1);
	s->csrf_token = db_cell(&rows, 0, 2);
	s->client_id = db_cell_int(&rows, 0, 3);
	s->email = db_cell(&rows, 0, 4);
	s->display_name = db_cell(&rows, 0, 5);
	s->role = db_cell(&rows, 0, 6);
	s->state = db_cell(&rows, 0, 7);
	s->state_seconds = db_cell_int(&rows, 0, 8);
	s->client_name = db_cell(&rows, 0, 9);
	s->max_sessions = db_cell_int(&rows, 0, 10);
	s->reseller_id = db_cell(&rows, 0, 12) ? db_cell_int(&rows, 0, 12) : 0;
	for (size_t i = 0; i < 6; i++)
		s->preferences[i] = db_cell(&rows, 0, 13 + i);
	struct db_rows none;
	if (db_cell_int(&rows, 0, 11))
		rc = db_query(r->db, r->pool, SQL_SESSION_TOUCH, &none, "ii", s->id,
			      (long long)r->cfg->session_idle_minutes * 60);
	if (rc == DB_OK)
		r->session = s;
	return rc;
}

int session_ids_ended(struct db *db, struct pool *pool, const long long *ids, size_t n,
		      struct db_rows *ended)
{
	struct buf list;
	buf_init(&list);
	buf_json_ids(&list, ids, n);
	int rc = db_query(db, pool, SQL_SESSIONS_ENDED, ended, "s", list.data);
	buf_free(&list);
	return rc;
}

int session_ids_touch(struct db *db, const struct config *cfg, struct pool *pool,
		      const long long *ids, size_t n)
{
	struct buf list;
	buf_init(&list);
	buf_json_ids(&list, ids, n);
	struct db_rows none;
	int rc = db_query(db, pool, SQL_SESSIONS_TOUCH, &none, "si", list.data,
			  (long long)cfg->session_idle_minutes * 60);
	buf_free(&list);
	return rc;
}

int session_start(struct request *r, long long agent_id)
{
	char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HEX_LEN + 1], csrf[TOKEN_HEX_LEN + 1];
	if (crypto_token(token) != 0 || crypto_token(csrf) != 0)
		return DB_ERROR;
	crypto_sha256_hex(token, hash);
	long long idle = (long long)r->cfg->session_idle_minutes * 60;
	long long lifetime = (long long)r->cfg->session_max_hours * 3600;
	int rc = db_exec(r->db, SQL_SESSION_INSERT, NULL, "sisssii", hash, agent_id, csrf,
			 r->remote_addr, r->user_agent, idle, lifetime);
	if (rc != DB_OK)
		return rc;
	/* A browser-session cookie: closing the browser signs out too; the
	 * server-side expiry bounds it either way. */
	resp_cookie(r, SESSION_COOKIE, token, -1, "Lax");
	return DB_OK;
}

int session_end(struct request *r)
{
	resp_cookie(r, SESSION_COOKIE, "", 0, "Lax");
	if (r->session == NULL)
		return DB_OK;
	int rc = db_exec(r->db, SQL_SESSION_END, NULL, "i", r->session->id);
	if (rc == DB_OK)
		notify_post(NOTIFY_SIGNOUT, r->session->id, 0);
	return rc;
}

const char *form_csrf_token(struct request *r)
{
	const char *token = request_cookie(r, FORM_CSRF_COOKIE);
	if (token != NULL && crypto_is_token(token))
		return token;
	char *fresh = pool_alloc(r->pool, TOKEN_HEX_LEN + 1);
	if (crypto_token(fresh) != 0)
		return NULL;
	resp_cookie(r, FORM_CSRF_COOKIE, fresh, -1, "Strict");
	return fresh;
}

/* Length of the scheme://host[:port] part of url, or 0 when there is none. */
static size_t origin_length(const char *url)
{
	const char *sep = strstr(url, "://");
	if (sep == NULL)
		return 0;
	const char *slash = strchr(sep + 3, '/');
	return slash ? (size_t)(slash - url) : strlen(url);
}

static bool same_origin_as(const char *url, const char *origin)
{
	size_t n = origin_length(url), m = origin_length(origin);
	return n > 0 && n == m && strncmp(url, origin, n) == 0;
}

bool request_same_origin(const struct request *r)
{
	const char *ours = request_origin(r);
	const char *public_url = r->cfg->public_url;
	const char *claimed = NULL;
	if (r->origin != NULL && strcmp(r->origin, "null") != 0)
		claimed = r->origin;
	else if (r->referer != NULL && *r->referer != '\0')
		claimed = r->referer;
	if (claimed == NULL)
		return true; /* old clients send neither; the token still guards */
	return same_origin_as(claimed, ours) || (*public_url && same_origin_as(claimed, public_url));
}
