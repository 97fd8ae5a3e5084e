#!/usr/bin/env bash
# Runs every libFuzzer target in tests/fuzz for SECONDS seconds each (default 60), one per
# core at a time, seeded from the project's fixtures (tests/fuzz/CMakeLists.txt lists them)
# and from tests/fuzz/regressions. Builds them first, with clang, into ./build-fuzz (or
# $FAIRGATE_FUZZ_BUILD_DIR); needs scripts/install-deps.sh --fuzz.
#   scripts/fuzz.sh [SECONDS]
# A finding (a crash, a sanitizer report, an undocumented exception, an input taking more
# than 30 s, or more than 1 GB of memory) fails the run; the input is saved as
# BUILD/fuzz-findings/RUN-TIME/TARGET-crash-<sha1> (or -timeout-, -oom-, -leak-), printed in
# base64 when small, and its log kept in BUILD/fuzz-logs. Replay one:  BUILD/tests/fuzz/TARGET FILE
# A fixed finding becomes a regression: copy the input to tests/fuzz/regressions/TARGET/.
# New interesting inputs accumulate in BUILD/fuzz-corpus/TARGET between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a whole number, not '$seconds'" >&2; exit 2; }
build="${FAIRGATE_FUZZ_BUILD_DIR:-build-fuzz}"
targets=(fuzz_csv fuzz_xlsx fuzz_xml_return fuzz_ocds fuzz_template_mapping fuzz_expression)
cores=$(nproc)

clang=$(command -v clang++-14 || command -v clang++ || true)
[[ -n $clang ]] || { echo "fuzz.sh: clang++ not found (scripts/install-deps.sh --fuzz)" >&2; exit 1; }
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$clang" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DFAIRGATE_FUZZ=ON >/dev/null
cmake --build "$build" -j"$cores" --target "${targets[@]}"

findings="$build/fuzz-findings/$(date -u +%Y%m%dT%H%M%SZ)"  # one folder per run
logs="$build/fuzz-logs"
mkdir -p "$findings" "$logs"
# Leaks are findings too; UBSan stops at the first report, with its stack.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

fuzz_one() {
  local t=$1 corpus="$build/fuzz-corpus/$1" dirs=() dict=()
  mkdir -p "$corpus"
  # libFuzzer writes new inputs to the first folder only; the regressions are read, not changed.
  dirs=("$corpus")
  [[ -d tests/fuzz/regressions/$t ]] && dirs+=("tests/fuzz/regressions/$t")
  [[ -f tests/fuzz/dicts/$t.dict ]] && dict=(-dict="tests/fuzz/dicts/$t.dict")
  "$build/tests/fuzz/$t" "${dirs[@]}" -seed_inputs=@"$build/tests/fuzz/$t.seeds" "${dict[@]}" \
      -max_total_time="$seconds" -timeout=30 -rss_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix="$findings/$t-" >"$logs/$t.log" 2>&1
}

# One fuzzer per core: each gets its SECONDS of a core to itself.
declare -A pid_of status_of
running=0
for t in "${targets[@]}"; do
  if ((running >= cores)); then wait -n || true; running=$((running - 1)); fi
  echo "fuzz.sh: $t for ${seconds}s"
  fuzz_one "$t" &
  pid_of[$t]=$!
  running=$((running + 1))
done
failed=()
for t in "${targets[@]}"; do
  if wait "${pid_of[$t]}"; then status_of[$t]=ok; else status_of[$t]=FINDING; failed+=("$t"); fi
done

printf '%-24s %-8s %12s %10s\n' target result executions corpus
for t in "${targets[@]}"; do
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$' || echo "?")
  corp=$(find "$build/fuzz-corpus/$t" -type f | wc -l)
  printf '%-24s %-8s %12s %10s\n' "$t" "${status_of[$t]}" "${runs:-?}" "$corp"
done
if ((${#failed[@]})); then
  for t in "${failed[@]}"; do
    echo
    echo "==== $t: $(grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error|undocumented exception|Direct leak' "$logs/$t.log" || echo 'see the log')"
    tail -n 60 "$logs/$t.log"
    # CI's machine is thrown away: print each input (if small) so that it can be replayed.
    for input in "$findings/$t"-*; do
      [[ -f $input ]] || continue
      if (($(stat -c %s "$input") <= 65536)); then
        echo "---- $input, base64 (base64 -d > FILE; $build/tests/fuzz/$t FILE):"
        base64 -w 100 "$input"
      fi
    done
  done
  echo
  echo "fuzz.sh: findings in ${failed[*]}; inputs in $findings/, logs in $logs/" >&2
  exit 1
fi
echo "fuzz.sh: no findings (${seconds}s per target)"
