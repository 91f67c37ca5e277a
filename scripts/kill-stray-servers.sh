#!/usr/bin/env bash
# Kills redis-server processes started by locktop's tests, benchmarks or demo that outlived them.
# Their process title carries the marker (see RedisServer.processMarker); the bracket keeps
# this pattern from matching our own command line.
pkill -9 -f '[l]ocktop-owned' 2>/dev/null || true
