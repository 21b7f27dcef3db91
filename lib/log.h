/* log.h - one line per event to the log file (or stderr), never to clients.
 * Client-supplied text is escaped so a log line cannot be forged. */
#ifndef BATON_LOG_H
#define BATON_LOG_H

/* Opens the log file (append); NULL or "" keeps stderr. */
void log_open(const char *program, const char *path);
void log_close(void);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
