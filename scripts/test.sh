#!/usr/bin/env bash
# The second command of the README (and what CI runs): install, build, start a throw-away
# PostgreSQL on loopback for the store tests, run the whole suite through CTest, then the
# suite under sanitizers and the fuzzers (scripts/sanitize.sh, scripts/fuzz.sh; skipped
# locally with FAIRGATE_QUICK=1). Under CI=true a test that was skipped fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[[ ${CI:-} != true && ${FAIRGATE_QUICK:-} == 1 ]] && quick=1
if ((quick)); then scripts/install-deps.sh --test; else scripts/install-deps.sh --test --fuzz; fi
scripts/build.sh
build="${FAIRGATE_BUILD_DIR:-build}"

# A real PostgreSQL, never a mock: a private cluster on 127.0.0.1, removed on exit.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
pg_dir=""
cleanup() {
  if [[ -n "$pg_dir" && -f "$pg_dir/data/postmaster.pid" ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
  [[ -n "$pg_dir" ]] && rm -rf "$pg_dir"
}
trap cleanup EXIT
as_pg() {
  # initdb refuses to run as root; run the server as the postgres user then.
  if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; else "$@"; fi
}
if [[ -n "$pg_bin" && -z "${FAIRGATE_TEST_POSTGRES:-}" ]]; then
  pg_dir=$(mktemp -d /tmp/fairgate-pg.XXXXXX)
  port=${FAIRGATE_PG_PORT:-55432}
  [[ $(id -u) -eq 0 ]] && chown postgres "$pg_dir"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U fairgate >/dev/null
  pg_options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pg_dir -c fsync=off"
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o "$pg_options" start >/dev/null
  as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U fairgate fairgate_test
  export FAIRGATE_TEST_POSTGRES="host=127.0.0.1 port=$port dbname=fairgate_test user=fairgate"
  # For the test that takes the database away mid-upload and brings it back: `ctl stop|start`.
  ctl_command=$(printf '%q ' "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -m fast -o "$pg_options")
  if [[ $(id -u) -eq 0 ]]; then
    printf '#!/bin/sh\nexec su postgres -s /bin/sh -c "%s $1"\n' "${ctl_command//\"/\\\"}" >"$pg_dir/ctl"
  else
    printf '#!/bin/sh\nexec %s "$1"\n' "$ctl_command" >"$pg_dir/ctl"
  fi
  chmod 755 "$pg_dir/ctl"
  export FAIRGATE_TEST_POSTGRES_CTL="$pg_dir/ctl"
  echo "fairgate: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the store tests"
fi

# CI must not pass on tests that did not run: CTest's skips (SKIP_RETURN_CODE or
# SKIP_REGULAR_EXPRESSION, disabled or unrunnable tests) and Boost.Test's (a case or suite whose
# precondition failed), which CTest counts as passed; each Boost.Test program names those in
# its "detailed" report. (Not the counts of the "short" report: they count the cases a
# --run_test filter left out as skipped too.)
junit="$(cd "$build" && pwd)/Testing/ctest-results.xml"
export BOOST_TEST_REPORT_LEVEL=detailed
# CTest keeps only the first 1 KB of a passing test's output; keep its end, where the report is.
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --output-junit "$junit" \
    --test-output-size-passed 1048576 --test-output-truncation head "$@"
if [[ ${CI:-} == true ]]; then
  python3 - "$junit" <<'PY'
import re, sys, xml.etree.ElementTree as ET
skipped = []
for case in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    name, status = case.get("name"), case.get("status")
    if status in ("notrun", "disabled") or case.find("skipped") is not None:
        skipped.append(f"{name}: not run ({status})")
    out = "".join(e.text or "" for e in case.iter("system-out"))
    for kind, unit in re.findall(r'Test (case|suite) "([^"]+)" was skipped', out):
        skipped.append(f"{name}: Boost.Test {kind} {unit} skipped")
if skipped:
    print("fairgate: CI must run every test, but these were skipped:", *sorted(set(skipped)), sep="\n  ", file=sys.stderr)
    print("Install what they need (scripts/install-deps.sh --test) or make them run; never skip in CI.", file=sys.stderr)
    sys.exit(1)
PY
fi

# Then the suite under sanitizers and the fuzzers (docs/testing.md): always in CI; locally
# FAIRGATE_QUICK=1 stops after the suite above.
if ((quick)); then
  echo "fairgate: FAIRGATE_QUICK=1: sanitizers and fuzzers not run"
  exit 0
fi
scripts/sanitize.sh
scripts/fuzz.sh "${FAIRGATE_FUZZ_SECONDS:-60}"
