#include <boost/test/unit_test.hpp>

#include <string>

#include "model/period.hpp"
#include "print.hpp"

using namespace fairgate;

namespace {
Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }
}  // namespace

BOOST_AUTO_TEST_SUITE(period)

BOOST_AUTO_TEST_CASE(parse_accepts_common_spellings) {
    const std::pair<const char*, Quarter> good[] = {
        {"2026-Q2", {2026, 2}}, {"2026 Q2", {2026, 2}},  {"Q2 2026", {2026, 2}},   {"2026/Q2", {2026, 2}},
        {"2026-q2", {2026, 2}}, {"q2 2026", {2026, 2}},  {"2026_Q3", {2026, 3}},   {"2026Q4", {2026, 4}},
        {"Q1-2027", {2027, 1}}, {" 2026-Q1 ", {2026, 1}}, {"2026 - Q4", {2026, 4}}, {"1999-Q4", {1999, 4}},
    };
    for (const auto& [text, expected] : good) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            const auto q = Quarter::parse(text);
            BOOST_TEST_REQUIRE(q.has_value());
            BOOST_TEST(*q == expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(parse_refuses_other_text) {
    const char* bad[] = {"",         "2026",       "Q2",          "2026-Q5",     "2026-Q0",  "26-Q2",
                         "20266-Q2", "2026-Q2-Q3", "2026-Q12",    "FY2026 Q2",   "2026-Q",   "2026 2027 Q1",
                         "2026.Q2",  "Q2/26",      "2026-Q2x",    "second quarter 2026"};
    for (const char* text : bad) {
        BOOST_TEST_CONTEXT('"' << text << '"') { BOOST_TEST(!Quarter::parse(text).has_value()); }
    }
}

BOOST_AUTO_TEST_CASE(parse_refuses_a_year_too_long_for_an_int) {
    // A supplier's period of 90 digits once overflowed the year while it was read (undefined
    // behaviour, reported by UBSan in the fuzz target fuzz_xml_return).
    BOOST_TEST(!Quarter::parse(std::string(90, '1') + "6-Q2").has_value());
    BOOST_TEST(!Quarter::parse("Q2 " + std::string(12, '9')).has_value());
}

BOOST_AUTO_TEST_CASE(label_round_trips_through_parse) {
    for (int year : {1999, 2025, 2026, 2100}) {
        for (int q = 1; q <= 4; ++q) {
            const Quarter quarter{year, q};
            BOOST_TEST_CONTEXT(quarter.label()) {
                BOOST_TEST(quarter.label() == std::to_string(year) + "-Q" + std::to_string(q));
                const auto back = Quarter::parse(quarter.label());
                BOOST_TEST_REQUIRE(back.has_value());
                BOOST_TEST(*back == quarter);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(calendar_and_financial_bounds) {
    struct Row { Quarter q; QuarterScheme scheme; Date first, last; };
    const Row rows[] = {
        {{2026, 1}, QuarterScheme::Calendar, ymd(2026, 1, 1), ymd(2026, 3, 31)},
        {{2026, 2}, QuarterScheme::Calendar, ymd(2026, 4, 1), ymd(2026, 6, 30)},
        {{2026, 3}, QuarterScheme::Calendar, ymd(2026, 7, 1), ymd(2026, 9, 30)},
        {{2026, 4}, QuarterScheme::Calendar, ymd(2026, 10, 1), ymd(2026, 12, 31)},
        {{2026, 1}, QuarterScheme::Financial, ymd(2026, 4, 1), ymd(2026, 6, 30)},
        {{2026, 2}, QuarterScheme::Financial, ymd(2026, 7, 1), ymd(2026, 9, 30)},
        {{2026, 3}, QuarterScheme::Financial, ymd(2026, 10, 1), ymd(2026, 12, 31)},
        // 2026-Q4 of the financial year 2026/27 is January to March 2027.
        {{2026, 4}, QuarterScheme::Financial, ymd(2027, 1, 1), ymd(2027, 3, 31)},
        // Leap February inside a quarter.
        {{2024, 1}, QuarterScheme::Calendar, ymd(2024, 1, 1), ymd(2024, 3, 31)},
        {{2023, 4}, QuarterScheme::Financial, ymd(2024, 1, 1), ymd(2024, 3, 31)},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.q.label() << (r.scheme == QuarterScheme::Calendar ? " calendar" : " financial")) {
            BOOST_TEST(r.q.first_day(r.scheme) == r.first);
            BOOST_TEST(r.q.last_day(r.scheme) == r.last);
            BOOST_TEST(Quarter::containing(r.first, r.scheme) == r.q);
            BOOST_TEST(Quarter::containing(r.last, r.scheme) == r.q);
        }
    }
    // Quarter lengths: 90 days in a common-year Q1, 91 in a leap one.
    const Quarter q2025{2025, 1}, q2023{2023, 4};
    BOOST_TEST(q2025.last_day(QuarterScheme::Calendar).days() - q2025.first_day(QuarterScheme::Calendar).days() + 1 == 90);
    BOOST_TEST(q2023.last_day(QuarterScheme::Financial).days() - q2023.first_day(QuarterScheme::Financial).days() + 1 == 91);
}

BOOST_AUTO_TEST_CASE(containing_specific_days) {
    BOOST_TEST(Quarter::containing(ymd(2027, 2, 15), QuarterScheme::Financial) == (Quarter{2026, 4}));
    BOOST_TEST(Quarter::containing(ymd(2027, 2, 15), QuarterScheme::Calendar) == (Quarter{2027, 1}));
    BOOST_TEST(Quarter::containing(ymd(2026, 4, 1), QuarterScheme::Financial) == (Quarter{2026, 1}));
    BOOST_TEST(Quarter::containing(ymd(2026, 3, 31), QuarterScheme::Financial) == (Quarter{2025, 4}));
    BOOST_TEST(Quarter::containing(ymd(2026, 12, 31), QuarterScheme::Financial) == (Quarter{2026, 3}));
    BOOST_TEST(Quarter::containing(ymd(2026, 12, 31), QuarterScheme::Calendar) == (Quarter{2026, 4}));
}

// Property: every day of several years lies inside the quarter that contains it, in both
// schemes, and quarters tile time without gaps or overlaps.
BOOST_AUTO_TEST_CASE(containing_agrees_with_bounds_every_day) {
    for (QuarterScheme scheme : {QuarterScheme::Calendar, QuarterScheme::Financial}) {
        int failures = 0;
        for (int32_t n = ymd(2023, 1, 1).days(); n <= ymd(2029, 12, 31).days(); ++n) {
            const Date d = Date::from_days(n);
            const Quarter q = Quarter::containing(d, scheme);
            if (!(q.first_day(scheme) <= d && d <= q.last_day(scheme)) || q.quarter < 1 || q.quarter > 4) {
                if (++failures < 5) BOOST_ERROR(d.iso() << " not inside " << q.label());
            }
        }
        BOOST_TEST(failures == 0);
        for (Quarter q{2020, 1}; q.year < 2031; q = q.next()) {
            BOOST_TEST_CONTEXT(q.label()) {
                BOOST_TEST(q.last_day(scheme).days() + 1 == q.next().first_day(scheme).days());
                BOOST_TEST(q.first_day(scheme).day() == 1);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(previous_and_next_cross_years) {
    BOOST_TEST((Quarter{2026, 1}.previous()) == (Quarter{2025, 4}));
    BOOST_TEST((Quarter{2025, 4}.next()) == (Quarter{2026, 1}));
    BOOST_TEST((Quarter{2026, 2}.previous()) == (Quarter{2026, 1}));
    BOOST_TEST((Quarter{2026, 2}.next()) == (Quarter{2026, 3}));
    for (Quarter q{2019, 1}; q.year < 2032; q = q.next()) {
        BOOST_TEST_CONTEXT(q.label()) {
            BOOST_TEST(q.next().previous() == q);
            BOOST_TEST(q.previous().next() == q);
            BOOST_TEST(q.next().ordinal() == q.ordinal() + 1);
            BOOST_TEST(q < q.next());
            BOOST_TEST(!(q.next() < q));
            BOOST_TEST(q != q.next());
        }
    }
}

BOOST_AUTO_TEST_CASE(ordering_is_by_time) {
    BOOST_TEST((Quarter{2025, 4}) < (Quarter{2026, 1}));
    BOOST_TEST(!((Quarter{2026, 1}) < (Quarter{2025, 4})));
    BOOST_TEST((Quarter{2026, 1}) < (Quarter{2026, 2}));
    BOOST_TEST(!((Quarter{2026, 2}) < (Quarter{2026, 2})));
    BOOST_TEST((Quarter{2026, 1}).ordinal() == 2026 * 4);
}

BOOST_AUTO_TEST_SUITE_END()
