/* admin.c - the actor, refusals, value checks, the authorization rule and
 * the audit log that every administrative action shares (see admin.h). */
#include "admin.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "channel.h"
#include "config.h"
#include "db.h"
#include "pool.h"
#include "queue.h"
#include "request.h"
#include "router.h"

void admin_context_for_request(struct admin_context *ac, struct request *r)
{
	memset(ac, 0, sizeof *ac);
	ac->db = r->db;
	ac->pool = r->pool;
	ac->cfg = r->cfg;
	ac->agent_id = r->session->agent_id;
	ac->client_id = r->session->client_id;
	ac->reseller_id = r->session->reseller_id;
	ac->role = staff_role(r->session);
	ac->who = r->session->email;
	ac->from = r->remote_addr ? r->remote_addr : "unknown";
	ac->base_url = r->cfg->public_url[0] ? r->cfg->public_url : request_origin(r);
}

void admin_context_for_shell(struct admin_context *ac, struct db *db, struct pool *pool,
			     const struct config *cfg)
{
	memset(ac, 0, sizeof *ac);
	ac->db = db;
	ac->pool = pool;
	ac->cfg = cfg;
	ac->role = ROLE_OPERATOR;
	const struct passwd *pw = getpwuid(getuid());
	ac->who = pool_printf(pool, "baton-admin (%s)", pw && pw->pw_name ? pw->pw_name : "unknown user");
	char host[256] = "";
	if (gethostname(host, sizeof host - 1) != 0)
		host[0] = '\0';
	ac->from = pool_printf(pool, "shell%s%s", host[0] ? " on " : "", host);
	ac->base_url = cfg->public_url;
}

int admin_refuse(struct admin_context *ac, int status, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	ac->message = pool_strdup(ac->pool, text);
	return status;
}

int admin_done(struct admin_context *ac, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	ac->message = pool_strdup(ac->pool, text);
	return 0;
}

const char *admin_text(struct admin_context *ac, const char *field, enum input_kind kind,
		       size_t max, const char *value, bool required, int *refused)
{
	struct input spec = { field, kind, required, max, 0, 0, NULL };
	struct param p = { field, value, NULL };
	const char *out = NULL, *error = NULL;
	long long number;
	*refused = 0;
	if (input_validate(ac->pool, value ? &p : NULL, &spec, 1, &out, &number, &error) != 0) {
		*refused = admin_refuse(ac, 400, "%s", error);
		return NULL;
	}
	return out;
}

int admin_int(struct admin_context *ac, const char *field, const char *value, long long min,
	      long long max, long long *out)
{
	struct input spec = { field, INPUT_INT, true, 30, min, max, NULL };
	struct param p = { field, value, NULL };
	const char *text = NULL, *error = NULL;
	if (input_validate(ac->pool, value ? &p : NULL, &spec, 1, &text, out, &error) != 0)
		return admin_refuse(ac, 400, "%s", error);
	return 0;
}

