/* pool.h - per-request memory: everything a request allocates is freed at once
 * when the request ends, so a FastCGI loop cannot leak across requests. */
#ifndef BATON_POOL_H
#define BATON_POOL_H

#include <stddef.h>

struct pool;

struct pool *pool_new(void);
void pool_free(struct pool *pool);
void pool_reset(struct pool *pool);

/* Never return NULL: running out of memory aborts the process (the supervisor
 * restarts it), which is safer than half-handling a request. */
void *pool_alloc(struct pool *pool, size_t size);
void *pool_zalloc(struct pool *pool, size_t size);
char *pool_strdup(struct pool *pool, const char *s);
char *pool_strndup(struct pool *pool, const char *s, size_t n);
char *pool_printf(struct pool *pool, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
