/* buf.h - a growable byte buffer for response bodies and built strings. */
#ifndef BATON_BUF_H
#define BATON_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_clear(struct buf *b);
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void buf_json_string(struct buf *b, const char *s);
/* Appends the ids as a JSON array of numbers: the batches that SQL reads
 * with JSON_TABLE, one prepared statement whatever their size. */
void buf_json_ids(struct buf *b, const long long *ids, size_t n);
/* Appends s with & < > " ' replaced by entities. */
void buf_html(struct buf *b, const char *s);

#endif
