# Baton - build, run and test. `make run` and `make test` are the two
# commands; see README. Everything needed comes from Debian's archive.

CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -pthread -Wall -Wextra -Werror -Wformat=2 -Wshadow \
           -Wno-unused-parameter -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE \
           -Ilib -I/usr/include/ClearSilver $(shell mariadb_config --cflags 2>/dev/null)
LDFLAGS += -pie -Wl,-z,relro,-z,now -pthread
# For hosts without libfcgi (plain CGI on shared hosting), link it in:
#   make FCGI_LIBS='-Wl,-Bstatic -lfcgi -Wl,-Bdynamic'
FCGI_LIBS ?= -lfcgi
# ClearSilver ships static libraries only, and their order matters.
LDLIBS  += -lneo_cgi -lneo_cs -lneo_utl -lz $(FCGI_LIBS) \
           $(shell mariadb_config --libs 2>/dev/null) -lssl -lcrypto -lexttextcat-2.0

LIB_SOURCES  := $(wildcard lib/*.c)
LIB_OBJECTS  := $(LIB_SOURCES:.c=.o)
PROGRAMS     := $(patsubst %.c,%.fcgi,$(wildcard cgi-bin/*.c))
UNIT_TESTS   := $(patsubst %.c,%.bin,$(wildcard t/unit/*.c))
TOOLS        := tools/baton-admin tools/baton-supervise tools/baton-dialer tools/baton-mailer \
                tools/baton-mail-in
# The dialer's prompts: words spoken by espeak-ng, tones by sox (at build time).
PROMPTS      := prompts/en/.made

# The Debian packages Baton builds, runs and tests with.
DEBIAN_PACKAGES := gcc make libc6-dev pkg-config libfcgi-dev clearsilver-dev \
    libmariadb-dev libssl-dev zlib1g-dev libcurl4-openssl-dev mariadb-server mariadb-client nginx \
    spawn-fcgi apache2 apache2-utils libapache2-mod-fcgid curl perl valgrind chromium firefox-esr nodejs:node npm:npm \
    kamailio kamailio-websocket-modules kamailio-utils-modules rtpengine-daemon baresip-core \
    espeak-ng sox coturn galera-4 mariadb-backup socat haproxy iproute2 iptables exim4-daemon-light tzdata \
    apertium apertium-apy apertium-eng-spa apertium-eng-cat apertium-spa-ita apertium-es-pt apertium-fra-cat \
    clang libclang-rt-14-dev libexttextcat-dev libexttextcat-data

STACK_DIR ?= var/stack
PORT      ?= 8080

# make install / uninstall / dist / deb, the version and the installed
# paths (lib/build.h): mk/install.mk.
include mk/install.mk
# make soak, an hour under load: mk/soak.mk.
include mk/soak.mk

.PHONY: all deps run stop test test-cluster bench clean lint fuzz fuzz-build
all: $(PROGRAMS) $(TOOLS) $(UNIT_TESTS) $(PROMPTS)

deps:
	@tools/install-deps $(DEBIAN_PACKAGES)
	@# playwright-core drives Debian's chromium and firefox-esr in the browser
	@# tests; it must never download a browser of its own. npm ci again
	@# whenever package-lock.json is newer than what node_modules holds.
	@[ node_modules/.package-lock.json -nt package-lock.json ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
		npm ci --no-audit --no-fund --loglevel=error

# Every output is written under a temporary name and renamed into place, so
# two builds running at once (developers, tests) never see a half-written file.
lib/libbaton.a: $(LIB_OBJECTS)
	rm -f $@.$$$$ && $(AR) rcs $@.$$$$ $^ && mv -f $@.$$$$ $@


lib/%.o: lib/%.c lib/*.h
	$(CC) $(CFLAGS) -c -o $@.$$$$ $< && mv -f $@.$$$$ $@

# The Health page names this build and its programs, and reads schema/.
cgi-bin/installation.fcgi: CFLAGS += -DBATON_SCHEMA_DIR='"$(CURDIR)/schema"' \
    -DBATON_VERSION='"$(shell git -C $(CURDIR) describe --always --dirty 2>/dev/null || echo unknown)"' \
    -DBATON_PROGRAM_NAMES='"$(subst $(eval) ,$(comma),$(sort $(patsubst cgi-bin/%.fcgi,%,$(PROGRAMS))))"'
comma := ,

# Only the frame check fetches anything (response headers), with libcurl.
cgi-bin/framecheck.fcgi: LDLIBS += $(shell curl-config --libs 2>/dev/null)
# ... and translation asks the translation engine (lib/translate.c).
cgi-bin/say.fcgi cgi-bin/typing.fcgi t/unit/typing_lang.bin cgi-bin/accept.fcgi cgi-bin/channel.fcgi cgi-bin/transcript.fcgi cgi-bin/installation.fcgi t/unit/translate.bin tools/baton-admin: LDLIBS += $(shell curl-config --libs 2>/dev/null)

cgi-bin/%.fcgi: cgi-bin/%.c lib/libbaton.a lib/*.h
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.$$$$ $< lib/libbaton.a $(LDLIBS) && mv -f $@.$$$$ $@

tools/baton-admin: tools/baton-admin.c tools/admin_crowd.c tools/admin_crowd.h lib/libbaton.a lib/*.h
	$(CC) $(CFLAGS) -Itools $(LDFLAGS) -o $@.$$$$ $< tools/admin_crowd.c lib/libbaton.a $(LDLIBS) && mv -f $@.$$$$ $@

# The supervisor every program of a private stack runs under: plain C, no
# libraries (tools/baton-supervise.c).
tools/baton-supervise: tools/baton-supervise.c
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.$$$$ $< && mv -f $@.$$$$ $@

tools/baton-dialer: tools/baton-dialer.c lib/libbaton.a lib/*.h
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.$$$$ $< lib/libbaton.a $(LDLIBS) && mv -f $@.$$$$ $@

prompts/en/.made: prompts/en.txt tools/make-prompts
	tools/make-prompts prompts/en.txt prompts/en && touch $@

# The mail programs (INSTALL, "E-mail"): the sender and the incoming pipe.
tools/baton-mailer tools/baton-mail-in: tools/%: tools/%.c lib/libbaton.a lib/*.h
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.$$$$ $< lib/libbaton.a $(LDLIBS) && mv -f $@.$$$$ $@

t/unit/%.bin: t/unit/%.c t/unit/tap.h lib/libbaton.a lib/*.h
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.$$$$ $< lib/libbaton.a $(LDLIBS) && mv -f $@.$$$$ $@

# The build runs on every core once the Debian packages are in (deps comes
# first: in one parallel make the compiler would start before they are).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@tools/run $(STACK_DIR) $(PORT)

stop:
	@tools/stack stop $(STACK_DIR)

test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all bench/loadgen fuzz-build
	@tools/test-run

# Past one machine (INSTALL, "A Galera cluster behind haproxy"): three Galera
# nodes, three app hosts and haproxy in a network namespace of their own
# (needs root), t/cluster/*.t with faults while conversations run; appends
# the figures to bench/CLUSTER.md. About 5 minutes; CLUSTER_WRITES=any for
# writes on every node.
test-cluster: deps all bench/loadgen
	@tools/test-cluster

# The load benchmark (bench/README), not part of `make test`: a private stack
# as `make run` starts it, on a free port; bench/loadgen drives it. `make
# bench` appends its report to bench/RESULTS.md; `make bench-quick` runs
# small sizes and only prints. BENCH_* environment variables set the sizes.
# `make bench-limits` measures only the machine's limits (the durable commit
# rate, the web path's request rate; a minute or two) and appends them.
.PHONY: bench-quick bench-cluster bench-limits
BENCH_TOOLS := bench/loadgen bench/commit-limit bench/webpath.fcgi
bench bench-quick: deps all $(BENCH_TOOLS)
	@tools/bench $(if $(filter bench-quick,$@),--quick)

bench-limits: deps all $(BENCH_TOOLS)
	@BENCH_MEASURE=limits tools/bench

# The same conversation load and saturation through haproxy against three
# app hosts on a three-node Galera cluster (tools/cluster, needs root),
# appended beside the single-node figures. BENCH_CLUSTER_WRITES=any for
# app host N writing to node N instead of all to one node.
bench-cluster: deps all bench/loadgen
	@tools/bench --cluster $(or $(BENCH_CLUSTER_WRITES),one)

# Calls and the record (bench/RESULTS-media.md): how much busy co-browsing
# adds to the archive, and how long calls take to connect through nginx,
# Apache mod_fcgid and plain CGI. `make bench-media-quick` only prints.
.PHONY: bench-translate bench-translate-quick
# Translation throughput through the translation engine (tools/parts/apertium):
# lines per second for a direct pair and a pivot, appended to bench/RESULTS.md.
bench-translate bench-translate-quick: deps
	@tools/bench-translate $(if $(filter bench-translate-quick,$@),--quick)

# Mirror mode (issue 20, bench/mirror.js): first snapshot and typing as the
# agent sees them, in real browsers, under 100 mirrored sessions played by an
# HTTP load generator; the archive's size per minute. About 3 minutes;
# appends to bench/RESULTS.md. `make bench-mirror-quick` (20 sessions) prints.
.PHONY: bench-mirror bench-mirror-quick
bench-mirror bench-mirror-quick: deps all
	@tools/bench-mirror $(if $(filter bench-mirror-quick,$@),--quick)

.PHONY: bench-media bench-media-quick
bench-media bench-media-quick: deps all
	@tools/bench-media $(if $(filter bench-media-quick,$@),--quick)

bench/loadgen: bench/loadgen.c
	$(CC) -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -pthread \
		-o $@.$$$$ $< && mv -f $@.$$$$ $@

# The machine's limits beside Baton's figures (issue 21), built and run by
# the benchmark only, never installed: the durable commit limit's client,
# and the trivial FastCGI program of the web path's limit.
bench/commit-limit: bench/commit-limit.c
	$(CC) -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -pthread \
		$(shell mariadb_config --cflags 2>/dev/null) -o $@.$$$$ $< \
		$(shell mariadb_config --libs 2>/dev/null) && mv -f $@.$$$$ $@

bench/webpath.fcgi: bench/webpath.c
	$(CC) -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
		$(shell mariadb_config --cflags 2>/dev/null) -o $@.$$$$ $< \
		-lfcgi $(shell mariadb_config --libs 2>/dev/null) && mv -f $@.$$$$ $@

# Fuzzing (t/fuzz/README): one libFuzzer harness per parser of outside
# input, t/fuzz/NAME.c, built with clang's sanitizers against lib/ compiled
# the same way (var/fuzz/). `make fuzz` runs each for FUZZ_SECONDS (default
# 300), or until it has run FUZZ_RUNS inputs if that comes first, FUZZ_JOBS
# harnesses at a time, only FUZZ_ONLY's names when given, on its corpus, and
# keeps any crash as a regression input; `make test` replays those and
# fuzzes each harness for a few seconds (t/fuzz.t).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_RUNS    ?= 0
FUZZ_JOBS    ?= 1
FUZZ_ONLY    ?=
FUZZ_DIR     := var/fuzz
# Expanded where used, not here: on a fresh machine mariadb_config comes
# with libmariadb-dev, which `deps` installs after this file is read.
FUZZ_CFLAGS   = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=undefined -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -pthread \
                -Wall -Ilib -I/usr/include/ClearSilver $(shell mariadb_config --cflags 2>/dev/null)
FUZZ_LIB_OBJECTS := $(patsubst lib/%.c,$(FUZZ_DIR)/lib/%.o,$(LIB_SOURCES))
FUZZ_HARNESSES   := $(patsubst t/fuzz/%.c,$(FUZZ_DIR)/%,$(wildcard t/fuzz/*.c))

# lib/build.h is made by the Makefile: a fresh clone has none for lib/*.h
# to name.
$(FUZZ_DIR)/lib/%.o: lib/%.c lib/*.h lib/build.h
	@mkdir -p $(FUZZ_DIR)/lib
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@.$$$$ $< && mv -f $@.$$$$ $@

$(FUZZ_DIR)/libbaton.a: $(FUZZ_LIB_OBJECTS)
	rm -f $@.$$$$ && $(AR) rcs $@.$$$$ $^ && mv -f $@.$$$$ $@

# libcurl too: a harness may pull in lib/translate.c (translate_reply).
$(FUZZ_DIR)/%: t/fuzz/%.c t/fuzz/fuzz.h $(FUZZ_DIR)/libbaton.a lib/*.h lib/build.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -It/fuzz -o $@.$$$$ $< $(FUZZ_DIR)/libbaton.a \
		$(LDLIBS) $(shell curl-config --libs 2>/dev/null) && mv -f $@.$$$$ $@

fuzz-build: $(FUZZ_HARNESSES)

fuzz: deps fuzz-build
	@tools/fuzz run $(FUZZ_SECONDS) $(FUZZ_RUNS) $(FUZZ_JOBS) $(FUZZ_ONLY)

# The browser's SIP library, shipped as static files (htdocs/js/vendor/sip.js/,
# with its licence): copied from npm's package by `make vendor` when the
# version in package.json changes. Nothing a host runs needs this target.
SIPJS_VERSION := $(shell sed -n 's/.*"sip.js": "\([0-9.]*\)".*/\1/p' package.json)
.PHONY: vendor
vendor:
	@[ -d node_modules/sip.js/lib ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	rm -rf htdocs/js/vendor/sip.js
	mkdir -p htdocs/js/vendor/sip.js
	cd node_modules/sip.js && find lib -name '*.js' -exec install -D -m 0644 {} ../../htdocs/js/vendor/sip.js/{} \;
	install -m 0644 node_modules/sip.js/LICENSE.md htdocs/js/vendor/sip.js/LICENSE.md
	printf 'SIP.js %s (MIT licence: LICENSE.md), from npm, https://sipjs.com\nCopied by `make vendor`; ES modules, loaded by htdocs/js/phone.js.\n' \
		"$(SIPJS_VERSION)" >htdocs/js/vendor/sip.js/README

clean:
	rm -f lib/*.o lib/*.a lib/build.h cgi-bin/*.fcgi $(TOOLS) t/unit/*.bin bench/commit-limit bench/webpath.fcgi
	rm -rf $(FUZZ_DIR)/lib $(FUZZ_DIR)/libbaton.a $(FUZZ_HARNESSES)
	rm -rf prompts/en
