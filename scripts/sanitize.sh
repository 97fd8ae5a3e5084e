#!/usr/bin/env bash
# The test suite under sanitizers (docs/testing.md):
#   build-asan  every target with AddressSanitizer and UndefinedBehaviorSanitizer; the whole
#               CTest suite, but for the labels excluded below
#   build-tsan  every target with ThreadSanitizer; the tests whose code runs on several
#               threads (listed below)
# Any sanitizer report fails its test: UBSan does not recover, ASan and TSan halt on the
# first error. Run after scripts/install-deps.sh --test; takes the store's PostgreSQL from
# FAIRGATE_TEST_POSTGRES as scripts/test.sh sets it.
#   scripts/sanitize.sh [asan|tsan]...     (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
steps=("$@")
((${#steps[@]})) || steps=(asan tsan)

# Sanitized builds at -O1 with line tables only: much quicker to compile and link than -O2 -g,
# still fast enough to run, and stacks still name file and line. Without NDEBUG, so that
# fairgate's own assertions are checked too. (Not CMAKE_BUILD_TYPE=Debug: Poco's targets then
# define _DEBUG, which Debian's release build of Poco was not compiled with.)
configure() {
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DFAIRGATE_SANITIZE="$2" >/dev/null
}

export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

for step in "${steps[@]}"; do
  case $step in
  asan)
    configure build-asan address,undefined
    cmake --build build-asan -j"$jobs"
    # Excluded by label:
    #   headers   only compiles the public headers, or reads their #include lines (nothing
    #             of fairgate runs): a second look would find nothing a sanitizer can
    #   external  LibreOffice and Chromium: programs of their own, which ASan does not
    #             instrument, open fairgate's output; the fairgate code they reach (reading the
    #             XLSX LibreOffice writes, serving the page) runs under ASan in test_importers,
    #             the fuzz targets' replays and test_service
    ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1" \
      LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
      ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE '^(headers|external)$'
    ;;
  tsan)
    # Only the test programs with threads (the rest would build for nothing), with the CTest
    # entries of their cases that need PostgreSQL and the like (NAME_label):
    #   test_importers  big CSV tables typed on worker threads (test_batches.cpp)
    #   test_pipeline   the batch judging and writing workbooks on 5 worker threads
    #   test_service    the intake's worker, HTTP threads, the store pool, 8 clients at once
    #   test_store      concurrent store connections (test_concurrency.cpp)
    #   test_model      file names interned from several threads (test_provenance.cpp)
    threaded=(test_importers test_pipeline test_service test_store test_model)
    configure build-tsan thread
    cmake --build build-tsan -j"$jobs" --target "${threaded[@]}"
    # setarch -R: gcc 12's TSan cannot map its shadow memory under the wide address-space
    # randomisation of newer kernels (vm.mmap_rnd_bits > 28); without randomisation it can.
    # Where a container forbids it (seccomp), run without: TSan works where randomisation is narrower.
    no_aslr=(setarch "$(uname -m)" -R)
    "${no_aslr[@]}" true 2>/dev/null || no_aslr=()
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp" \
      "${no_aslr[@]}" \
      ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R "^($(IFS='|'; echo "${threaded[*]}"))(_.*)?\$"
    ;;
  *) echo "sanitize.sh: unknown step $step (asan, tsan)" >&2; exit 2 ;;
  esac
done
