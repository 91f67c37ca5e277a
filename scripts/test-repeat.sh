#!/usr/bin/env bash
# Proves the suite is green every time: clones the current commit into a temporary folder and
# runs `make test` there N times; with --load, two busy loops keep both cores loaded all the
# while. A bystander redis-server titled like ours (as a `locktop demo` in another terminal
# would be) must survive every run, and no process a run started may outlive it.
# Prints one line per run and a last line `N passed, M failed`. Usage: test-repeat.sh N [--load]
set -uo pipefail
runs="${1:?usage: scripts/test-repeat.sh N [--load]}"
load=0
[ "${2:-}" = "--load" ] && load=1
repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse HEAD)"
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] || echo "note: uncommitted changes are not tested; testing $commit"

work="$(mktemp -d /tmp/locktop-repeat-XXXXXX)"
helpers=()
current=""
cleanup() {
    # An interrupted run is ended the way make test ends its own: by its run id.
    [ -n "$current" ] && "$repo/scripts/end-test-run.sh" "$current"
    [ ${#helpers[@]} -gt 0 ] && kill "${helpers[@]}" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

git clone -q "$repo" "$work/clone" && git -C "$work/clone" checkout -q "$commit" || exit 1

mkdir -p "$work/bystander"
redis-server --port 0 --unixsocket "$work/bystander/redis.sock" --save "" --appendonly no --dir "$work/bystander" \
    --proc-title-template "{title} {listen-addr} locktop-owned bystander" >/dev/null 2>&1 &
bystander=$!
helpers+=("$bystander")
if [ $load -eq 1 ]; then
    for _ in 1 2; do
        sh -c 'while :; do :; done' &
        helpers+=("$!")
    done
fi

passed=0
failed=0
for run in $(seq 1 "$runs"); do
    log="$work/run-$run.log"
    started=$(date +%s)
    current="repeat-$$-$run"
    (cd "$work/clone" && LOCKTOP_TEST_RUN="$current" make test) >"$log" 2>&1 &
    wait $!
    status=$?
    seconds=$(( $(date +%s) - started ))
    # What carries this run's id (or descends from what does) and still runs.
    left="$("$repo/scripts/end-test-run.sh" --list "repeat-$$-$run" | grep -c .)"
    failing="$(grep -v '^✘ Test run with' "$log" | sed -n 's/^✘ Test \(.*\) \(recorded an issue\|failed after\).*/\1/p' | cut -c1-60 | sort -u | paste -sd ';' -)"
    alive="alive"
    kill -0 "$bystander" 2>/dev/null || { alive="GONE"; status=1; }
    [ "$left" -eq 0 ] || status=1
    current=""
    if [ $status -eq 0 ]; then verdict=pass; passed=$((passed + 1)); else verdict=FAIL; failed=$((failed + 1)); fi
    echo "run $run: $verdict, ${seconds} s, failing: ${failing:-none}, left running: $left, bystander: $alive"
    [ $status -eq 0 ] || cp "$log" "/tmp/locktop-repeat-run-$$-$run.log"
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
