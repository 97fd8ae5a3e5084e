#!/usr/bin/env bash
# Installs what fairgate needs from Debian's packages, only what is missing.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what the test suite uses (PostgreSQL, openpyxl,
#                                    LibreOffice Calc, poppler's pdfinfo/pdftotext, Chromium
#                                    and chromedriver)
#   scripts/install-deps.sh --bench  also what bench/portfolio.sh uses (GNU time, bc) and what
#                                    bench/vs-python-peer.sh's Python peer needs (openpyxl,
#                                    XlsxWriter)
#   scripts/install-deps.sh --fuzz   also what scripts/fuzz.sh uses (clang 14 and its libFuzzer
#                                    and sanitizer runtimes; gcc's sanitizer runtimes, which
#                                    scripts/sanitize.sh uses, come with build-essential)
set -euo pipefail

packages=(build-essential cmake pkg-config libpoco-dev libxlsxwriter-dev libpugixml-dev
          libspdlog-dev libboost-test-dev libpq-dev libsqlite3-dev zlib1g-dev libdeflate-dev libjemalloc-dev)
for option in "$@"; do
  case $option in
    --test) packages+=(postgresql python3 python3-openpyxl libreoffice-calc-nogui poppler-utils chromium chromium-driver) ;;
    --bench) packages+=(time bc python3 python3-openpyxl python3-xlsxwriter) ;;
    --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
    *) echo "install-deps.sh: unknown option $option (--test, --bench, --fuzz)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "fairgate: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "fairgate: run as root, or install sudo, to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "fairgate: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
