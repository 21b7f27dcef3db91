/* input.h - every parameter a program accepts is declared once, with its
 * validator and limits; handlers only ever see values that passed. */
#ifndef BATON_INPUT_H
#define BATON_INPUT_H

#include <stdbool.h>
#include <stddef.h>

struct pool;

enum input_kind {
	INPUT_LINE,     /* one line of text: no control characters */
	INPUT_TEXT,     /* text that may hold newlines and tabs */
	INPUT_EMAIL,    /* an e-mail address, compared lower-cased */
	INPUT_PASSWORD, /* any characters but NUL; never logged or echoed */
	INPUT_INT,      /* a decimal integer within [min, max] */
	INPUT_CHOICE,   /* one of choices[] */
	INPUT_TOKEN,    /* 64 lowercase hex characters (CSRF and similar) */
	INPUT_KEY,      /* 32 hex characters, lower-cased: a site key or the public
	                   id of a request or channel, which live in ASCII columns */
};

struct input {
	const char *name;
	enum input_kind kind;
	bool required;
	size_t max_chars;            /* for text kinds; 0 means 1000 */
	long long min, max;          /* for INPUT_INT */
	const char *const *choices;  /* for INPUT_CHOICE, NULL-terminated */
};

/* A name=value pair from a query string, form body or cookie header. */
struct param {
	const char *name;
	const char *value;
	struct param *next;
};

/* Parses application/x-www-form-urlencoded data. Returns NULL and sets
 * *error to a message for the client when the data is malformed. */
struct param *input_parse_urlencoded(struct pool *pool, const char *data, size_t len,
				     const char **error);
/* Parses a Cookie header; malformed pairs are skipped (browsers send junk). */
struct param *input_parse_cookies(struct pool *pool, const char *header);
const char *param_get(const struct param *list, const char *name);

/* Validates params against spec[0..count). On success fills values[i] (NULL
 * for an absent optional input) and numbers[i] for INPUT_INT and returns 0;
 * otherwise returns -1 with a message for the client in *error. */
int input_validate(struct pool *pool, const struct param *params, const struct input *spec,
		   size_t count, const char **values, long long *numbers, const char **error);

#endif
