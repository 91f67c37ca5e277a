#!/usr/bin/env bash
# Kills redis-server processes started by locktop's tests, benchmarks or demo that outlived them.
# Their process title carries the marker (see RedisServer.processMarker); the bracket keeps
# this pattern from matching our own command line.
pkill -9 -f '[l]ocktop-owned' 2>/dev/null || true
# The end-to-end tests' private tmux servers (`tmux -L locktop-e2e-...`) outlive a test process
# that crashed, with a dashboard still running in each.
for socket in "/tmp/tmux-$(id -u)"/locktop-e2e-*; do
    [ -S "$socket" ] || continue
    tmux -S "$socket" kill-server 2>/dev/null || true
    rm -f "$socket"
done
