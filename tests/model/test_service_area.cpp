// Service areas: a CPV code, however a register or notice writes it, reads as its division's
// name; any other category is kept as the council wrote it.

#include <boost/test/unit_test.hpp>

#include <string>

#include "model/service_area.hpp"

using namespace fairgate;

BOOST_AUTO_TEST_SUITE(service_areas)

BOOST_AUTO_TEST_CASE(cpv_codes_read_as_their_division) {
    // Contracts Finder's tender/classification/id, with and without the check digit.
    BOOST_TEST(service_area("85311000") == "Health and social work services");
    BOOST_TEST(service_area("85311000-2") == "Health and social work services");
    BOOST_TEST(service_area(" CPV 85000000 ") == "Health and social work services");
    BOOST_TEST(service_area("cpv: 90910000-9") == "Sewage, refuse, cleaning and environmental services");
    BOOST_TEST(service_area("45000000-7") == "Construction work");
    BOOST_TEST(service_area("03000000") == "Agricultural, farming, fishing, forestry and related products");
    const auto d = cpv_division("79993000-4");
    BOOST_REQUIRE(d.has_value());
    BOOST_TEST(d->code == "79");
}

BOOST_AUTO_TEST_CASE(other_categories_are_kept_as_written) {
    BOOST_TEST(service_area("Adult Social Care") == "Adult Social Care");
    BOOST_TEST(service_area("  Children's Services ") == "Children's Services");
    BOOST_TEST(service_area("") == "");
    // Not a CPV code: too short, too long, letters, or a division CPV does not have.
    BOOST_TEST(service_area("8531100") == "8531100");
    BOOST_TEST(service_area("853110001") == "853110001");
    BOOST_TEST(service_area("8531100A") == "8531100A");
    BOOST_TEST(service_area("99000000") == "99000000");
    BOOST_TEST(service_area("85311000-") == "85311000-");
    BOOST_TEST(!cpv_division("Health").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
