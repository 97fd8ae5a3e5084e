#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "print.hpp"

using namespace fairgate;

namespace {

struct Known {
    int y, m, d;
    int32_t days;
    const char* iso;
};

const Known kKnown[] = {
    {1970, 1, 1, 0, "1970-01-01"},         {1970, 1, 2, 1, "1970-01-02"},
    {1969, 12, 31, -1, "1969-12-31"},      {2000, 1, 1, 10957, "2000-01-01"},
    {2000, 2, 29, 11016, "2000-02-29"},    {2000, 3, 1, 11017, "2000-03-01"},
    {2026, 1, 1, 20454, "2026-01-01"},     {2026, 3, 31, 20543, "2026-03-31"},
    {1900, 1, 1, -25567, "1900-01-01"},    {1900, 2, 28, -25509, "1900-02-28"},
    {1900, 3, 1, -25508, "1900-03-01"},    {1904, 1, 1, -24107, "1904-01-01"},
    {1, 1, 1, -719162, "0001-01-01"},      {9999, 12, 31, 2932896, "9999-12-31"},
};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

BOOST_AUTO_TEST_SUITE(date)

BOOST_AUTO_TEST_CASE(known_dates_convert_both_ways) {
    for (const auto& k : kKnown) {
        BOOST_TEST_CONTEXT(k.iso) {
            const Date d = Date::from_ymd(k.y, k.m, k.d);
            BOOST_TEST(d.days() == k.days);
            BOOST_TEST(d.year() == k.y);
            BOOST_TEST(d.month() == k.m);
            BOOST_TEST(d.day() == k.d);
            BOOST_TEST(d.iso() == k.iso);
            const auto parsed = Date::parse_iso(k.iso);
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST(*parsed == d);
            BOOST_TEST(Date::from_days(k.days) == d);
        }
    }
}

BOOST_AUTO_TEST_CASE(default_date_is_the_epoch) {
    BOOST_TEST(Date().days() == 0);
    BOOST_TEST(Date().iso() == "1970-01-01");
    static_assert(Date::from_days(5).days() == 5, "from_days is constexpr");
}

// Every day of three centuries: days -> y/m/d -> days is the identity, and successive days
// step through the calendar one day at a time (catches any off-by-one at month ends).
BOOST_AUTO_TEST_CASE(every_day_round_trips_and_steps_correctly) {
    const int32_t first = Date::from_ymd(1799, 12, 31).days();
    const int32_t last = Date::from_ymd(2101, 1, 1).days();
    int y = 1799, m = 12, d = 31;
    int failures = 0;
    for (int32_t n = first; n <= last; ++n) {
        const Date date = Date::from_days(n);
        if (date.year() != y || date.month() != m || date.day() != d ||
            Date::from_ymd(y, m, d).days() != n) {
            if (++failures < 5) BOOST_ERROR("day " << n << " is " << date.iso() << ", expected " << y << "-" << m << "-" << d);
        }
        // advance the expected y/m/d by one day
        if (++d > days_in_month(y, m)) {
            d = 1;
            if (++m > 12) { m = 1; ++y; }
        }
    }
    BOOST_TEST(failures == 0);
    BOOST_TEST(y == 2101);
    BOOST_TEST(m == 1);
    BOOST_TEST(d == 2);
}

BOOST_AUTO_TEST_CASE(leap_years) {
    const std::pair<int, bool> years[] = {{2024, true},  {2023, false}, {1900, false}, {2000, true},
                                          {2100, false}, {2400, true},  {1600, true},  {2026, false},
                                          {4, true},     {1, false}};
    for (auto [year, leap] : years) {
        BOOST_TEST_CONTEXT("year " << year) {
            BOOST_TEST(is_valid_ymd(year, 2, 29) == leap);
            BOOST_TEST(days_in_month(year, 2) == (leap ? 29 : 28));
            BOOST_TEST(is_leap(year) == leap);
            if (leap) {
                BOOST_TEST(Date::from_ymd(year, 3, 1).days() - Date::from_ymd(year, 2, 28).days() == 2);
            } else {
                BOOST_CHECK_THROW(Date::from_ymd(year, 2, 29), std::invalid_argument);
                BOOST_TEST(Date::from_ymd(year, 3, 1).days() - Date::from_ymd(year, 2, 28).days() == 1);
            }
        }
    }
    // Year lengths over four centuries add up to the Gregorian cycle.
    BOOST_TEST(Date::from_ymd(2400, 1, 1).days() - Date::from_ymd(2000, 1, 1).days() == 146097);
}

BOOST_AUTO_TEST_CASE(days_in_each_month) {
    const int expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; ++m) {
        BOOST_TEST_CONTEXT("month " << m) {
            BOOST_TEST(days_in_month(2026, m) == expected[m - 1]);
            BOOST_TEST(is_valid_ymd(2026, m, expected[m - 1]));
            BOOST_TEST(!is_valid_ymd(2026, m, expected[m - 1] + 1));
        }
    }
    // Not a month: no days (this used to read outside the table).
    BOOST_TEST(days_in_month(2026, 0) == 0);
    BOOST_TEST(days_in_month(2026, 13) == 0);
    BOOST_TEST(days_in_month(2026, -1) == 0);
}

