/* room_admin.c - rooms' settings and accounts (room_admin.h). */
#include "room_admin.h"

#include <string.h>

#include "channel.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "pool.h"
#include "room.h"
#include "utf8.h"

int room_set_join(struct db *db, long long client_id, const char *policy)
{
	if (policy == NULL || (strcmp(policy, "guest") != 0 && strcmp(policy, "account") != 0))
		return ROOM_ADMIN_BAD_VALUE;
	return db_exec(db, SQL_ROOM_SET_JOIN, NULL, "si", policy, client_id);
}

int room_set_show_who(struct db *db, long long client_id, bool show)
{
	return db_exec(db, SQL_ROOM_SET_SHOW_WHO, NULL, "ii", (long long)show, client_id);
}

static bool acceptable(const char *s, size_t max, bool spaces)
{
	if (s == NULL || *s == '\0' || strlen(s) > 4 * max || !utf8_valid(s, strlen(s)))
		return false;
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || (!spaces && *p == ' '))
			return false;
		chars += (*p & 0xc0) != 0x80;
	}
	return chars <= max;
}

static int hash_password(struct pool *pool, const struct config *cfg, const char *password,
			 char **hash)
{
	if (password == NULL || strlen(password) < 10)
		return ROOM_ADMIN_BAD_VALUE;
	*hash = pool_alloc(pool, PASSWORD_HASH_MAX);
	return crypto_password_hash(password, cfg->password_iterations, *hash) == 0 ? DB_OK : DB_ERROR;
}

int collaborator_add(struct db *db, struct pool *pool, const struct config *cfg, long long client_id,
		     const char *login, const char *name, const char *password)
{
	if (!acceptable(login, 100, false) || !acceptable(name, 100, true))
		return ROOM_ADMIN_BAD_VALUE;
	char *hash;
	int rc = hash_password(pool, cfg, password, &hash);
	if (rc != DB_OK)
		return rc;
	return db_exec(db, SQL_ROOM_COLLABORATOR_INSERT, NULL, "isss", client_id, login, name, hash);
}

int collaborator_set_password(struct db *db, struct pool *pool, const struct config *cfg,
			      long long client_id, const char *login, const char *password)
{
	char *hash;
	int rc = hash_password(pool, cfg, password, &hash);
	if (rc != DB_OK)
		return rc;
	unsigned long long changed = 0;
	rc = db_exec(db, SQL_ROOM_COLLABORATOR_SET_PASSWORD, &changed, "sis", hash, client_id, login);
	return rc == DB_OK && changed == 0 ? ROOM_ADMIN_NO_SUCH : rc;
}

int room_invite_as_owner(struct db *db, struct pool *pool, const struct config *cfg,
			 const char *channel_public_id, const char *base,
			 const struct invitation_request *req, struct invitation_made *out)
{
	struct db_rows row;
	if (!crypto_is_public_id(channel_public_id))
		return ROOM_ADMIN_NO_SUCH;
	int rc = db_query(db, pool, SQL_ROOM_OWNER_BY_PUBLIC_ID, &row, "s", channel_public_id);
	if (rc != DB_OK)
		return rc;
	if (row.rows == 0)
		return ROOM_ADMIN_NO_SUCH;
	struct member m;
	memset(&m, 0, sizeof m);
	m.channel_id = db_cell_int(&row, 0, 0);
	m.client_id = db_cell_int(&row, 0, 1);
	m.channel_name = db_cell(&row, 0, 2);
	m.participant_id = db_cell_int(&row, 0, 3);
	m.display_name = db_cell(&row, 0, 4);
	m.kind = "agent";
	m.channel_public_id = channel_public_id;
	m.channel_open = true;
	return room_invite(db, pool, cfg, &m, base, req, out);
}
