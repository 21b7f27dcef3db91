/* mail_send.c - claiming, handing over and recording outgoing mail (see
 * mail_send.h). */
#include "mail_send.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mail_queue.h"
#include "pool.h"

enum {
	BATCH = 20,
	/* A claimed message whose sender died is claimed again after this. */
	CLAIM_SECONDS = 600,
	FIRST_RETRY_SECONDS = 60,
	MAX_RETRY_SECONDS = 3600,
	SENDMAIL_ARGS_MAX = 32,
	ERROR_MAX = 480,
};

/* ---- the sendmail interface -------------------------------------------- */

/* sendmail_command's words, then "-i -f FROM -- TO". */
static char **sendmail_argv(struct pool *pool, const char *command, const char *from,
			    const char *to)
{
	char **argv = pool_zalloc(pool, (SENDMAIL_ARGS_MAX + 6) * sizeof *argv);
	char *words = pool_strdup(pool, command);
	int n = 0;
	for (char *save = NULL, *w = strtok_r(words, " \t", &save); w && n < SENDMAIL_ARGS_MAX;
	     w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	if (n == 0)
		return NULL;
	argv[n++] = "-i";
	argv[n++] = "-f";
	argv[n++] = (char *)from;
	argv[n++] = "--";
	argv[n++] = (char *)to;
	argv[n] = NULL;
	return argv;
}

/* Exit statuses (sysexits.h) that mean "never": the address or the message
 * is wrong. Everything else, exim's 1 included, may work later. */
static enum mail_outcome sendmail_outcome(int status)
{
	switch (status) {
	case 0:
		return MAIL_SENT;
	case 67: /* EX_NOUSER */
	case 68: /* EX_NOHOST */
		return MAIL_RECIPIENT_REFUSED;
	case 65: /* EX_DATAERR */
		return MAIL_PERMANENT;
	default:
		return MAIL_TEMPORARY;
	}
}

/* Writes content to the child's stdin and collects its stderr, both
 * without blocking forever: a hung command counts as a temporary failure. */
static int talk_to_child(int in_fd, int err_fd, const char *content, size_t len, int timeout_s,
			 char *errtext, size_t errsize)
{
	size_t written = 0, got = 0;
	time_t deadline = time(NULL) + timeout_s;
	errtext[0] = '\0';
	while (err_fd >= 0) {
		struct pollfd p[2] = { { .fd = err_fd, .events = POLLIN },
				       { .fd = in_fd, .events = POLLOUT } };
		int left = (int)(deadline - time(NULL));
		if (left <= 0)
			return -1;
		if (poll(p, in_fd >= 0 ? 2 : 1, left * 1000) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (in_fd >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t n = write(in_fd, content + written, len - written);
			if (n > 0)
				written += (size_t)n;
			if (n < 0 || written == len) {
				close(in_fd);
				in_fd = -1;
			}
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			char chunk[512];
			ssize_t n = read(err_fd, chunk, sizeof chunk);
			if (n <= 0) {
				close(err_fd);
				err_fd = -1;
			} else if (got + 1 < errsize) {
				size_t take = (size_t)n < errsize - 1 - got ? (size_t)n : errsize - 1 - got;
				memcpy(errtext + got, chunk, take);
				got += take;
				errtext[got] = '\0';
			}
		}
	}
	if (in_fd >= 0)
		close(in_fd);
	return written == len ? 0 : -1;
}

static enum mail_outcome sendmail_send(const struct config *cfg, struct pool *pool,
				       const char *from, const char *to, const char *content,
				       size_t len, char *error, size_t errlen)
{
	char **argv = sendmail_argv(pool, cfg->sendmail_command, from, to);
	if (argv == NULL) {
		snprintf(error, errlen, "sendmail_command is empty");
		return MAIL_TEMPORARY;
	}
	int in[2], err[2];
	if (pipe2(in, O_CLOEXEC) != 0)
		return MAIL_TEMPORARY;
	if (pipe2(err, O_CLOEXEC) != 0) {
		close(in[0]);
		close(in[1]);
		return MAIL_TEMPORARY;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(err[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		execv(argv[0], argv);
		dprintf(STDERR_FILENO, "cannot run %s: %s", argv[0], strerror(errno));
		_exit(75);
	}
	close(in[0]);
	close(err[1]);
	if (pid < 0) {
		close(in[1]);
		close(err[0]);
		snprintf(error, errlen, "cannot start %s: %s", argv[0], strerror(errno));
		return MAIL_TEMPORARY;
	}
	char output[ERROR_MAX];
	int talked = talk_to_child(in[1], err[0], content, len, cfg->smtp_timeout_seconds, output,
				   sizeof output);
	if (talked != 0)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	output[strcspn(output, "\r\n")] = '\0';
	if (talked != 0) {
		snprintf(error, errlen, "%s did not take the message within %d s", argv[0],
			 cfg->smtp_timeout_seconds);
		return MAIL_TEMPORARY;
	}
	if (!WIFEXITED(status)) {
		snprintf(error, errlen, "%s was killed by signal %d", argv[0], WTERMSIG(status));
		return MAIL_TEMPORARY;
	}
	enum mail_outcome outcome = sendmail_outcome(WEXITSTATUS(status));
	if (outcome != MAIL_SENT)
		snprintf(error, errlen, "%s exited with status %d: %s", argv[0], WEXITSTATUS(status),
			 output[0] ? output : "(no message)");
	return outcome;
}

enum mail_outcome mail_transport_send(const struct config *cfg, struct pool *pool,
				      const char *from, const char *to, const char *content,
				      size_t len, char *error, size_t errlen)
{
	if (cfg->mail_transport == MAIL_TRANSPORT_SMTP)
		return smtp_send(cfg, mail_domain(cfg, pool), from, to, content, len, error, errlen);
	return sendmail_send(cfg, pool, from, to, content, len, error, errlen);
}

/* ---- the queue --------------------------------------------------------- */

static long long retry_delay(long long attempts)
{
	long long delay = FIRST_RETRY_SECONDS;
	for (long long i = 1; i < attempts && delay < MAX_RETRY_SECONDS; i++)
		delay *= 2;
	return delay < MAX_RETRY_SECONDS ? delay : MAX_RETRY_SECONDS;
}

static int record(struct db *db, const struct config *cfg, const struct db_rows *rows, size_t i,
		  const char *claim, enum mail_outcome outcome, const char *error,
		  long long clock_offset)
{
	long long id = db_cell_int(rows, i, 0);
	const char *to = db_cell(rows, i, 1);
	long long attempts = db_cell_int(rows, i, 4);
	long long age = db_cell_int(rows, i, 5);
	if (outcome == MAIL_SENT) {
		log_info("mail %lld (%s) sent to %s", id, db_cell(rows, i, 6), to);
		return db_exec(db, SQL_MAIL_SENT, NULL, "is", id, claim);
	}
	if (outcome == MAIL_TEMPORARY && age < (long long)cfg->mail_give_up_hours * 3600) {
		long long delay = retry_delay(attempts);
		log_warn("mail %lld to %s: temporary failure (attempt %lld, next in %lld s): %s", id,
			 to, attempts, delay, error);
		return db_exec(db, SQL_MAIL_RETRY, NULL, "isis", clock_offset + delay, error, id, claim);
	}
	const char *state = outcome == MAIL_RECIPIENT_REFUSED ? "bounced" : "failed";
	const char *why = outcome == MAIL_TEMPORARY
				  ? "gave up: still failing after mail_give_up_hours"
				  : error;
	log_warn("mail %lld to %s %s: %s (%s)", id, to, state, why, error);
	int rc = db_exec(db, SQL_MAIL_GIVE_UP, NULL, "ssis", state, why, id, claim);
	if (rc == DB_OK && outcome == MAIL_RECIPIENT_REFUSED)
		rc = db_exec(db, SQL_MAIL_BAD_ADDRESS_PUT, NULL, "ssi", to, error, id);
	return rc;
}

/* Claims up to a batch of due messages; 0 rows when nothing is due. */
static int claim(struct db *db, struct pool *pool, long long clock_offset, char token[33],
		 struct db_rows *rows)
{
	memset(rows, 0, sizeof *rows);
	if (crypto_public_id(token) != 0)
		return DB_ERROR;
	unsigned long long claimed = 0;
	int rc = db_exec(db, SQL_MAIL_CLAIM, &claimed, "siii", token, (long long)CLAIM_SECONDS,
			 clock_offset, (long long)BATCH);
	if (rc != DB_OK || claimed == 0)
		return rc;
	return db_query(db, pool, SQL_MAIL_CLAIMED, rows, "is", clock_offset, token);
}

int mail_send_due(struct db *db, const struct config *cfg, struct pool *pool,
		  long long clock_offset, int *sent)
{
	*sent = 0;
	for (;;) {
		char token[33];
		struct db_rows rows;
		/* Two senders meeting on the same rows (or Galera nodes on one
		 * row): the loser looks again after a pause. */
		int rc, attempt = 0;
		do
			rc = claim(db, pool, clock_offset, token, &rows);
		while (db_retry(db, &rc, &attempt));
		if (rc != DB_OK || rows.rows == 0)
			return rc;
		for (size_t i = 0; i < rows.rows; i++) {
			char error[ERROR_MAX];
			error[0] = '\0';
			enum mail_outcome outcome = mail_transport_send(
				cfg, pool, db_cell(&rows, i, 2), db_cell(&rows, i, 1),
				db_cell(&rows, i, 3), rows.length[i * rows.cols + 3], error,
				sizeof error);
			rc = record(db, cfg, &rows, i, token, outcome, error, clock_offset);
			if (rc != DB_OK)
				return rc;
			*sent += outcome == MAIL_SENT;
		}
	}
}

int mail_record_bounce(struct db *db, struct pool *pool, const char *token, const char *reason,
		       int *found)
{
	struct db_rows rows;
	*found = 0;
	if (!crypto_is_public_id(token))
		return DB_OK;
	int rc = db_query(db, pool, SQL_MAIL_BY_TOKEN, &rows, "s", token);
	if (rc != DB_OK || rows.rows == 0)
		return rc;
	*found = 1;
	long long id = db_cell_int(&rows, 0, 0);
	const char *to = db_cell(&rows, 0, 1);
	log_warn("mail %lld to %s bounced: %s", id, to, reason);
	rc = db_exec(db, SQL_MAIL_BOUNCED, NULL, "si", reason, id);
	if (rc == DB_OK)
		rc = db_exec(db, SQL_MAIL_BAD_ADDRESS_PUT, NULL, "ssi", to, reason, id);
	return rc;
}
