#!/usr/bin/env bash
# Regenerates docs/locktop.1 from the command-line definitions, with swift-argument-parser's
# own manual plugin (`swift package plugin generate-manual`), so the man page never drifts
# from `locktop --help`. The plugin builds the package in release mode first.
# SCRATCH_PATH picks the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH_PATH:-.build}"

swift package --scratch-path "$scratch" plugin generate-manual \
    --authors "the locktop authors" --section 1 "$@"

page="$(find "$scratch/plugins" -path '*GenerateManual*' -name locktop.1 -newer Package.swift | head -n 1)"
if [ -z "$page" ]; then
    echo "generate-manual.sh: the plugin wrote no locktop.1 under $scratch/plugins" >&2
    exit 1
fi
mkdir -p docs
cp "$page" docs/locktop.1
echo "wrote docs/locktop.1 (view it with: man ./docs/locktop.1)"
