# The two commands of the README: `make demo` and `make test`. Both install what is missing.
SWIFT ?= swift
# Where `make install` puts locktop; DESTDIR is prepended to every path (staged installs).
PREFIX ?= /usr/local
DESTDIR ?=
# The release binary links the Swift runtime and Foundation statically: it runs without Swift.
RELEASE_FLAGS = -c release --static-swift-stdlib
RELEASE_BINARY = .build/release/locktop

.PHONY: demo test build deps bench clean release install uninstall deb

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	.build/debug/locktop demo

# Runs the suite (see scripts/run-tests.sh); ends only the processes this run started.
test: deps
	SWIFT=$(SWIFT) scripts/run-tests.sh

bench: deps
	$(SWIFT) build -c release
	.build/release/locktop bench redis
	.build/release/locktop bench locks --python "$$(scripts/bench-venv.sh)"
	.build/release/locktop bench inspector
	.build/release/locktop bench live-feed

# The binary that `make install` and `make deb` ship (only the locktop product is built).
release:
	$(SWIFT) build $(RELEASE_FLAGS) --product locktop

# Installs bin/locktop, its man page, themes and shell completions (scripts/install.sh lists them).
install: release
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" BINARY="$(RELEASE_BINARY)" scripts/install.sh install

# Removes exactly the files `make install` installs.
uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" BINARY="$(RELEASE_BINARY)" scripts/install.sh uninstall

# locktop_<version>_amd64.deb with the same files under /usr; Depends read from the binary.
deb: release
	BINARY="$(RELEASE_BINARY)" scripts/make-deb.sh

clean:
	rm -rf .build
