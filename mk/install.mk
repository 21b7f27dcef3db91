# mk/install.mk - shipping Baton: `make install` / `make uninstall` (FHS
# places, tools/install), `make dist` (the release tarball) and `make deb`
# (the Debian package, debian/). Included by the Makefile; INSTALL, "From
# source" and "The Debian package", says how a host uses them.

# Where `make install` puts things. The programs find templates, prompts and
# schema through baton.conf, whose defaults are these paths: lib/build.h
# carries them, rewritten only when they change. `make install
# PREFIX=/opt/baton DESTDIR=/tmp/stage` works as usual; the Debian package
# builds with PREFIX=/usr.
VERSION        := $(shell cat VERSION)
PREFIX         ?= /usr/local
SYSCONFDIR     ?= /etc
LOCALSTATEDIR  ?= /var
SBINDIR        ?= $(PREFIX)/sbin
PKGLIBDIR      ?= $(PREFIX)/lib/baton
PKGDATADIR     ?= $(PREFIX)/share/baton
MANDIR         ?= $(PREFIX)/share/man
DOCDIR         ?= $(PREFIX)/share/doc/baton
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
# no: leave $(SYSCONFDIR)/baton/baton.conf alone (the Debian package writes
# its own in postinst, with a generated database password).
INSTALL_CONF   ?= yes
INSTALL_VARS    = PREFIX='$(PREFIX)' SYSCONFDIR='$(SYSCONFDIR)' \
    LOCALSTATEDIR='$(LOCALSTATEDIR)' SBINDIR='$(SBINDIR)' PKGLIBDIR='$(PKGLIBDIR)' \
    PKGDATADIR='$(PKGDATADIR)' MANDIR='$(MANDIR)' DOCDIR='$(DOCDIR)' \
    SYSTEMDUNITDIR='$(SYSTEMDUNITDIR)' INSTALL_CONF='$(INSTALL_CONF)' DESTDIR='$(DESTDIR)' \
    TOOLS='$(TOOLS)'

# Included before the Makefile's first target: keep `make` meaning `make all`.
.DEFAULT_GOAL := all

.PHONY: install uninstall dist FORCE

# The version and the installed paths, as defaults for baton.conf's
# settings. Rewritten only when they differ, so a plain `make` after
# `make install PREFIX=...` rebuilds just what depends on them.
lib/build.h: VERSION FORCE
	@echo '$(VERSION)' | grep -Eqx '[0-9]+\.[0-9]+(\.[0-9]+)?' || { echo "VERSION must be like 1.2.3" >&2; exit 1; }
	@printf '%s\n' '/* build.h - made by the Makefile: the version and where `make install` puts' \
		' * things (the defaults of baton.conf'"'"'s paths). Do not edit. */' \
		'#define BATON_VERSION "$(VERSION)"' \
		'#define BATON_DEFAULT_CONF "$(SYSCONFDIR)/baton/baton.conf"' \
		'#define BATON_DEFAULT_TEMPLATES "$(PKGDATADIR)/templates"' \
		'#define BATON_DEFAULT_PROMPTS "$(PKGDATADIR)/prompts/en"' \
		'#define BATON_DEFAULT_SCHEMA "$(PKGDATADIR)/schema"' >$@.$$$$ && \
	if cmp -s $@.$$$$ $@; then rm -f $@.$$$$; else mv -f $@.$$$$ $@; fi

$(LIB_OBJECTS): lib/build.h

# Installs what `all` built, under DESTDIR when given (tools/install says
# where each thing goes); `make uninstall` with the same variables removes
# exactly the files the install recorded in PKGDATADIR/installed-files.
install: all
	@$(INSTALL_VARS) tools/install install

uninstall:
	@$(INSTALL_VARS) tools/install uninstall

# The release tarball: the tracked files (and any new ones not ignored) of
# this tree under baton-VERSION/, with SHA256SUMS beside it, in var/dist/.
DIST_DIR := var/dist
.PHONY: dist
dist:
	@grep -q '^$(VERSION) ' NEWS || grep -q '^$(VERSION)\b' NEWS || { echo "NEWS has no entry for $(VERSION)" >&2; exit 1; }
	@mkdir -p $(DIST_DIR)
	@rm -rf $(DIST_DIR)/baton-$(VERSION) && mkdir -p $(DIST_DIR)/baton-$(VERSION)
	@git ls-files -z --cached --others --exclude-standard | \
		xargs -0 -I{} sh -c '[ -e "{}" ] && printf "%s\0" "{}"' | \
		tar --null -T - -cf - | tar -xf - -C $(DIST_DIR)/baton-$(VERSION)
	@tar -C $(DIST_DIR) --owner=0 --group=0 --sort=name -czf $(DIST_DIR)/baton-$(VERSION).tar.gz baton-$(VERSION)
	@cd $(DIST_DIR) && sha256sum baton-$(VERSION).tar.gz >baton-$(VERSION).tar.gz.sha256
	@rm -rf $(DIST_DIR)/baton-$(VERSION)
	@echo "$(DIST_DIR)/baton-$(VERSION).tar.gz (checksum: $(DIST_DIR)/baton-$(VERSION).tar.gz.sha256)"

# The Debian package (debian/), built by dpkg-buildpackage from a copy of the
# tree so this tree's build is left alone: var/deb/baton_VERSION_ARCH.deb,
# then lintian. DEB_BUILD_PACKAGES are installed first, as `make deps` does.
DEB_DIR := var/deb
DEB_BUILD_PACKAGES := dpkg-dev debhelper lintian fakeroot
.PHONY: deb
deb:
	@missing=$$(for p in $(DEB_BUILD_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
		else echo "make deb needs: $$missing (apt-get install them, or run as root)" >&2; exit 1; fi; fi
	@rm -rf $(DEB_DIR)/baton-$(VERSION) && mkdir -p $(DEB_DIR)/baton-$(VERSION)
	@git ls-files -z --cached --others --exclude-standard | \
		xargs -0 -I{} sh -c '[ -e "{}" ] && printf "%s\0" "{}"' | \
		tar --null -T - -cf - | tar -xf - -C $(DEB_DIR)/baton-$(VERSION)
	cd $(DEB_DIR)/baton-$(VERSION) && dpkg-buildpackage -us -uc -b -j2
	@rm -rf $(DEB_DIR)/baton-$(VERSION)
	lintian --fail-on error $(DEB_DIR)/baton_$(VERSION)_*.deb

# Builds the package and, as root, installs it on this machine, runs the
# installed stack through a sign-in and a conversation, upgrades and purges
# it (t/ship/deb.t); many minutes of building, so not part of `make test`.
.PHONY: test-deb
test-deb:
	@BATON_ROOT=$(CURDIR) prove -v t/ship/deb.t
