#!/usr/bin/env bash
# Ends what one `make test` run started, and nothing else: every process whose environment
# carries LOCKTOP_TEST_RUN=<id> (test binaries, redis-server watchdogs, tmux servers, agents,
# PostgreSQL) and everything below them (redis-server and postgres rewrite their own
# environment area for their process titles, so they are found through their parents).
# Usage: scripts/end-test-run.sh [--list] RUN_ID. Prints what it ended; exits 0. With --list
# it ends nothing and prints the pids it would end, one a line.
set -uo pipefail
list=0
[ "${1:-}" = "--list" ] && { list=1; shift; }
run="${1:?usage: end-test-run.sh [--list] RUN_ID}"
marker="LOCKTOP_TEST_RUN=$run"

# This script and its callers carry the marker too: never end them.
declare -A spared=()
pid=$$
while [ "$pid" -gt 1 ] 2>/dev/null; do
    spared[$pid]=1
    pid=$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null || echo 1)
done

declare -A parent_of=()
marked=()
for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [ -n "${spared[$pid]:-}" ] && continue
    stat=$(cat "$dir/stat" 2>/dev/null) || continue
    # The command name in field 2 may hold spaces; the parent pid follows its closing parenthesis.
    rest=${stat##*) }
    parent_of[$pid]=$(echo "$rest" | awk '{print $2}')
    if { tr '\0' '\n' <"$dir/environ"; } 2>/dev/null | grep -qxF "$marker"; then marked+=("$pid"); fi
done

declare -A doomed=()
for pid in "${marked[@]}"; do doomed[$pid]=1; done
grew=1
while [ $grew -eq 1 ]; do
    grew=0
    for pid in "${!parent_of[@]}"; do
        [ -n "${doomed[$pid]:-}" ] && continue
        if [ -n "${doomed[${parent_of[$pid]}]:-}" ]; then doomed[$pid]=1; grew=1; fi
    done
done

if [ $list -eq 1 ]; then
    for pid in "${!doomed[@]}"; do echo "$pid"; done
    exit 0
fi

# The end-to-end tests' tmux servers leave their socket files behind when killed.
for socket in "/tmp/tmux-$(id -u)"/locktop-e2e-"$run"-*; do
    [ -S "$socket" ] || continue
    tmux -S "$socket" kill-server 2>/dev/null || true
    rm -f "$socket"
done

if [ ${#doomed[@]} -gt 0 ]; then
    names=""
    for pid in "${!doomed[@]}"; do
        names+="$( { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | cut -c1-60)(pid $pid); "
    done
    echo "end-test-run: ending ${#doomed[@]} process(es) this run left: $names"
    kill -9 "${!doomed[@]}" 2>/dev/null || true
fi
exit 0
