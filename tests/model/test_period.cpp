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

// --- What suppliers really type (issue 15) ---------------------------------------------------

namespace {

// The quarter read, by its label, or "refused": a quarter or none, shown either way.
std::string read(const std::string& text, QuarterScheme scheme) {
    const auto q = Quarter::parse(text, scheme);
    return q ? q->label() : "refused";
}
std::string read(const std::string& text) {
    const auto q = Quarter::parse(text);
    return q ? q->label() : "refused";
}

// Every spelling of October to December 2025 a supplier might send, in the financial scheme
// (where those months are 2025-Q3) and in the calendar scheme (2025-Q4). The scheme's own
// labels ("2025-Q3") are in the next tables: they name a different quarter in each scheme.
const char* const kOctToDec2025[] = {
    // Quarters of the financial year 2025/26.
    "2025/26 Q3", "Q3 2025/26", "Q3 2025-26", "Q3 2025\xE2\x80\x93" "26", "Quarter 3 2025-26", "quarter 3 2025/2026",
    "QUARTER 3 2025/2026", "FY2025/26 Q3", "FY 2025-26 Quarter 3", "Q3 FY2025/26", "fy2025/2026 q3", "Q3 of 2025/26",
    "Qtr 3 2025/26", "Q3 financial year 2025/26", "2025/26-Q3", "2025 / 26 Q3", "Q3\xC2\xA0" "2025/26",
    // The months.
    "Oct\xE2\x80\x93" "Dec 2025", "Oct-Dec 2025", "oct \xE2\x80\x94 dec 2025", "OCT-DEC 2025", "Oct - Dec 2025",
    "October to December 2025", "october to december, 2025", "Oct. - Dec. 2025", "Oct 2025 - Dec 2025",
    "Oct 2025 \xE2\x80\x93 Dec 2025", "October 2025 to December 2025", "Oct 2025\xE2\x88\x92" "Dec 2025",
    // The quarter's first and last days.
    "1 Oct 2025 to 31 Dec 2025", "1st October 2025 - 31st December 2025", "1 Oct - 31 Dec 2025",
    "01/10/2025 - 31/12/2025", "01/10/2025\xE2\x80\x93" "31/12/2025", "2025-10-01 to 2025-12-31",
    "2025-10-01 \xE2\x80\x93 2025-12-31",
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_spelling_of_a_quarter_is_the_same_quarter) {
    struct Scheme { QuarterScheme scheme; const char* name; Quarter oct_to_dec; } const schemes[] = {
        {QuarterScheme::Financial, "financial", {2025, 3}},
        {QuarterScheme::Calendar, "calendar", {2025, 4}},
    };
    for (const auto& s : schemes) {
        for (const char* text : kOctToDec2025) {
            BOOST_TEST_CONTEXT(s.name << " \"" << text << '"') {
                std::string why = "stale";
                const auto q = Quarter::parse(text, s.scheme, &why);
                BOOST_TEST_REQUIRE(q.has_value(), why);
                BOOST_TEST(*q == s.oct_to_dec);
                BOOST_TEST(why.empty());
                BOOST_TEST(q->first_day(s.scheme) == ymd(2025, 10, 1));
                BOOST_TEST(q->last_day(s.scheme) == ymd(2025, 12, 31));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_schemes_own_label_keeps_its_meaning) {
    // "2025-Q3" is Q3 of the scheme's year 2025: October to December under the financial
    // scheme, July to September under the calendar one; every way of writing it alike.
    const char* plain[] = {"2025-Q3", "2025 Q3", "Q3 2025", "q3 2025", "2025/Q3", "2025Q3", "Q3-2025",
                           "Quarter 3 2025", "quarter 3, 2025", "2025 \xE2\x80\x93 Q3", "Qtr 3 2025"};
    for (QuarterScheme scheme : {QuarterScheme::Financial, QuarterScheme::Calendar}) {
        for (const char* text : plain) {
            BOOST_TEST_CONTEXT('"' << text << '"') {
                const auto q = Quarter::parse(text, scheme);
                BOOST_TEST_REQUIRE(q.has_value());
                BOOST_TEST(*q == (Quarter{2025, 3}));
                BOOST_TEST(read(text) == "2025-Q3");  // needs no scheme
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(january_to_march_is_the_last_quarter_of_the_financial_year) {
    const char* jan_to_mar_2026[] = {"2025/26 Q4", "Q4 2025-26", "Jan-Mar 2026", "January to March 2026",
                                     "1 Jan 2026 - 31 Mar 2026", "Jan 2026 - Mar 2026"};
    for (const char* text : jan_to_mar_2026) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            BOOST_TEST(read(text, QuarterScheme::Financial) == "2025-Q4");
            BOOST_TEST(read(text, QuarterScheme::Calendar) == "2026-Q1");
        }
    }
    // April to June 2026 opens the financial year 2026/27.
    BOOST_TEST(read("Apr-Jun 2026", QuarterScheme::Financial) == "2026-Q1");
    BOOST_TEST(read("2026/27 Q1", QuarterScheme::Financial) == "2026-Q1");
    BOOST_TEST(read("2026/27 Q1", QuarterScheme::Calendar) == "2026-Q2");
    // Two months of a leap year are not a quarter; the three are.
    BOOST_TEST(read("1 Jan 2028 to 29 Feb 2028", QuarterScheme::Calendar) == "refused");
    BOOST_TEST(read("1 Jan 2028 to 31 Mar 2028", QuarterScheme::Calendar) == "2028-Q1");
    BOOST_TEST(read("1999/00 Q4", QuarterScheme::Financial) == "1999-Q4");
}

// Property: every quarter of eleven years, in both schemes, spelt by its months, by its days
// and by its financial-year label, reads back as itself.
BOOST_AUTO_TEST_CASE(months_days_and_financial_year_of_every_quarter_read_back) {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (QuarterScheme scheme : {QuarterScheme::Calendar, QuarterScheme::Financial}) {
        for (Quarter q{2020, 1}; q.year < 2031; q = q.next()) {
            const Date first = q.first_day(scheme), last = q.last_day(scheme);
            const std::string span = std::string(months[first.month() - 1]) + "\xE2\x80\x93" + months[last.month() - 1] + " " +
                                     std::to_string(last.year());
            const std::string days = std::to_string(first.day()) + " " + months[first.month() - 1] + " " +
                                     std::to_string(first.year()) + " to " + std::to_string(last.day()) + " " +
                                     months[last.month() - 1] + " " + std::to_string(last.year());
            const Quarter fy = Quarter::containing(first, QuarterScheme::Financial);
            const std::string fy_label = std::to_string(fy.year) + "/" + std::to_string((fy.year + 1) % 100) + " Q" +
                                         std::to_string(fy.quarter);
            for (const std::string& text : {span, days, fy_label}) {
                BOOST_TEST_CONTEXT(q.label() << (scheme == QuarterScheme::Calendar ? " calendar" : " financial") << " \"" << text << '"') {
                    BOOST_TEST(read(text, scheme) == q.label());
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_period_that_is_not_one_quarter_is_refused_with_the_reason) {
    struct Row { const char* text; const char* reason; } const rows[] = {
        {"Nov\xE2\x80\x93Jan 2026", "Nov 2025 to Jan 2026 is not one quarter: the rulebook's quarters (of the financial year) are Apr-Jun, Jul-Sep, Oct-Dec and Jan-Mar"},
        {"Nov 2025 - Jan 2026", "Nov 2025 to Jan 2026 is not one quarter"},
        {"Oct-Nov 2025", "Oct 2025 to Nov 2025 is 2 months, not a quarter"},
        {"Oct 2025 - Mar 2026", "Oct 2025 to Mar 2026 is 6 months, not a quarter"},
        {"Dec 2025 - Oct 2025", "Dec 2025 to Oct 2025 ends before it starts"},
        {"2 Oct 2025 to 31 Dec 2025", "a quarter starts on the 1st of its first month, not on 2 Oct 2025"},
        {"1 Oct 2025 to 30 Dec 2025", "a quarter ends on the last day of its last month, not on 30 Dec 2025"},
        {"Oct-Dec", "give the year, as in Oct-Dec 2025"},
        {"October 2025", "'Oct 2025' is one month, not a quarter"},
        {"2025/27 Q3", "'2025/27' is not one financial year: the second year must follow the first, as in 2025/26"},
        {"Q3 2025-2027", "'2025-2027' is not one financial year"},
        {"Q3 2025/25", "'2025/25' is not one financial year"},
        {"FY2026 Q2", "FY2026 could be 2025/26 or 2026/27; give both years, as in 2026/27 Q1"},
        {"2025/26", "'2025/26' is a whole financial year; give the quarter, as in 2025/26 Q1"},
        {"Q5 2025", "there is no quarter 5: a year has four"},
        {"2025-10-01", "1 Oct 2025 is one day, not a quarter"},
        {"31/12/2025", "31 Dec 2025 is one day, not a quarter"},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT('"' << r.text << '"') {
            std::string why;
            BOOST_TEST(!Quarter::parse(r.text, QuarterScheme::Financial, &why).has_value());
            BOOST_TEST(why.rfind(r.reason, 0) == 0u, "reason: " << why);
            BOOST_TEST(!Quarter::parse(r.text).has_value());
        }
    }
    std::string why;
    BOOST_TEST(!Quarter::parse("Nov-Jan 2026", QuarterScheme::Calendar, &why).has_value());
    BOOST_TEST(why == "Nov 2025 to Jan 2026 is not one quarter: the rulebook's quarters (of the calendar year) are Jan-Mar, Apr-Jun, Jul-Sep and Oct-Dec");
}

BOOST_AUTO_TEST_CASE(the_label_reader_needs_no_scheme_and_reads_none_that_does) {
    // parse(text) reads the scheme's own numbering only: a financial year or months need the
    // scheme, so it refuses them rather than guess.
    for (const char* text : {"2025/26 Q3", "Oct-Dec 2025", "1 Oct 2025 to 31 Dec 2025", "FY2025/26 Q3"}) {
        BOOST_TEST_CONTEXT('"' << text << '"') { BOOST_TEST(!Quarter::parse(text).has_value()); }
    }
}

BOOST_AUTO_TEST_CASE(other_text_is_refused_in_either_scheme) {
    const char* bad[] = {"",          "2026",        "Q2",          "2026-Q5",    "2026-Q0",   "26-Q2",
                         "20266-Q2",  "2026-Q2-Q3",  "2026-Q12",    "2026-Q",     "2026 2027 Q1",
                         "2026.Q2",   "Q2/26",       "2026-Q2x",    "second quarter 2026",   "Q3 25/26",
                         "Oct",       "sometime",    "Q3 (Oct-Dec) 2025", "Oct-Dec 2025-Q3", "Q3 Oct-Dec 2025",
                         "2025-10-01", "\xE2\x80\x93", "Oct-Nov-Dec 2025", "0000-Q1", "Q3 2025/26/27",
                         "\xC3\xA9t\xC3\xA9 2025"};
    for (QuarterScheme scheme : {QuarterScheme::Calendar, QuarterScheme::Financial}) {
        for (const char* text : bad) {
            BOOST_TEST_CONTEXT('"' << text << '"') { BOOST_TEST(!Quarter::parse(text, scheme).has_value()); }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
