#!/usr/bin/env bash
# fairgate against its Python peer (issue 17): the same inbox, run in turn (fairgate, peer,
# fairgate, peer, ...), wall time, CPU time and peak memory of each, and the ratios.
#
# The peer (pipeline.py: openpyxl, csv, sqlite3, XlsxWriter on a process pool, the rulebook's
# rules written by hand) is not part of this repository: it lives beside it, in
# ../shared/bench/python-peer/, and its own bench-vs-fairgate.sh does the timing. This script
# generates the portfolio with fairgate-gen, finds the peer, and runs
#   bench-vs-fairgate.sh FAIRGATE rules/bexley.xml INBOX WORK PAIRS JOBS
# which prints one line per run, then the medians and the fairgate/peer ratios pair by pair.
# Builds nothing: point it at a build tree that has fairgate and fairgate-gen.
#
# Usage: bench/vs-python-peer.sh [BUILD_DIR] [options]
#   BUILD_DIR          build tree (default: $BUILD, else build)
#   --contracts N      contracts in the portfolio (default 1000)
#   --quarters Q       quarterly returns per contract (default 4)
#   --seed S           generator seed (default 1)
#   --xlsx-share F     share of returns written as XLSX forms (default 0.5)
#   --pairs P          fairgate/peer pairs, interleaved (default 3)
#   --jobs J           worker threads of fairgate, processes of the peer (default 2)
#   --keep             keep the temporary folder (portfolio, logs)
# Environment: PYTHON_PEER, the peer's folder (default: ../shared/bench/python-peer beside the
# repository); PEER_ARGS, more options for pipeline.py; TMPDIR, where the temporary folder goes.
# Exits 77 (skipped) when the peer, /usr/bin/python3 with python3-openpyxl and
# python3-xlsxwriter, bc or GNU time is missing: scripts/install-deps.sh --bench installs them.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
contracts=1000
quarters=4
seed=1
xlsx_share=0.5
pairs=3
jobs=2
keep=0

die() { echo "vs-python-peer.sh: $*" >&2; exit 2; }
skip() { echo "vs-python-peer.sh: skipped: $*" >&2; exit 77; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --contracts) contracts=${2:?--contracts needs a value}; shift 2 ;;
    --quarters) quarters=${2:?--quarters needs a value}; shift 2 ;;
    --seed) seed=${2:?--seed needs a value}; shift 2 ;;
    --xlsx-share) xlsx_share=${2:?--xlsx-share needs a value}; shift 2 ;;
    --pairs) pairs=${2:?--pairs needs a value}; shift 2 ;;
    --jobs) jobs=${2:?--jobs needs a value}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) build=$1; shift ;;
  esac
done
[[ $pairs =~ ^[1-9][0-9]*$ ]] || die "--pairs needs a positive whole number"
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs needs a positive whole number"

[[ $build = /* ]] || build="$repo/$build"
gen="$build/tools/gen/fairgate-gen"
cli="$build/src/cli/fairgate"
rules="$repo/rules/bexley.xml"
[[ -x $gen ]] || die "$gen not found: cmake --build ${build#"$repo/"} --target fairgate-gen"
[[ -x $cli ]] || die "$cli not found: cmake --build ${build#"$repo/"} --target fairgate"
[[ -f $rules ]] || die "$rules not found"

# The peer and what it needs; missing ones are a skip, not a failure.
peer=${PYTHON_PEER:-$repo/../shared/bench/python-peer}
[[ -f $peer/bench-vs-fairgate.sh && -f $peer/pipeline.py ]] ||
  skip "the Python peer is not at $peer (bench-vs-fairgate.sh, pipeline.py); set PYTHON_PEER=DIR"
[[ -x /usr/bin/python3 ]] || skip "/usr/bin/python3 not found (apt-get install python3)"
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || skip "python3-openpyxl not installed (scripts/install-deps.sh --bench)"
/usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null || skip "python3-xlsxwriter not installed (scripts/install-deps.sh --bench)"
command -v bc >/dev/null || skip "bc not installed (scripts/install-deps.sh --bench)"
[[ -x /usr/bin/time ]] || skip "GNU time not installed (scripts/install-deps.sh --bench)"

work=$(mktemp -d "${TMPDIR:-/tmp}/fairgate-vs-peer.XXXXXX")
if [[ $keep = 0 ]]; then
  trap 'rm -rf "$work"' EXIT
fi

echo "fairgate against the Python peer"
echo "fairgate:  $cli ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "peer:      $peer"
echo "portfolio: $contracts contracts x (1 tender + $quarters quarterly returns), xlsx share $xlsx_share, seed $seed"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before generating"
"$gen" --out "$work/inbox" --contracts "$contracts" --quarters "$quarters" --seed "$seed" \
  --xlsx-share "$xlsx_share" > "$work/gen.log"

# The peer reads each field's type from the rulebook and knows the types of the rulebook it was
# written against: not "days" (a day count typed "30 days" or "12 weeks"), which it would
# compare as text and fail on. fairgate-gen writes those three fields as plain whole numbers,
# so both are given a copy in which they are integers: the same answers, the same verdicts.
sed 's/type="days"/type="integer"/g' "$rules" > "$work/bexley-for-peer.xml"
rules="$work/bexley-for-peer.xml"

if ! bash "$peer/bench-vs-fairgate.sh" "$cli" "$rules" "$work/inbox" "$work/runs" "$pairs" "$jobs"; then
  # Most often the peer itself: it is written against one version of fairgate-gen's output.
  for log in "$work"/runs/logs/*.out; do
    [[ -f $log ]] || continue
    if grep -q 'Traceback\|Error' "$log"; then
      echo "vs-python-peer.sh: $(basename "$log" .out) failed; the end of its output:" >&2
      tail -n 8 "$log" >&2
    fi
  done
  echo "vs-python-peer.sh: no figures: a run failed (--keep keeps the portfolio and logs)" >&2
  exit 1
fi
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the runs"
if [[ $keep = 1 ]]; then echo "kept: $work"; fi
