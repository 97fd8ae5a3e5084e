#!/usr/bin/env bash
# The second command of the README (and what CI runs): install, build, start a throw-away
# PostgreSQL on loopback for the store tests, and run the whole suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
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

ctest --test-dir "$build" --output-on-failure -j"$(nproc)" "$@"
