/* admin_crowd.h - baton-admin's commands for rooms and events (issue 17),
 * in a file of their own (tools/admin_crowd.c). */
#ifndef BATON_ADMIN_CROWD_H
#define BATON_ADMIN_CROWD_H

struct config;
struct db;
struct pool;

struct crowd_admin {
	struct db *db;
	struct pool *pool;
	const struct config *cfg;
	/* baton-admin's own password reader ($BATON_PASSWORD, standard input,
	 * or --generate). */
	const char *(*password)(void *context, int generate);
	void *context;
	/* baton-admin's actor for the actions of lib/admin*.c: the operator,
	 * on this shell (a fresh one for each action). */
	struct admin_context *(*actor)(void *context);
};

enum { CROWD_ADMIN_NOT_MINE = -1 };

/* Runs the command when it is one of these: its exit status; else
 * CROWD_ADMIN_NOT_MINE. */
int crowd_admin_command(const struct crowd_admin *a, int argc, char **argv, int generate);

/* Schedules the demo client's event (baton-admin demo) and prints its
 * pages: 0, or 1 after saying why not. */
int crowd_demo_event(const struct crowd_admin *a);

extern const char crowd_admin_usage[];

#endif
