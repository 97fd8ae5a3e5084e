# Sanitizer and fuzzing builds (docs/testing.md; scripts/sanitize.sh, scripts/fuzz.sh).
#
#   -DFAIRGATE_SANITIZE=address,undefined   every fairgate target under ASan and UBSan
#   -DFAIRGATE_SANITIZE=thread              every fairgate target under TSan
#   -DFAIRGATE_FUZZ=ON                      (clang) libFuzzer targets in tests/fuzz, with ASan
#                                           and UBSan, and the libraries they call instrumented
#                                           for coverage
#
# Applied to the whole build (not per target) so that the libraries a test links are checked
# as well as the test. Debian's own libraries (Poco, pugixml, libxlsxwriter) stay
# uninstrumented: their bugs are not ours to find here.

set(FAIRGATE_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined or thread (empty: none)")
option(FAIRGATE_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang)" OFF)

if(FAIRGATE_SANITIZE)
  if(FAIRGATE_SANITIZE MATCHES "thread" AND FAIRGATE_SANITIZE MATCHES "address")
    message(FATAL_ERROR "FAIRGATE_SANITIZE: ThreadSanitizer cannot be combined with AddressSanitizer")
  endif()
  # -fno-sanitize-recover: undefined behaviour fails the test instead of printing and going on.
  add_compile_options(-fsanitize=${FAIRGATE_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${FAIRGATE_SANITIZE})
endif()

if(FAIRGATE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FAIRGATE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(FAIRGATE_SANITIZE)
    message(FATAL_ERROR "FAIRGATE_FUZZ brings its own sanitizers (address,undefined); leave FAIRGATE_SANITIZE empty")
  endif()
  # Coverage instrumentation for every library; only the fuzz targets link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
