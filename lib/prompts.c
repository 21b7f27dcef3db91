/* prompts.c - loading the dialer's sounds into memory once. */
#include "prompts.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

enum { MAX_PROMPTS = 256, MAX_PROMPT_BYTES = 8000 * 2 * 120 };

struct named_sound {
	char name[48];
	struct sound sound;
};

struct prompts {
	struct named_sound items[MAX_PROMPTS];
	size_t count;
};

static int load_one(struct named_sound *item, const char *dir, const char *file)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (size <= 0 || size > MAX_PROMPT_BYTES) {
		fclose(f);
		return -1;
	}
	int16_t *samples = malloc((size_t)size);
	size_t got = samples ? fread(samples, 1, (size_t)size, f) : 0;
	fclose(f);
	if (got != (size_t)size) {
		free(samples);
		return -1;
	}
	size_t n = strlen(file) - 4; /* without ".sln" */
	if (n >= sizeof item->name)
		n = sizeof item->name - 1;
	memcpy(item->name, file, n);
	item->name[n] = '\0';
	item->sound.samples = samples;
	item->sound.count = (size_t)size / 2;
	return 0;
}

struct prompts *prompts_load(const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		snprintf(err, errlen, "cannot open the prompts directory %s (run make)", dir);
		return NULL;
	}
	struct prompts *p = calloc(1, sizeof *p);
	struct dirent *e;
	while (p != NULL && (e = readdir(d)) != NULL && p->count < MAX_PROMPTS) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".sln") == 0
		    && load_one(&p->items[p->count], dir, e->d_name) == 0)
			p->count++;
	}
	closedir(d);
	if (p == NULL || p->count == 0) {
		snprintf(err, errlen, "no prompts (*.sln) in %s (run make)", dir);
		prompts_free(p);
		return NULL;
	}
	return p;
}

void prompts_free(struct prompts *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->count; i++)
		free((void *)p->items[i].sound.samples);
	free(p);
}

const struct sound *prompts_get(const struct prompts *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0)
			return &p->items[i].sound;
	log_warn("dialer: no prompt '%s'", name);
	return NULL;
}

const struct sound *prompts_number(const struct prompts *p, long long n)
{
	char name[24];
	snprintf(name, sizeof name, "n%lld", n);
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0)
			return &p->items[i].sound;
	return NULL;
}
