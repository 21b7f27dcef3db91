/* baton-supervise - keeps one program running: starts it, and when it dies
 * (a crash, kill -9, the OOM killer) starts it again at once. tools/stack
 * runs every program of a private stack under it: the FastCGI programs,
 * nginx, MariaDB and the parts' daemons.
 *
 *   baton-supervise [--socket PATH [--backlog N] [--mode OCTAL]]
 *                   [--nginx-listen ADDRESS:PORT] [--child-pidfile PATH]
 *                   [--stop-seconds N] -- PROGRAM [ARG...]
 *
 * With --socket it binds a Unix listening socket once and hands it to each
 * run of the program as standard input, as FastCGI programs expect (and as
 * systemd's socket activation does). The socket outlives the program, so
 * requests that arrive while the program is being restarted wait in its
 * backlog instead of being refused: nothing is lost, only delayed.
 * --nginx-listen does the same for nginx's TCP port: the socket is passed
 * as descriptor 3 with NGINX=3; in the environment, which is how nginx
 * takes over listening sockets (as in its binary upgrade).
 *
 * Each run gets a process group of its own; when the program dies, whatever
 * it left in that group (a FastCGI program's workers, nginx's) is ended
 * before the next run, and the program dies with the supervisor
 * (PR_SET_PDEATHSIG). Runs start at most once a second; a program that dies
 * within two seconds of starting, five times in a row, is given up on (the
 * supervisor exits 1), so a broken configuration fails instead of looping.
 *
 * TERM or INT stops the program (TERM to its group, KILL after
 * --stop-seconds) and then the supervisor. HUP, USR1 and USR2 are passed
 * to the program (nginx reloads on HUP). Messages go to standard error. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { FAST_EXIT_SECONDS = 2, FAST_EXITS_ALLOWED = 5 };

struct options {
	const char *socket_path;
	const char *nginx_listen;
	int backlog;
	mode_t mode;
	const char *child_pidfile;
	int stop_seconds;
	char **argv;
	const char *name;
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s baton-supervise[%ld]: ", stamp, (long)getpid());
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static void usage(void)
{
	fprintf(stderr, "usage: baton-supervise [--socket PATH [--backlog N] [--mode OCTAL]]\n"
			"                       [--nginx-listen ADDRESS:PORT] [--child-pidfile PATH]\n"
			"                       [--stop-seconds N] -- PROGRAM [ARG...]\n");
	exit(2);
}

static long number(const char *text, int base, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, base);
	if (errno != 0 || end == text || *end != '\0' || v < min || v > max)
		usage();
	return v;
}

static void parse(int argc, char **argv, struct options *o)
{
	*o = (struct options){ .backlog = 1024, .mode = 0660, .stop_seconds = 10 };
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--socket") == 0)
			o->socket_path = argv[++i];
		else if (strcmp(argv[i], "--backlog") == 0)
			o->backlog = (int)number(argv[++i], 10, 1, 65535);
		else if (strcmp(argv[i], "--mode") == 0)
			o->mode = (mode_t)number(argv[++i], 8, 0, 0777);
		else if (strcmp(argv[i], "--nginx-listen") == 0)
			o->nginx_listen = argv[++i];
		else if (strcmp(argv[i], "--child-pidfile") == 0)
			o->child_pidfile = argv[++i];
		else if (strcmp(argv[i], "--stop-seconds") == 0)
			o->stop_seconds = (int)number(argv[++i], 10, 1, 3600);
		else
			usage();
	}
	if (i + 1 >= argc)
		usage();
	o->argv = argv + i + 1;
	const char *slash = strrchr(o->argv[0], '/');
	o->name = slash ? slash + 1 : o->argv[0];
}

/* The listening socket, made once for every run of the program. */
static int listen_on(const struct options *o)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	if (strlen(o->socket_path) >= sizeof addr.sun_path) {
		say("socket path too long: %s", o->socket_path);
		exit(1);
	}
	memcpy(addr.sun_path, o->socket_path, strlen(o->socket_path) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct stat st;
	/* A socket file left by an earlier run that died: nothing listens on it. */
	if (lstat(o->socket_path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(o->socket_path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0
	    || chmod(o->socket_path, o->mode) != 0 || listen(fd, o->backlog) != 0) {
		say("cannot listen on %s: %s", o->socket_path, strerror(errno));
		exit(1);
	}
	return fd;
}

/* nginx's TCP port, made once for every run (IPv4 ADDRESS:PORT). */
static int listen_tcp(const struct options *o)
{
	char host[64];
	const char *colon = strrchr(o->nginx_listen, ':');
	struct sockaddr_in addr = { .sin_family = AF_INET };
	if (colon == NULL || (size_t)(colon - o->nginx_listen) >= sizeof host)
		usage();
	memcpy(host, o->nginx_listen, (size_t)(colon - o->nginx_listen));
	host[colon - o->nginx_listen] = '\0';
	addr.sin_port = htons((uint16_t)number(colon + 1, 10, 1, 65535));
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1)
		usage();
	/* Non-blocking, as nginx leaves its own listening sockets and assumes
	 * an inherited one is: its workers accept until EAGAIN, and a blocking
	 * accept() would hang a worker until the next connection. */
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int on = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0
	    || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, o->backlog) != 0) {
		say("cannot listen on %s: %s", o->nginx_listen, strerror(errno));
		exit(1);
	}
	return fd;
}

