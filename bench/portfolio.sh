#!/usr/bin/env bash
# Portfolio benchmark: how long a batch run over a realistic inbox takes, and how much memory.
#
# Generates a synthetic portfolio with fairgate-gen (N contracts, each with its awarded
# supplier's tender return and Q quarterly returns, half of them XLSX forms), then runs
#   fairgate run --rules rules/bexley.xml --inbox DIR --out OUT --db DB
# several times, each with a fresh store and output folder, and prints the medians.
# Builds nothing: point it at a build tree that has fairgate and fairgate-gen.
#
# Usage: bench/portfolio.sh [BUILD_DIR] [options]
#   BUILD_DIR          build tree (default: $BUILD, else build)
#   --contracts N      contracts in the portfolio (default 10000)
#   --quarters Q       quarterly returns per contract (default 4)
#   --xlsx-share F     share of returns written as XLSX forms (default 0.5)
#   --seed S           generator seed (default 1)
#   --runs R           timed runs of fairgate (default 3)
#   --gen-only         generate and time the portfolio only; do not run fairgate
#   --keep             keep the temporary folder (portfolio, outputs, stores)
# Environment: TMPDIR chooses where the temporary folder goes (the portfolio of 10,000
# contracts takes about 260 MB; each run's workbooks and store come on top).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
contracts=10000
quarters=4
xlsx_share=0.5
seed=1
runs=3
gen_only=0
keep=0

die() { echo "portfolio.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --contracts) contracts=${2:?--contracts needs a value}; shift 2 ;;
    --quarters) quarters=${2:?--quarters needs a value}; shift 2 ;;
    --xlsx-share) xlsx_share=${2:?--xlsx-share needs a value}; shift 2 ;;
    --seed) seed=${2:?--seed needs a value}; shift 2 ;;
    --runs) runs=${2:?--runs needs a value}; shift 2 ;;
    --gen-only) gen_only=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) build=$1; shift ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive whole number"

# Relative build trees are relative to the repository, where the rulebook is too.
[[ $build = /* ]] || build="$repo/$build"
gen="$build/tools/gen/fairgate-gen"
cli="$build/src/cli/fairgate"
rules="$repo/rules/bexley.xml"
timer=/usr/bin/time

[[ -x $timer ]] || die "$timer not found (GNU time measures peak memory): apt-get install time"
[[ -x $gen ]] || die "$gen not found: cmake --build ${build#"$repo/"} --target fairgate-gen"
if [[ $gen_only = 0 ]]; then
  [[ -x $cli ]] || die "$cli not found: cmake --build ${build#"$repo/"} --target fairgate (or use --gen-only)"
  [[ -f $rules ]] || die "$rules not found"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fairgate-bench.XXXXXX")
if [[ $keep = 0 ]]; then
  trap 'rm -rf "$work"' EXIT
fi

# The median of numbers given one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
fs=$(df -PT "$work" 2>/dev/null | awk 'NR == 2 { print $2 }' || true)
echo "fairgate portfolio benchmark"
echo "machine:   $(nproc) CPUs, ${cpu:-unknown CPU}, ${mem:-unknown} RAM, $(uname -sr)"
echo "temporary: $work (${fs:-unknown} file system)"
echo "portfolio: $contracts contracts x (1 tender + $quarters quarterly returns), xlsx share $xlsx_share, seed $seed"

inbox="$work/inbox"
$timer -o "$work/gen.time" -f "%e %M" "$gen" --out "$inbox" --contracts "$contracts" --quarters "$quarters" \
  --seed "$seed" --xlsx-share "$xlsx_share" > "$work/gen.log"
read -r gen_s gen_kb < <(tail -n 1 "$work/gen.time")
files=$(find "$inbox" -type f | wc -l)
size=$(du -sm "$inbox" | cut -f1)
printf 'generated: %d files, %d MB in %.1f s (fairgate-gen, peak %.0f MB)\n' "$files" "$size" "$gen_s" "$(echo "$gen_kb / 1024" | bc -l)"

if [[ $gen_only = 1 ]]; then
  exit 0
fi

: > "$work/runs"
for ((i = 1; i <= runs; i++)); do
  out="$work/out-$i"
  db="$work/store-$i.db"
  rm -rf "$out" "$db"
  if ! $timer -o "$work/run-$i.time" -f "%e %M" "$cli" run --rules "$rules" --inbox "$inbox" --out "$out" --db "$db" \
      > "$work/run-$i.log" 2>&1; then
    echo "run $i failed; the end of its output:" >&2
    tail -n 20 "$work/run-$i.log" >&2
    exit 1
  fi
  read -r s kb < <(tail -n 1 "$work/run-$i.time")
  printf 'run %d/%d:   %.1f s, peak %.0f MB\n' "$i" "$runs" "$s" "$(echo "$kb / 1024" | bc -l)"
  echo "$s $kb" >> "$work/runs"
  # Each run starts from nothing; keep the last run's output only when asked to keep.
  if [[ $keep = 0 ]]; then rm -rf "$out" "$db"; fi
done

s=$(cut -d' ' -f1 "$work/runs" | median)
kb=$(cut -d' ' -f2 "$work/runs" | median)
rate=$(echo "if ($s > 0) $contracts / $s else 0" | bc -l)
printf 'median of %d: %.1f s, %.1f contracts/s, peak %.0f MB\n' "$runs" "$s" "$rate" "$(echo "$kb / 1024" | bc -l)"
if [[ $keep = 1 ]]; then echo "kept: $work"; fi