BOOST_AUTO_TEST_CASE(impossible_dates_are_refused) {
    const int bad[][3] = {{2026, 2, 31}, {2026, 2, 29}, {2026, 13, 1}, {2026, 0, 1},  {2026, 1, 0},
                          {2026, 4, 31}, {2026, 6, 31}, {2026, 9, 31}, {2026, 11, 31}, {2026, 1, 32},
                          {0, 1, 1},     {10000, 1, 1}, {-5, 1, 1},    {1900, 2, 29}, {2026, -1, 10}};
    for (const auto& b : bad) {
        BOOST_TEST_CONTEXT(b[0] << "-" << b[1] << "-" << b[2]) {
            BOOST_TEST(!is_valid_ymd(b[0], b[1], b[2]));
            BOOST_CHECK_THROW(Date::from_ymd(b[0], b[1], b[2]), std::invalid_argument);
        }
    }
    try {
        Date::from_ymd(2026, 2, 31);
        BOOST_ERROR("31 February accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("2026-2-31") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(parse_iso_is_strict) {
    const char* bad[] = {"",           "2026-3-31",   "2026/03/31",  "31-03-2026", "2026-02-30",
                         "2026-13-01", "2026-00-10",  "2026-03-00",  "2026-03-31 ", " 2026-03-31",
                         "2026-03-3a", "+026-03-31",  "0000-01-01",  "2026-03-31T00:00:00",
                         "20260331",   "2026-03--1",  "2026_03_31",  "2025-02-29", "abcd-ef-gh"};
    for (const char* text : bad) {
        BOOST_TEST_CONTEXT('"' << text << '"') { BOOST_TEST(!Date::parse_iso(text).has_value()); }
    }
    const auto leap = Date::parse_iso("2024-02-29");
    BOOST_TEST_REQUIRE(leap.has_value());
    BOOST_TEST(leap->iso() == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(comparisons_follow_time) {
    const Date a = Date::from_ymd(2026, 3, 31), b = Date::from_ymd(2026, 4, 1);
    BOOST_TEST(a < b);
    BOOST_TEST(a <= b);
    BOOST_TEST(b > a);
    BOOST_TEST(b >= a);
    BOOST_TEST(a != b);
    BOOST_TEST(!(a == b));
    BOOST_TEST(a <= a);
    BOOST_TEST(a >= a);
    BOOST_TEST(!(a < a));
    BOOST_TEST(b.days() - a.days() == 1);
    BOOST_TEST(Date::from_ymd(1969, 12, 31) < Date::from_ymd(1970, 1, 1));
}

BOOST_AUTO_TEST_SUITE_END()
