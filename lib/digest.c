/* digest.c - the weekly digest: on digest_weekday at digest_hour (UTC) each
 * client's supervisors and admins (those who have not unsubscribed) get
 * the past seven days' figures, from the queue report (lib/report_queue.c,
 * the same numbers as the Reports page), and plain suggestions drawn from
 * them, each with the number behind it:
 *   - the hour of the day when visitors waited longest or left while
 *     waiting, and how many agents were available then;
 *   - agents who let more offers pass than the week before;
 *   - the pages that most often led to help requests.
 * One digest per client and week: the client row's digest_week is claimed
 * in the transaction that queues the mail (any number of mailers). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mail_jobs.h"
#include "mail_queue.h"
#include "pool.h"
#include "queue.h"
#include "render.h"
#include "report.h"

enum { CLIENTS_PER_ROUND = 50, WEEK = 7 * 86400 };

/* An hour is worth a suggestion when someone left while waiting in it, or
 * accepted visitors waited longer than this on average. */
enum { SLOW_WAIT_SECONDS = 120 };

/* The week the digest is due for: it ends at 00:00 UTC of the latest
 * digest_weekday whose digest_hour has come. */
static time_t week_end(const struct config *cfg, time_t now)
{
	struct tm tm;
	gmtime_r(&now, &tm);
	time_t midnight = now - (tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
	int back = (tm.tm_wday - cfg->digest_weekday + 7) % 7;
	time_t end = midnight - (time_t)back * 86400;
	if (now < end + cfg->digest_hour * 3600)
		end -= WEEK;
	return end;
}

/* A UTC time in one of this file's formats (all literals: the pragma only
 * lets them through this one helper). */
static const char *day(struct pool *pool, time_t t, const char *format)
{
	char s[64];
	struct tm tm;
	gmtime_r(&t, &tm);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	strftime(s, sizeof s, format, &tm);
#pragma GCC diagnostic pop
	return pool_strdup(pool, s);
}

/* The week's figures: the queue report's outcomes and scheduled tables. */
static int figures(const struct job_context *ctx, long long client_id, time_t from, time_t until,
		   struct view *v)
{
	struct report_range range;
	memset(&range, 0, sizeof range);
	range.client_id = client_id;
	const char *error = report_range_dates(&range, day(ctx->pool, from, "%Y-%m-%d"),
					       day(ctx->pool, until - 86400, "%Y-%m-%d"), until);
	if (error != NULL) {
		log_error("digest: %s", error);
		return DB_ERROR;
	}
	struct report rep = { .pool = ctx->pool, .kind = "queue" };
	int rc = report_queue(ctx->db, ctx->pool, &range, &rep);
	if (rc != DB_OK)
		return rc;
	size_t n = 0;
	for (size_t t = 0; t < rep.table_count; t++) {
		const struct report_table *table = &rep.tables[t];
		if (strcmp(table->id, "outcomes") != 0 && strcmp(table->id, "scheduled") != 0)
			continue;
		for (size_t row = 0; row < table->rows; row++) {
			char key[64];
			snprintf(key, sizeof key, "figures.%zu.label", n);
			view_set(v, key, table->value[row * table->cols]);
			snprintf(key, sizeof key, "figures.%zu.value", n);
			view_set(v, key, table->value[row * table->cols + 1]);
			n++;
		}
	}
	return DB_OK;
}

static int suggestions(const struct job_context *ctx, long long client_id, const char *from,
		       const char *until, const char *before, struct view *v, int *count)
{
	struct db_rows hours, missed, pages;
	int rc = db_query(ctx->db, ctx->pool, SQL_DIGEST_HOURS, &hours, "iss", client_id, from, until);
	if (rc == DB_OK)
		rc = db_query(ctx->db, ctx->pool, SQL_DIGEST_MISSED_OFFERS, &missed, "ssissi", from, from,
			      client_id, before, until, 5LL);
	if (rc == DB_OK)
		rc = db_query(ctx->db, ctx->pool, SQL_DIGEST_PAGES, &pages, "issi", client_id, from, until,
			      3LL);
	if (rc != DB_OK)
		return rc;
	/* The worst hour: most who left, then the longest average wait. */
	long long best = -1, best_left = 0, best_wait = 0;
	for (size_t i = 0; i < hours.rows; i++) {
		long long left = db_cell_int(&hours, i, 2), wait = db_cell_int(&hours, i, 3);
		if (left == 0 && wait <= SLOW_WAIT_SECONDS)
			continue;
		if (best < 0 || left > best_left || (left == best_left && wait > best_wait)) {
			best = (long long)i;
			best_left = left;
			best_wait = wait;
		}
	}
	*count = 0;
	if (best >= 0) {
		long long h = db_cell_int(&hours, (size_t)best, 0);
		view_set(v, "hour.span", pool_printf(ctx->pool, "%02lld:00-%02lld:00", h, (h + 1) % 24));
		view_set(v, "hour.requests", db_cell(&hours, (size_t)best, 1));
		view_set_int(v, "hour.left", best_left);
		view_set_int(v, "hour.wait", best_wait);
		view_set(v, "hour.wait_words", db_cell(&hours, (size_t)best, 3)
						       ? queue_wait_words(best_wait) : NULL);
		view_set(v, "hour.agents", db_cell(&hours, (size_t)best, 4));
		(*count)++;
	}
	static const char *const missed_cols[] = { "name", "now", "before", NULL };
	view_set_rows(v, "missed", &missed, missed_cols);
	static const char *const page_cols[] = { "url", "requests", NULL };
	view_set_rows(v, "pages", &pages, page_cols);
	*count += (int)(missed.rows + pages.rows);
	return DB_OK;
}

/* One recipient's copy, with their own unsubscribe link. */
static int send_copy(const struct job_context *ctx, long long client_id, const struct db_rows *to,
		     size_t i, const char *subject, struct view *v)
{
	const char *token = db_cell(to, i, 3);
	if (token == NULL) {
		char fresh[33];
		if (crypto_public_id(fresh) != 0)
			return DB_ERROR;
		int rc = db_exec(ctx->db, SQL_DIGEST_SET_TOKEN, NULL, "si", fresh, db_cell_int(to, i, 0));
		if (rc != DB_OK)
			return rc;
		token = pool_strdup(ctx->pool, fresh);
	}
	const char *unsubscribe = pool_printf(ctx->pool, "%s/unsubscribe?t=%s",
					      mail_public_url(ctx->cfg, ctx->pool), token);
	view_set(v, "person.name", db_cell(to, i, 1));
	view_set(v, "unsubscribe", unsubscribe);
	struct buf text, html;
	buf_init(&text);
	buf_init(&html);
	int rc = view_render_mail(v, "mail/digest", &text, &html) == 0 ? DB_OK : DB_ERROR;
	if (rc == DB_OK) {
		struct mail m = {
			.kind = "digest", .client_id = client_id, .to = db_cell(to, i, 2),
			.to_name = db_cell(to, i, 1), .subject = subject, .text = text.data,
			.html = html.data, .auto_submitted = "auto-generated",
			.list_unsubscribe = unsubscribe,
		};
		rc = mail_queue_add(ctx->db, ctx->cfg, ctx->pool, &m, NULL, NULL);
		if (rc == MAIL_BAD_MESSAGE)
			rc = DB_OK;
	}
	buf_free(&text);
	buf_free(&html);
	return rc;
}

static int digest_client_once(const struct job_context *ctx, long long client_id,
			      const char *name, bool existed, time_t end)
{
	struct db *db = ctx->db;
	struct pool *pool = ctx->pool;
	time_t start = end - WEEK;
	const char *end_day = day(pool, end, "%Y-%m-%d");
	const char *from = day(pool, start, "%Y-%m-%d 00:00:00");
	const char *until = day(pool, end, "%Y-%m-%d 00:00:00");
	const char *before = day(pool, start - WEEK, "%Y-%m-%d 00:00:00");
	unsigned long long claimed = 0;
	struct db_rows to;
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_DIGEST_CLAIM, &claimed, "sis", end_day, client_id, end_day);
	if (rc == DB_OK && claimed > 0)
		rc = db_query(db, pool, SQL_DIGEST_RECIPIENTS, &to, "i", client_id);
	if (rc != DB_OK || claimed == 0 || to.rows == 0 || !existed) {
		/* Someone else's, nobody to tell, or a client newer than the week:
		 * the week is done either way. */
		if (rc == DB_OK)
			return db_commit(db);
		db_rollback(db);
		return rc;
	}
	const char *week = pool_printf(pool, "%s to %s", day(pool, start, "%-d %B"),
				       day(pool, end - 86400, "%-d %B %Y"));
	const char *subject = pool_printf(pool, "Weekly digest for %s: %s", name, week);
	struct view *v = view_new_mail(pool, ctx->cfg);
	int count = 0;
	view_set(v, "client.name", name);
	view_set(v, "week", week);
	view_set(v, "mail.subject", subject);
	view_set(v, "reports", pool_printf(pool, "%s/report?kind=queue&from=%s&to=%s",
					   mail_public_url(ctx->cfg, pool),
					   day(pool, start, "%Y-%m-%d"), day(pool, end - 86400, "%Y-%m-%d")));
	rc = figures(ctx, client_id, start, end, v);
	if (rc == DB_OK)
		rc = suggestions(ctx, client_id, from, until, before, v, &count);
	view_set_int(v, "suggestion_count", count);
	for (size_t i = 0; rc == DB_OK && i < to.rows; i++)
		rc = send_copy(ctx, client_id, &to, i, subject, v);
	view_free(v);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc == DB_OK)
		log_info("digest for client %lld (week to %s) queued for %zu people", client_id, end_day,
			 to.rows);
	return rc;
}

