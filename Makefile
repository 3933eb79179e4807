# `make install PREFIX=/opt/netwatch DESTDIR=/tmp/stage`: see scripts/install for what goes where.
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: install
install:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/install
