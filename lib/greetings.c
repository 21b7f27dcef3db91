/* greetings.c - clients' greetings, spoken once by espeak-ng and kept. */
#include "greetings.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crypto.h"
#include "log.h"

enum { MAX_GREETINGS = 64, MAX_BYTES = 8000 * 2 * 60 };

struct greeting {
	char hash[65];           /* SHA-256 of the text */
	pid_t pid;               /* > 0 while being made */
	bool failed;
	int16_t *samples;
	struct sound sound;
};

struct greetings {
	char dir[64];            /* a private directory for the children's output */
	struct greeting items[MAX_GREETINGS];
	size_t count;
};

struct greetings *greetings_new(void)
{
	struct greetings *g = calloc(1, sizeof *g);
	if (g == NULL)
		return NULL;
	snprintf(g->dir, sizeof g->dir, "/tmp/baton-greetings.XXXXXX");
	if (mkdtemp(g->dir) == NULL) {
		log_warn("dialer: no directory for greetings: %s", strerror(errno));
		g->dir[0] = '\0';
	}
	return g;
}

static void path_of(const struct greetings *g, const struct greeting *item, char *out, size_t size)
{
	snprintf(out, size, "%s/%.16s.sln", g->dir, item->hash);
}

void greetings_free(struct greetings *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->count; i++) {
		if (g->items[i].pid > 0) {
			kill(g->items[i].pid, SIGKILL);
			waitpid(g->items[i].pid, NULL, 0);
		}
		char path[128];
		path_of(g, &g->items[i], path, sizeof path);
		unlink(path);
		free(g->items[i].samples);
	}
	if (g->dir[0])
		rmdir(g->dir);
	free(g);
}

/* espeak-ng speaks into sox, which writes 8 kHz 16-bit linear: the text and
 * the file are arguments of the shell, never part of its script. */
static void start(struct greetings *g, struct greeting *item, const char *text)
{
	char path[128];
	path_of(g, item, path, sizeof path);
	pid_t pid = fork();
	if (pid < 0) {
		item->failed = true;
		return;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c",
		      "espeak-ng -v en-gb -s 150 --stdout \"$1\" | "
		      "sox -q -t wav - -r 8000 -c 1 -b 16 -e signed-integer -t raw \"$2\" norm -3",
		      "sh", text, path, (char *)NULL);
		_exit(127);
	}
	item->pid = pid;
}

static void load(struct greetings *g, struct greeting *item)
{
	char path[128];
	path_of(g, item, path, sizeof path);
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (f == NULL || fstat(fileno(f), &st) != 0 || st.st_size <= 0 || st.st_size > MAX_BYTES) {
		item->failed = true;
		if (f)
			fclose(f);
		unlink(path);
		return;
	}
	item->samples = malloc((size_t)st.st_size);
	if (item->samples != NULL && fread(item->samples, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
		item->sound.samples = item->samples;
		item->sound.count = (size_t)st.st_size / 2;
	} else {
		item->failed = true;
	}
	fclose(f);
	unlink(path);
}

void greetings_reap(struct greetings *g)
{
	for (size_t i = 0; i < g->count; i++) {
		struct greeting *item = &g->items[i];
		int status;
		if (item->pid <= 0 || waitpid(item->pid, &status, WNOHANG) != item->pid)
			continue;
		item->pid = 0;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			load(g, item);
		else
			item->failed = true;
		if (item->failed)
			log_warn("dialer: a client's greeting could not be spoken (is espeak-ng installed?)");
	}
}

const struct sound *greetings_get(struct greetings *g, const char *text)
{
	if (g == NULL || g->dir[0] == '\0' || text == NULL || *text == '\0')
		return NULL;
	char hash[65];
	crypto_sha256_hex(text, hash);
	for (size_t i = 0; i < g->count; i++) {
		struct greeting *item = &g->items[i];
		if (strcmp(item->hash, hash) != 0)
			continue;
		return item->sound.count > 0 ? &item->sound : NULL;
	}
	if (g->count == MAX_GREETINGS)
		return NULL;
	struct greeting *item = &g->items[g->count++];
	memset(item, 0, sizeof *item);
	memcpy(item->hash, hash, sizeof item->hash);
	start(g, item, text);
	return NULL;
}
