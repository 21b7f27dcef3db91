/* pool.c - a simple arena: blocks chained together, freed in one go. */
#include "pool.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { POOL_BLOCK_SIZE = 16 * 1024, POOL_ALIGN = 16 };

struct pool_block {
	struct pool_block *next;
	size_t size;
	size_t used;
	_Alignas(POOL_ALIGN) unsigned char data[];
};

struct pool {
	struct pool_block *head;
};

static void *checked_malloc(size_t size)
{
	void *p = malloc(size);
	if (p == NULL) {
		fputs("baton: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct pool *pool_new(void)
{
	struct pool *pool = checked_malloc(sizeof *pool);
	pool->head = NULL;
	return pool;
}

void pool_reset(struct pool *pool)
{
	struct pool_block *b = pool->head;
	while (b != NULL) {
		struct pool_block *next = b->next;
		free(b);
		b = next;
	}
	pool->head = NULL;
}

void pool_free(struct pool *pool)
{
	if (pool == NULL)
		return;
	pool_reset(pool);
	free(pool);
}

void *pool_alloc(struct pool *pool, size_t size)
{
	size_t need = (size + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	if (need < size) /* overflow */
		abort();
	struct pool_block *b = pool->head;
	if (b == NULL || b->size - b->used < need) {
		size_t block = need > POOL_BLOCK_SIZE ? need : POOL_BLOCK_SIZE;
		b = checked_malloc(sizeof *b + block);
		b->size = block;
		b->used = 0;
		b->next = pool->head;
		pool->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	return p;
}

void *pool_zalloc(struct pool *pool, size_t size)
{
	void *p = pool_alloc(pool, size);
	memset(p, 0, size);
	return p;
}

char *pool_strndup(struct pool *pool, const char *s, size_t n)
{
	char *p = pool_alloc(pool, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pool_strdup(struct pool *pool, const char *s)
{
	return s == NULL ? NULL : pool_strndup(pool, s, strlen(s));
}

char *pool_printf(struct pool *pool, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return pool_strdup(pool, "");
	char *p = pool_alloc(pool, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
