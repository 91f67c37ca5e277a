# The two commands of the README: `make demo` and `make test`. Both install what is missing.
SWIFT ?= swift

.PHONY: demo test build deps bench clean

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

clean:
	rm -rf .build
