/* Unit tests of lib/input.c: urlencoded parsing and declared validators. */
#include "input.h"
#include "pool.h"
#include "tap.h"

static const char *const colours[] = { "red", "green", NULL };

enum { IN_NAME, IN_EMAIL, IN_AGE, IN_COLOUR, IN_TOKEN, IN_KEY, IN__MAX };
static const struct input spec[IN__MAX] = {
	[IN_NAME] = { "name", INPUT_LINE, true, 5, 0, 0, NULL },
	[IN_EMAIL] = { "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	[IN_AGE] = { "age", INPUT_INT, false, 0, 1, 120, NULL },
	[IN_COLOUR] = { "colour", INPUT_CHOICE, false, 0, 0, 0, colours },
	[IN_TOKEN] = { "token", INPUT_TOKEN, false, 64, 0, 0, NULL },
	[IN_KEY] = { "key", INPUT_KEY, false, 32, 0, 0, NULL },
};

static const char *check(struct pool *pool, const char *data, const char **values, long long *numbers)
{
	const char *error = NULL;
	struct param *p = input_parse_urlencoded(pool, data, strlen(data), &error);
	if (p == NULL && error != NULL)
		return error;
	if (input_validate(pool, p, spec, IN__MAX, values, numbers, &error) != 0)
		return error;
	return NULL;
}

int main(void)
{
	struct pool *pool = pool_new();
	const char *v[IN__MAX];
	long long n[IN__MAX];
	const char *error;

	error = check(pool, "name=Ann+B&email=Ann%40Example.COM&age=42&colour=green", v, n);
	is_str(error, NULL, "a good form passes");
	is_str(v[IN_NAME], "Ann B", "'+' decodes to a space");
	is_str(v[IN_EMAIL], "ann@example.com", "e-mail is lower-cased");
	ok(n[IN_AGE] == 42, "the integer is parsed");
	is_str(v[IN_COLOUR], "green", "the choice is kept");
	ok(v[IN_TOKEN] == NULL, "an absent optional input is NULL");

	error = check(pool, "email=a@b.co", v, n);
	is_str(error, "The field 'name' is required.", "a missing required field is named");
	error = check(pool, "name=", v, n);
	is_str(error, "The field 'name' is required.", "an empty required field is missing");
	error = check(pool, "name=abcdef", v, n);
	is_str(error, "The field 'name' is too long (at most 5 characters).", "length is limited");
	error = check(pool, "name=%C3%BC%C3%BC%C3%BC%C3%BC%C3%BC", v, n);
	is_str(error, NULL, "length counts characters, not bytes");
	error = check(pool, "name=a%0Ab", v, n);
	is_str(error, "The field 'name' must be a single line of text.", "newlines refused in a line");
	error = check(pool, "name=a&name=b", v, n);
	is_str(error, "The field 'name' is given more than once.", "duplicates are refused");
	error = check(pool, "name=a&age=200", v, n);
	is_str(error, "The field 'age' must be a whole number from 1 to 120.", "range is checked");
	error = check(pool, "name=a&age=12x", v, n);
	ok(error != NULL, "trailing junk in a number is refused");
	error = check(pool, "name=a&colour=blue", v, n);
	is_str(error, "The field 'colour' must be one of: red, green.", "choices are listed");
	error = check(pool, "name=a&email=not-an-address", v, n);
	is_str(error, "The field 'email' must be an e-mail address.", "e-mail is checked");
	error = check(pool, "name=a&token=abc", v, n);
	is_str(error, "The field 'token' is not a valid token.", "tokens are checked");
	error = check(pool, "name=%ZZ", v, n);
	is_str(error, "A parameter has a broken %-escape.", "bad escapes are refused");
	error = check(pool, "name=%4", v, n);
	is_str(error, "A parameter has a broken %-escape.", "a truncated escape is refused");
	error = check(pool, "name=%FF", v, n);
	is_str(error, "A parameter is not valid UTF-8 text.", "invalid UTF-8 is refused");
	error = check(pool, "name=a%00b", v, n);
	is_str(error, "A parameter is not valid UTF-8 text.", "NUL is refused");
	error = check(pool, "=x&name=a", v, n);
	is_str(error, "A parameter has no name.", "nameless pairs are refused");
	error = check(pool, "name=a&&&unknown=1", v, n);
	is_str(error, NULL, "empty pairs and unknown fields are ignored");

	error = check(pool, "name=a&key=0123456789ABCDEF0123456789abcdef", v, n);
	is_str(error, NULL, "a key of 32 hex digits passes");
	is_str(v[IN_KEY], "0123456789abcdef0123456789abcdef", "lower-cased");
	error = check(pool, "name=a&key=Jos%C3%A9", v, n);
	is_str(error, "The field 'key' is not a valid key (32 hexadecimal characters).",
	       "a key with non-ASCII letters is refused before any query");
	error = check(pool, "name=a&key=0123456789abcdef0123456789abcde", v, n);
	ok(error != NULL && strstr(error, "not a valid key"), "31 digits are refused");
	error = check(pool, "name=a&key=0123456789abcdef0123456789abcdeg", v, n);
	ok(error != NULL && strstr(error, "not a valid key"), "a letter past f is refused");

	struct param *c = input_parse_cookies(pool, "a=1; baton_session=xyz;junk; b=");
	is_str(param_get(c, "baton_session"), "xyz", "cookies are parsed");
	is_str(param_get(c, "b"), "", "an empty cookie value is kept");
	ok(param_get(c, "junk") == NULL, "a pair without '=' is skipped");

	pool_free(pool);
	return done_testing();
}
