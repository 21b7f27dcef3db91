/* mail_jobs.h - the timed work the mailer does before each round of
 * sending: each job finds what has become due in the database, does it in
 * a transaction (queueing mail with mail_queue_add) and marks it done, so
 * any number of mailers on any number of hosts do each thing once. */
#ifndef BATON_MAIL_JOBS_H
#define BATON_MAIL_JOBS_H

struct config;
struct db;
struct pool;

/* What a job gets: now is the database's clock plus clock_offset (seconds;
 * tests make time pass with it, nothing else sets it). */
struct job_context {
	struct db *db;
	const struct config *cfg;
	struct pool *pool;
	long long clock_offset;
};

/* Runs every job once. Returns DB_OK, or the first failure (the others
 * still ran). */
int mail_jobs_run(const struct job_context *ctx);

/* The jobs (each in its own file). */
int transcript_job(const struct job_context *ctx);   /* lib/mail_transcript.c */
int appointment_job(const struct job_context *ctx);  /* lib/appointment.c */
int digest_job(const struct job_context *ctx);       /* lib/digest.c */

#endif
