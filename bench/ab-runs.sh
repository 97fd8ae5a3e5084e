#!/usr/bin/env bash
# Two or more ways of running `fairgate run`, interleaved on one generated portfolio
# (A B C A B C ...), so that a busy or drifting machine weighs on each alike: wall time, CPU
# time (user + system) and peak memory of each run, then the medians and each variant's ratio
# to the first, pair by pair.
#
# Usage: bench/ab-runs.sh [options] NAME=COMMAND NAME=COMMAND ...
#   NAME=COMMAND       a variant: COMMAND is the fairgate binary, possibly after an env
#                      prefix, e.g. base=/tmp/main-build/src/cli/fairgate or
#                      "mimalloc=env LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libmimalloc.so build/src/cli/fairgate"
#   --build DIR        build tree whose fairgate-gen makes the portfolio (default: $BUILD, else build)
#   --contracts N      contracts in the portfolio (default 1000)
#   --quarters Q       quarterly returns per contract (default 4)
#   --xlsx-share F     share of returns written as XLSX forms (default 0.5)
#   --seed S           generator seed (default 1)
#   --rounds R         rounds, each running every variant once (default 3)
#   --jobs J           fairgate's --jobs (default: its own default, one per core)
#   --keep             keep the temporary folder (portfolio, logs)
# Environment: TMPDIR chooses where the temporary folder goes.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
contracts=1000
quarters=4
xlsx_share=0.5
seed=1
rounds=3
jobs=""
keep=0
names=()
commands=()

die() { echo "ab-runs.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --build) build=${2:?--build needs a value}; shift 2 ;;
    --contracts) contracts=${2:?--contracts needs a value}; shift 2 ;;
    --quarters) quarters=${2:?--quarters needs a value}; shift 2 ;;
    --xlsx-share) xlsx_share=${2:?--xlsx-share needs a value}; shift 2 ;;
    --seed) seed=${2:?--seed needs a value}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    --jobs) jobs=${2:?--jobs needs a value}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *=*) names+=("${1%%=*}"); commands+=("${1#*=}"); shift ;;
    *) die "a variant is NAME=COMMAND, not $1" ;;
  esac
done
((${#names[@]} >= 2)) || die "give at least two variants, NAME=COMMAND"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive whole number"
[[ $build = /* ]] || build="$repo/$build"
gen="$build/tools/gen/fairgate-gen"
rules="$repo/rules/bexley.xml"
timer=/usr/bin/time
[[ -x $timer ]] || die "$timer not found (GNU time): scripts/install-deps.sh --bench"
[[ -x $gen ]] || die "$gen not found: cmake --build ${build#"$repo/"} --target fairgate-gen"

work=$(mktemp -d "${TMPDIR:-/tmp}/fairgate-ab.XXXXXX")
if [[ $keep = 0 ]]; then
  trap 'rm -rf "$work"' EXIT
fi
echo "machine:   $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "portfolio: $contracts contracts x (1 tender + $quarters quarterly returns), xlsx share $xlsx_share, seed $seed"
"$gen" --out "$work/inbox" --contracts "$contracts" --quarters "$quarters" --seed "$seed" \
  --xlsx-share "$xlsx_share" > "$work/gen.log"
echo "inbox:     $(find "$work/inbox" -type f | wc -l) files"
for k in "${!names[@]}"; do echo "variant:   ${names[$k]} = ${commands[$k]}"; done

: > "$work/results"
for ((i = 1; i <= rounds; i++)); do
  for k in "${!names[@]}"; do
    name=${names[$k]}
    d="$work/$name-$i"
    rm -rf "$d"; mkdir -p "$d"
    load=$(cut -d' ' -f1 /proc/loadavg)
    # shellcheck disable=SC2086  # the command may carry an env prefix
    if ! $timer -o "$d.time" -f "%e %U %S %M" ${commands[$k]} run --rules "$rules" --inbox "$work/inbox" \
        --out "$d/out" --db "$d/store.db" ${jobs:+--jobs "$jobs"} > "$d.log" 2>&1; then
      echo "$name run $i failed; the end of its output:" >&2
      tail -n 20 "$d.log" >&2
      exit 1
    fi
    read -r wall user sys kb < <(tail -n 1 "$d.time")
    printf '%-10s round %d: wall %6.1f s  cpu %6.1f s  peak %5.0f MB  (load %s)\n' "$name" "$i" "$wall" \
      "$(echo "$user + $sys" | bc -l)" "$(echo "$kb / 1024" | bc -l)" "$load"
    echo "$name $i $wall $user $sys $kb" >> "$work/results"
    rm -rf "$d"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$work/results" "${names[@]}" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
names = sys.argv[2:]
by = {n: [] for n in names}
for name, i, wall, user, sys_, kb in rows:
    by[name].append((float(wall), float(user) + float(sys_), int(kb) / 1024))
print(f"\n{'':11}{'wall s':>8}{'cpu s':>8}{'peak MB':>9}   medians of {len(by[names[0]])}; ratios to {names[0]}, round by round")
first = by[names[0]]
for n in names:
    v = by[n]
    m = [statistics.median(x[k] for x in v) for k in range(3)]
    line = f"{n:11}{m[0]:8.1f}{m[1]:8.1f}{m[2]:9.0f}"
    if n != names[0]:
        w = [a[0] / b[0] for a, b in zip(v, first)]
        c = [a[1] / b[1] for a, b in zip(v, first)]
        line += f"   wall {', '.join(f'{x:.2f}' for x in w)} (median {statistics.median(w):.2f});"
        line += f" cpu {', '.join(f'{x:.2f}' for x in c)} (median {statistics.median(c):.2f})"
    print(line)
EOF
if [[ $keep = 1 ]]; then echo "kept: $work"; fi
