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
