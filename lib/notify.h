/* notify.h - "something changed" messages from the programs that commit
 * changes to the long-poll programs on the same host, through a ring in
 * shared memory with futex wake-ups. Only a hint: pollers on other hosts
 * (and any poller that falls behind the ring) learn the same from the
 * database, so a lost hint costs latency, never an event. */
#ifndef BATON_NOTIFY_H
#define BATON_NOTIFY_H

#include <stdint.h>

/* NOTIFY_REVOKE: an event's attendee (id) was removed; the poll programs
 * forget who their polls are at once (lib/attendee.h). NOTIFY_SIGNOUT: a
 * staff session (id) was signed out; the same, for its polls (other hosts
 * learn it within a second: lib/poll_passes.c, staff_passes_check). */
enum notify_topic { NOTIFY_CHANNEL = 1, NOTIFY_QUEUE = 2, NOTIFY_REVOKE = 3, NOTIFY_SIGNOUT = 4 };

struct notify_entry {
	enum notify_topic topic;
	long long id;                 /* channel id, or client id for queues */
	unsigned long long version;   /* last_seq / queue_version after the change */
};

struct config;

/* Opens (creating if needed) this installation's ring; the name is derived
 * from the database the configuration points at, so stacks that share a
 * database share the ring. Returns 0, or -1 (then posts are no-ops). */
int notify_open(const struct config *cfg);
void notify_close(void);

/* After a commit: tell local pollers. Cheap, never blocks. */
void notify_post(enum notify_topic topic, long long id, unsigned long long version);

/* The ticket after the newest entry; readers start from here. */
uint64_t notify_head(void);
/* Sleeps until an entry past `seen` is posted or timeout_ms passes. */
void notify_wait(uint64_t seen, int timeout_ms);
/* Reads the entry with this ticket: 1 when read, 0 when not yet complete,
 * -1 when the ring has already overwritten it (the reader fell behind). */
int notify_read(uint64_t ticket, struct notify_entry *out);

#endif
