#include "support/requirements.hpp"

#include <cstdlib>
#include <filesystem>

namespace fairgate::test {

boost::test_tools::assertion_result postgres_configured(boost::unit_test::test_unit_id) {
    const char* env = std::getenv("FAIRGATE_TEST_POSTGRES");
    boost::test_tools::assertion_result r(env != nullptr && *env != '\0');
    if (!r) r.message() << "FAIRGATE_TEST_POSTGRES is not set (scripts/test.sh starts a PostgreSQL and sets it)";
    return r;
}

boost::test_tools::assertion_result postgres_restartable(boost::unit_test::test_unit_id) {
    const char* env = std::getenv("FAIRGATE_TEST_POSTGRES_CTL");
    boost::test_tools::assertion_result r(env != nullptr && *env != '\0');
    if (!r) r.message() << "FAIRGATE_TEST_POSTGRES_CTL is not set (scripts/test.sh sets it for the server it starts)";
    return r;
}

boost::test_tools::assertion_result FilePresent::operator()(boost::unit_test::test_unit_id) const {
    boost::test_tools::assertion_result r(std::filesystem::is_regular_file(path));
    if (!r) r.message() << path << " is absent (it lives beside the checkout, in ../shared/data)";
    return r;
}

}  // namespace fairgate::test
