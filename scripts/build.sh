#!/usr/bin/env bash
# Configures and builds fairgate into ./build (or $FAIRGATE_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${FAIRGATE_BUILD_DIR:-build}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