static int digest_client(const struct job_context *ctx, long long client_id, const char *name,
			 bool existed, time_t end)
{
	int rc, attempt = 0;
	do
		rc = digest_client_once(ctx, client_id, name, existed, end);
	while (db_retry(ctx->db, &rc, &attempt));
	return rc;
}

int digest_job(const struct job_context *ctx)
{
	struct db_rows now, due;
	int rc = db_query(ctx->db, ctx->pool, SQL_DIGEST_NOW, &now, "i", ctx->clock_offset);
	if (rc != DB_OK)
		return rc;
	time_t end = week_end(ctx->cfg, (time_t)db_cell_int(&now, 0, 0));
	const char *end_day = day(ctx->pool, end, "%Y-%m-%d");
	const char *end_at = day(ctx->pool, end, "%Y-%m-%d 00:00:00");
	/* Every client due, a batch at a time (each is claimed as it is done). */
	for (int batch = 0; rc == DB_OK && batch < 1000; batch++) {
		rc = db_query(ctx->db, ctx->pool, SQL_DIGEST_CLIENTS_DUE, &due, "ssi", end_at, end_day,
			      (long long)CLIENTS_PER_ROUND);
		if (rc != DB_OK || due.rows == 0)
			break;
		for (size_t i = 0; rc == DB_OK && i < due.rows; i++)
			rc = digest_client(ctx, db_cell_int(&due, i, 0), db_cell(&due, i, 1),
					   db_cell_int(&due, i, 2) != 0, end);
	}
	return rc;
}
