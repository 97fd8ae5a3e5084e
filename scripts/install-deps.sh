#!/usr/bin/env bash
# Installs what fairgate needs from Debian's packages, only what is missing.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what the test suite uses (PostgreSQL, openpyxl,
#                                    LibreOffice Calc, poppler's pdfinfo/pdftotext, Chromium
#                                    and chromedriver, npm), and axe-core from the npm registry
#                                    into .cache/axe-core/ (git-ignored) for the accessibility
#                                    test; without the registry that test is skipped
#   scripts/install-deps.sh --bench  also what bench/portfolio.sh uses (GNU time, bc) and what
#                                    bench/vs-python-peer.sh's Python peer needs (openpyxl,
#                                    XlsxWriter)
#   scripts/install-deps.sh --fuzz   also what scripts/fuzz.sh uses (clang 14 and its libFuzzer
#                                    and sanitizer runtimes; gcc's sanitizer runtimes, which
#                                    scripts/sanitize.sh uses, come with build-essential)
set -euo pipefail
cd "$(dirname "$0")/.."

# The accessibility test's axe-core (tests/service/accessibility_chromium.py reads
# .cache/axe-core/node_modules/axe-core/axe.min.js). Pinned: a new axe-core may find new things.
axe_core_version=4.14.1
axe_core_dir=.cache/axe-core

test_tools=0
packages=(build-essential cmake pkg-config libpoco-dev libxlsxwriter-dev libpugixml-dev
          libspdlog-dev libboost-test-dev libpq-dev libsqlite3-dev zlib1g-dev libdeflate-dev libjemalloc-dev)
for option in "$@"; do
  case $option in
    --test) packages+=(postgresql python3 python3-openpyxl libreoffice-calc-nogui poppler-utils chromium chromium-driver)
            # Debian's npm, unless the machine has one already (NodeSource's nodejs brings its
            # own, and Debian's npm would not install beside it).
            command -v npm >/dev/null || packages+=(npm)
            test_tools=1 ;;
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
else
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "fairgate: run as root, or install sudo, to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "fairgate: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ((test_tools)); then
  installed=$(node -p "require('./$axe_core_dir/node_modules/axe-core/package.json').version" 2>/dev/null || true)
  if [[ $installed == "$axe_core_version" ]]; then
    echo "fairgate: axe-core $axe_core_version already in $axe_core_dir"
  else
    echo "fairgate: installing axe-core $axe_core_version into $axe_core_dir (npm)"
    mkdir -p "$axe_core_dir"
    # Not fatal: without the registry the accessibility test skips, saying why (and a skip
    # fails CI).
    npm install --prefix "$axe_core_dir" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
        --fetch-retries=2 --fetch-timeout=60000 --loglevel=error "axe-core@$axe_core_version" >/dev/null ||
      echo "fairgate: could not install axe-core from the npm registry; the accessibility test will be skipped" >&2
  fi
fi
