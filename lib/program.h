/* program.h - what a cgi-bin program declares: for each method it accepts,
 * its inputs, the checks that must pass before it runs, and the handler.
 * program_main() does the rest: FastCGI or CGI, parsing, validation,
 * session and CSRF checks, error pages, sending, freeing. */
#ifndef BATON_PROGRAM_H
#define BATON_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

#include "request.h"

enum guard {
	GUARD_NONE = 0,
	GUARD_SESSION = 1 << 0,      /* a signed-in staff member */
	GUARD_CSRF = 1 << 1,         /* csrf field equals the session's token */
	GUARD_FORM_CSRF = 1 << 2,    /* csrf field equals the baton_csrf cookie (forms of
	                                people without a session: sign-in, visitors) */
};

struct action {
	enum http_method method;     /* METHOD_GET also answers HEAD */
	const struct input *inputs;
	size_t input_count;
	unsigned guards;
	/* Returns the HTTP status it set, or a negative number after logging an
	 * internal failure (answered with a 500 page). */
	int (*run)(struct request *r);
};

struct program {
	const char *name;
	bool json;                   /* errors as JSON rather than HTML */
	const struct action *actions;
	size_t action_count;
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

int program_main(const struct program *program, int argc, char **argv);

/* The pieces program_main() is made of, for programs with a loop of their
 * own (the threaded poll program). */
struct program_context {
	const struct program *program;
	const struct config *cfg;
	struct db *db;
};
/* A handler's return value meaning "keep the connection; answer later". */
enum { PROGRAM_PARKED = 1 };

/* Reads the configuration and starts logging and the database library.
 * Returns 0, or 1 after saying why on stderr (and to the client under CGI). */
int program_setup(const struct program *program, struct config *cfg);
void program_teardown(void);
void program_request_init(struct request *r, const struct program_context *ctx, struct io *io);
/* Parsing, method, inputs, guards, then the handler: its status. */
int program_run(struct request *r);
/* Sends the response (a 500 page for a negative status) and frees it. */
void program_request_finish(struct request *r, int status);

#endif
