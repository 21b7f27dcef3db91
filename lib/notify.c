/* notify.c - a lock-free ring of change hints in POSIX shared memory.
 *
 * Writers take a ticket with an atomic add, fill the slot, then publish it
 * by storing ticket + 1 in the slot's stamp (release). Readers check the
 * stamp before and after copying the slot (acquire), like a seqlock, so a
 * slot being rewritten is never read half-old, half-new. One futex word
 * shared by all processes carries the wake-ups. */
#include "notify.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "crypto.h"
#include "log.h"

enum { RING_SLOTS = 8192, RING_MAGIC = 0x4241544f /* "BATO" */ };

struct slot {
	_Atomic uint64_t stamp; /* ticket + 1 once complete */
	uint32_t topic;
	uint32_t unused;
	int64_t id;
	uint64_t version;
};

struct ring {
	_Atomic uint32_t magic;
	_Atomic uint32_t wake;  /* futex word: bumped on every post */
	_Atomic uint64_t head;  /* next ticket */
	struct slot slots[RING_SLOTS];
};

/* Per-process mapping, opened once. */
static struct ring *ring;

static void ring_name(const struct config *cfg, char *name, size_t size)
{
	char id[1200], hash[TOKEN_HEX_LEN + 1];
	if (cfg->notify_name[0] != '\0') {
		snprintf(name, size, "/baton-%s", cfg->notify_name);
		return;
	}
	snprintf(id, sizeof id, "%s|%s|%d|%s", cfg->db_socket, cfg->db_host, cfg->db_port,
		 cfg->db_name);
	crypto_sha256_hex(id, hash);
	snprintf(name, size, "/baton-%.16s", hash);
}

int notify_open(const struct config *cfg)
{
	if (ring != NULL)
		return 0;
	char name[128];
	ring_name(cfg, name, sizeof name);
	int fd = shm_open(name, O_RDWR | O_CREAT, 0666);
	if (fd < 0) {
		log_warn("notify: shm_open %s: %s; long-polls fall back to the database", name,
			 strerror(errno));
		return -1;
	}
	/* Processes of other users (web server, admin) on this host share it. */
	fchmod(fd, 0666);
	struct stat st;
	if (fstat(fd, &st) != 0 || (st.st_size < (off_t)sizeof(struct ring)
				    && ftruncate(fd, sizeof(struct ring)) != 0)) {
		log_warn("notify: cannot size %s: %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	void *map = mmap(NULL, sizeof(struct ring), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		log_warn("notify: mmap %s: %s", name, strerror(errno));
		return -1;
	}
	ring = map;
	/* A fresh mapping is all zeroes, which is already a valid empty ring. */
	atomic_store(&ring->magic, RING_MAGIC);
	return 0;
}

void notify_close(void)
{
	if (ring != NULL)
		munmap(ring, sizeof(struct ring));
	ring = NULL;
}

void notify_post(enum notify_topic topic, long long id, unsigned long long version)
{
	if (ring == NULL)
		return;
	uint64_t ticket = atomic_fetch_add(&ring->head, 1);
	struct slot *s = &ring->slots[ticket % RING_SLOTS];
	atomic_store_explicit(&s->stamp, 0, memory_order_relaxed);
	atomic_thread_fence(memory_order_release);
	s->topic = (uint32_t)topic;
	s->id = id;
	s->version = version;
	atomic_store_explicit(&s->stamp, ticket + 1, memory_order_release);
	atomic_fetch_add(&ring->wake, 1);
	syscall(SYS_futex, &ring->wake, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

uint64_t notify_head(void)
{
	return ring ? atomic_load(&ring->head) : 0;
}

void notify_wait(uint64_t seen, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
	if (ring == NULL) {
		nanosleep(&ts, NULL);
		return;
	}
	uint32_t wake = atomic_load(&ring->wake);
	if (atomic_load(&ring->head) != seen)
		return;
	syscall(SYS_futex, &ring->wake, FUTEX_WAIT, wake, &ts, NULL, 0);
}

int notify_read(uint64_t ticket, struct notify_entry *out)
{
	if (ring == NULL)
		return -1;
	struct slot *s = &ring->slots[ticket % RING_SLOTS];
	uint64_t before = atomic_load_explicit(&s->stamp, memory_order_acquire);
	if (before < ticket + 1) {
		/* Not published yet, unless the writer that took it died or we
		 * are a whole lap behind (then the head says so). */
		return atomic_load(&ring->head) - ticket > RING_SLOTS ? -1 : 0;
	}
	if (before > ticket + 1)
		return -1;
	out->topic = (enum notify_topic)s->topic;
	out->id = s->id;
	out->version = s->version;
	atomic_thread_fence(memory_order_acquire);
	return atomic_load_explicit(&s->stamp, memory_order_relaxed) == before ? 1 : -1;
}
