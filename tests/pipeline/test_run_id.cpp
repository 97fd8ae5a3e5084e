// Run ids: the store takes a contract's latest judgement to be the greatest run id, and the
// service starts several runs a second.
#include <boost/test/unit_test.hpp>

#include "model/timestamp.hpp"
#include "pipeline/batch_run.hpp"

BOOST_AUTO_TEST_CASE(run_ids_sort_in_the_order_they_were_made) {
    std::string previous = fairgate::new_run_id();
    BOOST_TEST(previous.size() == 27u);  // 20261123T101500.250Z-3f2a9c
    BOOST_TEST(previous[15] == '.');
    for (int i = 0; i < 2000; ++i) {
        const std::string id = fairgate::new_run_id();
        BOOST_TEST_REQUIRE(id.size() == previous.size());
        BOOST_TEST_REQUIRE(previous < id);
        previous = id;
    }
}

BOOST_AUTO_TEST_CASE(run_id_times_are_utc_to_the_millisecond) {
    BOOST_TEST(fairgate::utc_compact_ms(1795428900250) == "20261123T101500.250Z");
    BOOST_TEST(fairgate::utc_compact_ms(0) == "19700101T000000.000Z");
    BOOST_TEST(fairgate::utc_compact_ms(1795428900007) == "20261123T101500.007Z");
}
