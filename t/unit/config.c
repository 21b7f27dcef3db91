/* Unit tests of lib/config.c: defaults, parsing and clear errors. */
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "tap.h"

static int load(const char *text, struct config *cfg, char *err)
{
	char path[] = "/tmp/baton-config-XXXXXX";
	int fd = mkstemp(path);
	if (write(fd, text, strlen(text)) < 0)
		return -2;
	close(fd);
	config_defaults(cfg);
	int rc = config_load(cfg, path, err, 256);
	unlink(path);
	return rc;
}

int main(void)
{
	struct config cfg;
	char err[256];
	ok(load("# comment\n\ndb_socket = /run/x.sock\nsession_idle_minutes=30\n"
		"secure_cookies = always\ntrust_forwarded_for = yes\n", &cfg, err) == 0, "a good file loads");
	is_str(cfg.db_socket, "/run/x.sock", "strings are read");
	ok(cfg.session_idle_minutes == 30, "numbers are read");
	ok(cfg.secure_cookies == SECURE_COOKIES_ALWAYS && cfg.trust_forwarded_for, "enums and booleans are read");
	ok(cfg.password_iterations == 600000, "defaults stay for unset keys");

	ok(load("db_pasword = x\n", &cfg, err) != 0, "an unknown key is an error");
	ok(strstr(err, ":1: unknown setting 'db_pasword'") != NULL, "and the message names it and its line");
	ok(load("session_idle_minutes = 0\n", &cfg, err) != 0, "an out-of-range value is an error");
	ok(load("password_iterations = 1000\n", &cfg, err) != 0, "a weak work factor is refused");
	ok(load("just words\n", &cfg, err) != 0 && strstr(err, "expected 'key = value'"), "a malformed line is an error");
	return done_testing();
}
