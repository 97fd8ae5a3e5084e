# Debian packages only (see README): libpoco-dev, libxlsxwriter-dev, libpugixml-dev,
# libspdlog-dev, libboost-test-dev, libpq-dev, libsqlite3-dev.

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
