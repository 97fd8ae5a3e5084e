# Debian packages only (see README): libpoco-dev, libxlsxwriter-dev, libpugixml-dev,
# libspdlog-dev, libboost-test-dev, libpq-dev, libsqlite3-dev, zlib1g-dev; for speed, optional
# but installed by scripts/install-deps.sh: libdeflate-dev, libjemalloc-dev.

# Debian's Poco::DataPostgreSQL links PostgreSQL::client, which no package defines.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()

# The store calls SQLite's and libpq's C APIs itself, beside Poco Data (docs/architecture.md:
# statements prepared once per session), so it names both rather than getting them through
# Poco's connectors.
find_package(SQLite3 REQUIRED)

# No Poco XML: pugixml reads every XML file (Poco Zip still pulls it in for itself).
find_package(Poco REQUIRED COMPONENTS Foundation Util Net JSON Zip Data DataSQLite DataPostgreSQL)
find_package(pugixml REQUIRED)
find_package(spdlog REQUIRED)
find_package(Threads REQUIRED)

# libxlsxwriter ships a pkg-config file but no CMake package.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

if(FAIRGATE_BUILD_TESTS)
  find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
endif()

# zlib: reports/xlsx_packaging.cpp deflates a very big workbook part itself (zlib1g-dev).
find_package(ZLIB REQUIRED)

# libdeflate (Debian's libdeflate-dev): packs workbook parts in about half of zlib's time
# (docs/performance.md). Optional, ON when found; scripts/install-deps.sh installs it.
option(FAIRGATE_LIBDEFLATE "Deflate workbook parts with libdeflate (libdeflate-dev)" ON)
if(FAIRGATE_LIBDEFLATE)
  pkg_check_modules(LIBDEFLATE IMPORTED_TARGET libdeflate)
  if(LIBDEFLATE_FOUND)
    message(STATUS "fairgate: workbooks deflated with libdeflate ${LIBDEFLATE_VERSION}")
  else()
    message(WARNING "fairgate: libdeflate not found (apt-get install libdeflate-dev, or run "
                    "scripts/install-deps.sh): workbooks are deflated with zlib, about twice as slowly. "
                    "-DFAIRGATE_LIBDEFLATE=OFF silences this.")
  endif()
endif()

# The allocator linked into the fairgate executable (docs/performance.md measures them):
# mimalloc (libmimalloc-dev) or jemalloc (libjemalloc-dev) replace glibc's malloc for the whole
# process; "glibc" keeps it. The default, jemalloc, is used when found (scripts/install-deps.sh
# installs it); otherwise glibc's, with a warning.
set(FAIRGATE_ALLOCATOR "jemalloc" CACHE STRING "Allocator of the fairgate executable: jemalloc, mimalloc or glibc")
set_property(CACHE FAIRGATE_ALLOCATOR PROPERTY STRINGS jemalloc mimalloc glibc)
add_library(fairgate_allocator INTERFACE)
if(FAIRGATE_SANITIZE OR FAIRGATE_FUZZ)
  # The sanitizers bring their own malloc; another one beside it would fight it.
  message(STATUS "fairgate: sanitizer build: the fairgate executable allocates with the sanitizer's malloc")
elseif(FAIRGATE_ALLOCATOR STREQUAL "jemalloc")
  pkg_check_modules(JEMALLOC IMPORTED_TARGET jemalloc)
  if(JEMALLOC_FOUND)
    message(STATUS "fairgate: the fairgate executable allocates with jemalloc ${JEMALLOC_VERSION}")
    # Linked even though nothing names it: its malloc replaces glibc's.
    target_link_libraries(fairgate_allocator INTERFACE -Wl,--push-state,--no-as-needed PkgConfig::JEMALLOC -Wl,--pop-state)
  else()
    message(WARNING "fairgate: jemalloc not found (apt-get install libjemalloc-dev, or run scripts/install-deps.sh): "
                    "the fairgate executable allocates with glibc's malloc, measurably slower. "
                    "-DFAIRGATE_ALLOCATOR=glibc silences this.")
  endif()
elseif(FAIRGATE_ALLOCATOR STREQUAL "mimalloc")
  find_package(mimalloc CONFIG QUIET)
  if(TARGET mimalloc)
    message(STATUS "fairgate: the fairgate executable allocates with mimalloc ${mimalloc_VERSION}")
    target_link_libraries(fairgate_allocator INTERFACE -Wl,--push-state,--no-as-needed mimalloc -Wl,--pop-state)
  else()
    message(WARNING "fairgate: mimalloc not found (apt-get install libmimalloc-dev): the fairgate executable "
                    "allocates with glibc's malloc.")
  endif()
elseif(NOT FAIRGATE_ALLOCATOR STREQUAL "glibc")
  message(FATAL_ERROR "FAIRGATE_ALLOCATOR is jemalloc, mimalloc or glibc, not '${FAIRGATE_ALLOCATOR}'")
endif()
