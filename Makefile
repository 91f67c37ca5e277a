# The two commands of the README: `make demo` and `make test`. Both install what is missing.
SWIFT ?= swift

.PHONY: demo test build deps bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	.build/debug/locktop demo

# Tests whose timing a loaded machine can break run on their own, one at a time, after the
# parallel run (hundreds of servers and threads on 2 cores can starve any process for longer
# than a second): the watchdog keeps a 1 s lock alive by renewing it every 333 ms, the file
# job outlives its renewed 1 s lock, the priority queue drops a waiter that has not looked
# for 3 s as dead, and the demo runs its scenarios (two dozen clients) and its dashboard.
# The Python peers' venv is made before, not during, the run.
QUIET_TESTS = LockWatchdogTests|fileProcessingKeepsTheLockThroughEveryChunk|PriorityLockTests|DemoEndToEndTests

test: deps
	$(SWIFT) build --build-tests
	scripts/bench-venv.sh >/dev/null
	$(SWIFT) test --skip-build --skip '$(QUIET_TESTS)'; parallel=$$?; \
	$(SWIFT) test --skip-build --no-parallel --filter '$(QUIET_TESTS)'; alone=$$?; \
	scripts/kill-stray-servers.sh; [ $$parallel -eq 0 ] && [ $$alone -eq 0 ]

bench: deps
	$(SWIFT) build -c release
	.build/release/locktop bench redis
	.build/release/locktop bench locks --python "$$(scripts/bench-venv.sh)"
	.build/release/locktop bench inspector
	.build/release/locktop bench live-feed

clean:
	rm -rf .build