int admin_slug(struct admin_context *ac, const char *field, const char *value)
{
	int refused;
	const char *slug = admin_text(ac, field, INPUT_LINE, 64, value, true, &refused);
	if (slug == NULL)
		return refused;
	for (const char *p = slug; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return admin_refuse(ac, 400, "The %s '%s' may hold only a-z, 0-9 and '-'.", field,
					    slug);
	return 0;
}

const char *admin_domain(struct admin_context *ac, const char *value, int *refused)
{
	const char *domain = admin_text(ac, "domain", INPUT_LINE, 253, value, true, refused);
	if (domain == NULL)
		return NULL;
	char *lower = pool_strdup(ac->pool, domain);
	bool ok = *lower != '\0' && *lower != '.' && *lower != '-';
	for (char *p = lower; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		ok &= (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-';
	}
	if (!ok || strstr(lower, "..") != NULL || lower[strlen(lower) - 1] == '.') {
		*refused = admin_refuse(ac, 400, "'%s' is not a domain name (give example.com, no scheme "
					"or path).", value);
		return NULL;
	}
	return lower;
}

/* The client's reseller now (0 for none); -1 when there is no such client,
 * or a db_status below that. */
static long long current_reseller(struct admin_context *ac, long long client_id)
{
	struct db_rows rows;
	int rc = db_query(ac->db, ac->pool, SQL_CLIENT_CURRENT_RESELLER, &rows, "i", client_id);
	if (rc != DB_OK)
		return rc < -1 ? rc : DB_ERROR;
	if (rows.rows == 0)
		return -1;
	return db_cell(&rows, 0, 0) ? db_cell_int(&rows, 0, 0) : 0;
}

int admin_authorize(struct admin_context *ac, enum admin_power power, long long client_id)
{
	if (ac->role == ROLE_OPERATOR)
		return 0;
	static const char not_found[] = "There is no such client, or it is not one of yours.";
	if (power == POWER_OPERATOR)
		return admin_refuse(ac, 403, "Only the Baton operator may do this.");
	if (ac->role == ROLE_RESELLER) {
		if (power != POWER_ACCOUNT)
			return admin_refuse(ac, 403, "A reseller manages its clients' accounts, not "
					    "their desks: their administrators do.");
		long long reseller = current_reseller(ac, client_id);
		if (reseller < -1)
			return (int)reseller;
		if (reseller != ac->reseller_id || ac->reseller_id == 0)
			return admin_refuse(ac, 404, not_found);
		return 0;
	}
	if (client_id != ac->client_id)
		return admin_refuse(ac, 404, not_found);
	switch (power) {
	case POWER_STAFF:
		return 0;
	case POWER_SUPERVISE:
		if (ac->role >= ROLE_SUPERVISOR)
			return 0;
		return admin_refuse(ac, 403, "This is for supervisors and administrators only.");
	case POWER_ADMINISTER:
	case POWER_ACCOUNT:
		if (ac->role >= ROLE_ADMIN)
			return 0;
		return admin_refuse(ac, 403, "This is for the client's administrators only.");
	case POWER_OPERATOR:
		break;
	}
	return admin_refuse(ac, 403, "Only the Baton operator may do this.");
}

int admin_audit(struct admin_context *ac, long long client_id, long long reseller_id,
		const char *action, const char *object, const char *detail_fmt, ...)
{
	char detail[2000];
	va_list ap;
	va_start(ap, detail_fmt);
	vsnprintf(detail, sizeof detail, detail_fmt, ap);
	va_end(ap);
	static const char *const role_names[] = {
		[ROLE_RESELLER] = "reseller", [ROLE_AGENT] = "agent", [ROLE_SUPERVISOR] = "supervisor",
		[ROLE_ADMIN] = "admin", [ROLE_OPERATOR] = "operator",
	};
	const char *role = role_names[ac->role];
	return db_exec(ac->db, SQL_AUDIT_INSERT, NULL, "nsssnnsss", ac->agent_id, ac->who, role,
		       ac->from, client_id, reseller_id, action, object,
		       detail[0] ? detail : NULL);
}

int admin_touch_queue(struct admin_context *ac, long long client_id)
{
	ac->queue_client = client_id;
	return queue_bump(ac->db, client_id, &ac->queue_version);
}

int admin_begin(struct admin_context *ac)
{
	return ac->caller_transaction ? DB_OK : db_begin(ac->db);
}

int admin_finish(struct admin_context *ac, int rc)
{
	if (ac->caller_transaction)
		return rc;
	if (rc != DB_OK) {
		db_rollback(ac->db);
		ac->queue_client = 0;
		return rc;
	}
	rc = db_commit(ac->db);
	long long client = ac->queue_client;
	ac->queue_client = 0;
	if (rc != DB_OK || client == 0)
		return rc;
	queue_notify(client, ac->queue_version);
	/* Routing is also run every second by the poll program: a failure here
	 * only delays it, so the change itself has succeeded. */
	router_route_client(ac->db, ac->pool, client);
	return DB_OK;
}

bool admin_avatar_known(const char *avatar)
{
	for (size_t i = 0; avatar != NULL && channel_avatars[i] != NULL; i++)
		if (strcmp(channel_avatars[i], avatar) == 0)
			return true;
	return false;
}
