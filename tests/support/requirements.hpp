#pragma once
// What a test case needs from outside the build, as Boost.Test decorators. A case that needs
// a PostgreSQL server or a file of ../shared/data carries a label, so that CTest runs such
// cases as an entry of their own (`fairgate_test(... EXTERNAL label)`), and a precondition, so
// that without what it needs Boost.Test reports it skipped with the reason: never passed, and
// never silently returned from. CI fails on any skipped entry.

#include <string>

#include <boost/test/unit_test.hpp>

namespace fairgate::test {

/// Holds when FAIRGATE_TEST_POSTGRES names a server; else says so.
boost::test_tools::assertion_result postgres_configured(boost::unit_test::test_unit_id);

/// Holds when FAIRGATE_TEST_POSTGRES_CTL names a command that stops and starts that server
/// (`CTL stop`, `CTL start`; scripts/test.sh writes one); else says so.
boost::test_tools::assertion_result postgres_restartable(boost::unit_test::test_unit_id);

/// Holds when the file exists; else names it and where it should be.
struct FilePresent {
    std::string path;
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const;
};

}  // namespace fairgate::test

/// Decorators for a case that runs against the PostgreSQL named by FAIRGATE_TEST_POSTGRES.
#define FAIRGATE_NEEDS_POSTGRES \
    *boost::unit_test::label("postgresql") * boost::unit_test::precondition(fairgate::test::postgres_configured)

/// Decorators for a case that stops and starts the PostgreSQL server: CTest runs these alone
/// (RUN_SERIAL), since every other PostgreSQL case would fail while the server is down.
#define FAIRGATE_RESTARTS_POSTGRES                                                                   \
    *boost::unit_test::label("postgresql_restart") *                                                  \
        boost::unit_test::precondition(fairgate::test::postgres_configured) *                       \
        boost::unit_test::precondition(fairgate::test::postgres_restartable)

/// Decorators for a case that reads `path` from the shared data beside the checkout.
#define FAIRGATE_NEEDS_SHARED_FILE(path) \
    *boost::unit_test::label("shared_data") * boost::unit_test::precondition(fairgate::test::FilePresent{path})