static void write_pidfile(const char *path, pid_t pid)
{
	if (path == NULL)
		return;
	char tmp[PATH_MAX];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
		return;
	FILE *f = fopen(tmp, "w");
	if (f == NULL)
		return;
	fprintf(f, "%ld\n", (long)pid);
	if (fclose(f) == 0)
		rename(tmp, path);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static pid_t start(const struct options *o, int listener, int tcp, const sigset_t *old_mask)
{
	pid_t pid = fork();
	if (pid < 0) {
		say("cannot fork: %s", strerror(errno));
		return -1;
	}
	if (pid > 0) {
		/* Also here, so the group exists before we may signal it. */
		setpgid(pid, pid);
		return pid;
	}
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(1); /* the supervisor died between fork and prctl */
	if (listener >= 0 && dup2(listener, 0) < 0)
		_exit(1);
	/* dup2 onto itself would leave close-on-exec set. */
	if (tcp >= 0 && ((tcp == 3 ? fcntl(3, F_SETFD, 0) : dup2(tcp, 3)) < 0
			 || setenv("NGINX", "3;", 1) != 0))
		_exit(1);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	execvp(o->argv[0], o->argv);
	say("cannot run %s: %s", o->argv[0], strerror(errno));
	_exit(127);
}

static void describe(int status, char *out, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(out, size, "was killed by signal %d", WTERMSIG(status));
	else
		snprintf(out, size, "exited with status %d", WEXITSTATUS(status));
}

/* Reaps every child that has ended; the supervisor is a subreaper, so the
 * program's own children become ours when it dies. Returns whether `pid`
 * was among them (and its status). */
static bool reap(pid_t pid, int *status)
{
	bool found = false;
	int st;
	pid_t done;
	while ((done = waitpid(-1, &st, WNOHANG)) > 0)
		if (done == pid) {
			found = true;
			*status = st;
		}
	return found;
}

/* Ends what a run left in its process group (a dead master's workers),
 * waiting until the group is empty. */
static void end_group(pid_t group, int stop_seconds)
{
	int unused;
	if (kill(-group, SIGTERM) != 0)
		return;
	double until = now_seconds() + stop_seconds;
	while (now_seconds() < until) {
		reap(-1, &unused);
		if (kill(-group, 0) != 0)
			return;
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	kill(-group, SIGKILL);
	while (kill(-group, 0) == 0 && now_seconds() < until + 2) {
		reap(-1, &unused);
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
}

/* Waits for a signal until `until` (monotonic seconds; 0: no limit).
 * Returns the signal, or 0 on timeout. */
static int next_signal(const sigset_t *set, double until)
{
	for (;;) {
		siginfo_t info;
		int sig;
		if (until > 0) {
			double left = until - now_seconds();
			if (left <= 0)
				return 0;
			struct timespec ts = { (time_t)left, (long)((left - (double)(time_t)left) * 1e9) };
			sig = sigtimedwait(set, &info, &ts);
		} else {
			sig = sigwaitinfo(set, &info);
		}
		if (sig > 0)
			return sig;
		if (errno == EAGAIN)
			return 0;
	}
}

/* TERM to the program's group, KILL after stop_seconds; reaps it. */
static void stop(pid_t child, int stop_seconds)
{
	if (child <= 0)
		return;
	int status;
	kill(-child, SIGTERM);
	kill(child, SIGTERM);
	double until = now_seconds() + stop_seconds;
	while (!reap(child, &status)) {
		if (now_seconds() > until) {
			say("the program (pid %ld) ignored TERM for %d s: sending KILL", (long)child,
			    stop_seconds);
			kill(-child, SIGKILL);
			waitpid(child, NULL, 0);
			break;
		}
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	end_group(child, 2);
}

int main(int argc, char **argv)
{
	struct options o;
	parse(argc, argv, &o);
	sigset_t set, old_mask;
	sigemptyset(&set);
	int handled[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD };
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
		sigaddset(&set, handled[i]);
	sigprocmask(SIG_BLOCK, &set, &old_mask);
	signal(SIGPIPE, SIG_IGN);
	/* Orphans of the program (its workers, when it dies first) come to us,
	 * so we can wait for them rather than for init to reap them. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	int listener = o.socket_path ? listen_on(&o) : -1;
	int tcp = o.nginx_listen ? listen_tcp(&o) : -1;

	pid_t child = -1;
	double started = 0;
	int fast_exits = 0;
	for (;;) {
		if (child <= 0) {
			/* At most one start a second, however fast the program dies. */
			double wait_until = started + 1.0;
			while (now_seconds() < wait_until) {
				int sig = next_signal(&set, wait_until);
				if (sig == SIGTERM || sig == SIGINT) {
					if (o.socket_path)
						unlink(o.socket_path);
					return 0;
				}
			}
			started = now_seconds();
			child = start(&o, listener, tcp, &old_mask);
			if (child > 0)
				write_pidfile(o.child_pidfile, child);
		}
		int sig = next_signal(&set, 0);
		if (sig == SIGTERM || sig == SIGINT) {
			stop(child, o.stop_seconds);
			if (o.socket_path)
				unlink(o.socket_path);
			if (o.child_pidfile)
				unlink(o.child_pidfile);
			return 0;
		}
		if (sig == SIGHUP || sig == SIGUSR1 || sig == SIGUSR2) {
			if (child > 0)
				kill(child, sig);
			continue;
		}
		/* SIGCHLD: reap, and find out whether it was the program. */
		int status;
		if (child > 0 && reap(child, &status)) {
			pid_t done = child;
			char how[64];
			describe(status, how, sizeof how);
			double ran = now_seconds() - started;
			end_group(child, 2);
			child = -1;
			fast_exits = ran < FAST_EXIT_SECONDS ? fast_exits + 1 : 0;
			if (fast_exits >= FAST_EXITS_ALLOWED) {
				say("%s %s %.1f s after starting, %d times in a row: giving up", o.name, how,
				    ran, fast_exits);
				if (o.socket_path)
					unlink(o.socket_path);
				return 1;
			}
			say("%s (pid %ld) %s after %.1f s; starting it again", o.name, (long)done, how, ran);
		}
	}
}
