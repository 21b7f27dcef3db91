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
	GUARD_SIGNIN_CSRF = 1 << 2,  /* csrf field equals the baton_csrf cookie */
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

#endif
