# The two commands of the README: `make demo` and `make test`. Both install what is missing.
SWIFT ?= swift

.PHONY: demo test build deps bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	.build/debug/locktop demo

# The watchdog keeps a 1 s lock alive by renewing it every 333 ms: it runs on its own after
# the parallel run, whose load (hundreds of servers and threads on 2 cores) can starve any
# process for longer than a second. The Python peers' venv is made before, not during, the run.
test: deps
	$(SWIFT) build --build-tests
	scripts/bench-venv.sh >/dev/null
	$(SWIFT) test --skip-build --skip LockWatchdogTests; parallel=$$?; \
	$(SWIFT) test --skip-build --filter LockWatchdogTests; alone=$$?; \
	scripts/kill-stray-servers.sh; [ $$parallel -eq 0 ] && [ $$alone -eq 0 ]

bench: deps
	$(SWIFT) build -c release
	.build/release/locktop bench redis
	.build/release/locktop bench locks --python "$$(scripts/bench-venv.sh)"
	.build/release/locktop bench inspector
	.build/release/locktop bench live-feed

clean:
	rm -rf .build
