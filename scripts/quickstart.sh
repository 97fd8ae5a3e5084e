#!/usr/bin/env bash
# The first command of the README: install, build, and run the batch on the bundled sample
# portfolio with the embedded SQLite store. Safe to run again: nothing is imported twice.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build="${FAIRGATE_BUILD_DIR:-build}"
out="${FAIRGATE_OUT:-out/sample}"
mkdir -p "$out"
set +e
"$build/src/cli/fairgate" run --rules rules/bexley.xml --inbox samples/inbox --out "$out" --db "$out/fairgate.db"
status=$?
set -e
if ((status != 0)); then
  echo "fairgate: the run did not complete (exit $status)" >&2
  exit "$status"
fi
echo
echo "Workbooks: $(cd "$out" && pwd)/<contract id>/  (open any .xlsx in Excel or LibreOffice)"
echo "Refused files and their reasons: $(cd "$out" && pwd)/quarantine/"
