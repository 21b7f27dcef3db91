/* log.c - timestamped log lines with non-printable bytes escaped. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Per-process logging state, set once at start-up. */
static FILE *log_stream;
static char log_program[64] = "baton";

void log_open(const char *program, const char *path)
{
	snprintf(log_program, sizeof log_program, "%s", program);
	if (path != NULL && *path != '\0') {
		FILE *f = fopen(path, "a");
		if (f != NULL) {
			setvbuf(f, NULL, _IOLBF, 0);
			log_stream = f;
			return;
		}
		fprintf(stderr, "%s: cannot open log file %s, logging to stderr\n", program, path);
	}
	log_stream = NULL;
}

void log_close(void)
{
	if (log_stream != NULL)
		fclose(log_stream);
	log_stream = NULL;
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char msg[2048], safe[4096];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)msg; *p && o + 5 < sizeof safe; p++) {
		if (*p < 0x20 || *p == 0x7f)
			o += (size_t)snprintf(safe + o, sizeof safe - o, "\\x%02x", *p);
		else
			safe[o++] = (char)*p;
	}
	safe[o] = '\0';

	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	FILE *out = log_stream ? log_stream : stderr;
	fprintf(out, "%s %s[%ld] %s: %s\n", stamp, log_program, (long)getpid(), level, safe);
	fflush(out);
}

#define LOG_FUNCTION(name, level) \
	void name(const char *fmt, ...) \
	{ \
		va_list ap; \
		va_start(ap, fmt); \
		log_line(level, fmt, ap); \
		va_end(ap); \
	}

LOG_FUNCTION(log_error, "error")
LOG_FUNCTION(log_warn, "warning")
LOG_FUNCTION(log_info, "info")
