/* mail_jobs.c - the mailer's timed work, in order (see mail_jobs.h). */
#include "mail_jobs.h"

#include <stddef.h>

#include "db.h"
#include "log.h"

static const struct {
	const char *name;
	int (*run)(const struct job_context *ctx);
} jobs[] = {
	{ "transcripts", transcript_job },
	{ "appointments", appointment_job },
	{ "digests", digest_job },
};

int mail_jobs_run(const struct job_context *ctx)
{
	int first = DB_OK;
	for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
		int rc = jobs[i].run(ctx);
		/* Rows left half-done roll back; the next round does them. */
		db_rollback(ctx->db);
		if (rc != DB_OK && rc != DB_DOWN)
			log_error("mail job %s failed (%d)", jobs[i].name, rc);
		if (rc != DB_OK && first == DB_OK)
			first = rc;
	}
	return first;
}
