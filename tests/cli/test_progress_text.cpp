// `fairgate run`'s progress words and bar (src/cli/progress_text.cpp): counts as people write
// them, the time left at the stage's pace, rounded as a person would say it.
#define BOOST_TEST_MODULE cli_progress_text
#include <boost/test/unit_test.hpp>

#include "cli/progress_text.hpp"

using namespace fairgate;
using namespace fairgate::cli;

BOOST_AUTO_TEST_CASE(counts_are_grouped_by_thousands) {
    BOOST_TEST(format_count(0) == "0");
    BOOST_TEST(format_count(999) == "999");
    BOOST_TEST(format_count(1000) == "1,000");
    BOOST_TEST(format_count(1234567) == "1,234,567");
}

BOOST_AUTO_TEST_CASE(time_left_is_at_the_pace_so_far) {
    // 1,200 of 3,000 in 20 s: 1,800 more at 60 a second.
    BOOST_TEST(seconds_left(1200, 3000, 20.0).value() == 30.0);
    BOOST_TEST(!seconds_left(0, 3000, 20.0));   // no pace yet
    BOOST_TEST(!seconds_left(10, 3000, 0.5));   // too soon to tell
    BOOST_TEST(seconds_left(3000, 3000, 20.0).value() == 0.0);
    BOOST_TEST(!seconds_left(5, 3, 2.0));       // a count past its total is not believed
}

BOOST_AUTO_TEST_CASE(time_left_reads_as_said) {
    BOOST_TEST(format_time_left(3) == "a few seconds left");
    BOOST_TEST(format_time_left(31) == "about 30 s left");
    BOOST_TEST(format_time_left(33) == "about 35 s left");
    BOOST_TEST(format_time_left(59) == "about 1 min left");
    BOOST_TEST(format_time_left(260) == "about 4 min left");
    BOOST_TEST(format_time_left(3600) == "about 1 h left");
    BOOST_TEST(format_time_left(3900) == "about 1 h 5 min left");
}

BOOST_AUTO_TEST_CASE(plain_lines_name_the_stage) {
    BatchProgress p;
    p.stage = BatchProgress::Stage::Reading;
    p.files_read = 1200;
    p.files_total = 3000;
    p.stage_seconds = 20;
    BOOST_TEST(progress_line(p) == "read 1,200 of 3,000 files (40%), about 30 s left");
    p.stage_seconds = 0.2;  // the pace not known yet: no guess
    BOOST_TEST(progress_line(p) == "read 1,200 of 3,000 files (40%)");

    p.stage = BatchProgress::Stage::Judging;
    p.files_read = 3000;
    p.contracts_judged = 1200;
    p.contracts_total = 3000;
    p.stage_seconds = 20;
    BOOST_TEST(progress_line(p) == "judged 1,200 of 3,000 contracts (40%), about 30 s left");
    p.tenders_total = 40;
    p.tenders_screened = 0;
    BOOST_TEST(progress_line(p) == "judged 1,200 of 3,000 contracts and 0 of 40 tenders (39%), about 30 s left");
}

BOOST_AUTO_TEST_CASE(the_bar_fills_with_the_stage) {
    BatchProgress p;
    p.stage = BatchProgress::Stage::Judging;
    p.files_read = p.files_total = 3000;
    p.contracts_judged = 1500;
    p.contracts_total = 3000;
    p.stage_seconds = 30;
    BOOST_TEST(progress_bar(p, 10) == "[#####-----] files 3,000/3,000 | contracts 1,500/3,000 | about 30 s left");
    p.contracts_judged = 3000;  // done: no time left shown
    BOOST_TEST(progress_bar(p, 10) == "[##########] files 3,000/3,000 | contracts 3,000/3,000");
    BatchProgress empty;  // an empty inbox is not a division by zero
    BOOST_TEST(progress_bar(empty, 4) == "[####] files 0/0");
}
