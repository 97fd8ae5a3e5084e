#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "model/value.hpp"
#include "print.hpp"

using namespace fairgate;

namespace {

void check_round_trip(const Value& v) {
    BOOST_TEST_CONTEXT(v.type() << " " << v.canonical()) {
        BOOST_TEST_REQUIRE(v.is_valid());
        const Value back = Value::from_canonical(v.type(), v.canonical());
        BOOST_TEST(back.is_valid());
        BOOST_TEST(back.type() == v.type());
        BOOST_TEST(back == v);
        BOOST_TEST(back.canonical() == v.canonical());
        BOOST_TEST(back.display() == v.display());
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(value)

BOOST_AUTO_TEST_CASE(default_is_absent) {
    const Value v;
    BOOST_TEST(v.is_absent());
    BOOST_TEST(!v.is_valid());
    BOOST_TEST(!v.is_invalid());
    BOOST_TEST(v.state() == Value::State::Absent);
    BOOST_TEST(v.display() == "(no answer)");
    BOOST_TEST(v.canonical() == "");
    BOOST_TEST(Value::absent() == v);
}

BOOST_AUTO_TEST_CASE(constructors_set_type_and_payload) {
    const Value t = Value::text("hello");
    BOOST_TEST(t.type() == FieldType::Text);
    BOOST_TEST(t.is_valid());
    BOOST_TEST(t.as_text() == "hello");

    const Value i = Value::integer(-42);
    BOOST_TEST(i.type() == FieldType::Integer);
    BOOST_TEST(i.as_integer() == -42);
    BOOST_TEST(i.numeric() == -42.0);

    const Value n = Value::number(12.5);
    BOOST_TEST(n.type() == FieldType::Number);
    BOOST_TEST(n.as_number() == 12.5);
    BOOST_TEST(n.numeric() == 12.5);

    const Value m = Value::money_pence(1480);
    BOOST_TEST(m.type() == FieldType::Money);
    BOOST_TEST(m.as_pence() == 1480);
    BOOST_TEST(m.numeric() == 14.8, boost::test_tools::tolerance(1e-12));

    const Value p = Value::percent(0.85);
    BOOST_TEST(p.type() == FieldType::Percent);
    BOOST_TEST(p.as_fraction() == 0.85);
    BOOST_TEST(p.numeric() == 0.85);

    const Date day = Date::from_ymd(2026, 3, 31);
    const Value d = Value::date(day);
    BOOST_TEST(d.type() == FieldType::Date);
    BOOST_TEST(d.as_date() == day);
    BOOST_TEST(d.numeric() == 20543.0);

    const Value y = Value::yes_no(true);
    BOOST_TEST(y.type() == FieldType::YesNo);
    BOOST_TEST(y.as_bool());
    BOOST_TEST(!Value::yes_no(false).as_bool());

    const Value e = Value::enumeration("partial");
    BOOST_TEST(e.type() == FieldType::Enum);
    BOOST_TEST(e.as_text() == "partial");

    const Value days = Value::days(91);
    BOOST_TEST(days.type() == FieldType::Days);
    BOOST_TEST(days.as_days() == 91);
    BOOST_TEST(days.numeric() == 91.0);
    BOOST_TEST(days != Value::integer(91));  // a number of days is not a bare count

    const Value bad = Value::invalid(FieldType::Percent, "lots", "not a percentage");
    BOOST_TEST(bad.is_invalid());
    BOOST_TEST(!bad.is_valid());
    BOOST_TEST(bad.type() == FieldType::Percent);
    BOOST_TEST(bad.invalid_raw() == "lots");
    BOOST_TEST(bad.invalid_reason() == "not a percentage");
}

BOOST_AUTO_TEST_CASE(display_forms) {
    const std::pair<Value, const char*> cases[] = {
        {Value::money_pence(125000000), "\xC2\xA3" "1,250,000"},
        {Value::money_pence(1480), "\xC2\xA3" "14.80"},
        {Value::money_pence(5), "\xC2\xA3" "0.05"},
        {Value::money_pence(0), "\xC2\xA3" "0"},
        {Value::money_pence(100), "\xC2\xA3" "1"},
        {Value::money_pence(99999), "\xC2\xA3" "999.99"},
        {Value::money_pence(100000), "\xC2\xA3" "1,000"},
        {Value::money_pence(123456789), "\xC2\xA3" "1,234,567.89"},
        {Value::money_pence(-1480), "-\xC2\xA3" "14.80"},
        {Value::money_pence(-100000000), "-\xC2\xA3" "1,000,000"},
        {Value::money_pence(std::numeric_limits<int64_t>::min()), "-\xC2\xA3" "92,233,720,368,547,758.08"},
        {Value::money_pence(std::numeric_limits<int64_t>::max()), "\xC2\xA3" "92,233,720,368,547,758.07"},
        {Value::percent(0.85), "85%"},
        {Value::percent(0.855), "85.5%"},
        {Value::percent(1.0), "100%"},
        {Value::percent(0.0), "0%"},
        {Value::percent(0.1234), "12.34%"},
        {Value::percent(1.5), "150%"},
        {Value::percent(0.005), "0.5%"},
        {Value::date(Date::from_ymd(2026, 3, 31)), "31 Mar 2026"},
        {Value::date(Date::from_ymd(2026, 1, 1)), "1 Jan 2026"},
        {Value::date(Date::from_ymd(2024, 2, 29)), "29 Feb 2024"},
        {Value::date(Date::from_ymd(2026, 12, 9)), "9 Dec 2026"},
        {Value::yes_no(true), "Yes"},
        {Value::yes_no(false), "No"},
        {Value::number(12.5), "12.5"},
        {Value::number(12), "12"},
        {Value::number(1.0 / 3.0), "0.333333"},
        {Value::number(-2.25), "-2.25"},
        {Value::number(-0.0), "0"},
        {Value::number(-1e-7), "0"},
        {Value::number(1e15), "1000000000000000"},
        {Value::integer(-42), "-42"},
        {Value::integer(0), "0"},
        {Value::days(91), "91 days"},
        {Value::days(1), "1 day"},
        {Value::days(0), "0 days"},
        {Value::text("Acme Ltd"), "Acme Ltd"},
        {Value::enumeration("not-applicable"), "not-applicable"},
        {Value::absent(), "(no answer)"},
        {Value::invalid(FieldType::Percent, "lots", "not a percentage"), "lots (invalid: not a percentage)"},
    };
    for (const auto& [v, expected] : cases) {
        BOOST_TEST_CONTEXT(v) { BOOST_TEST(v.display() == expected); }
    }
}

BOOST_AUTO_TEST_CASE(format_helpers_match_display) {
    BOOST_TEST(format_money(125000000) == "\xC2\xA3" "1,250,000");
    BOOST_TEST(format_money(1480) == "\xC2\xA3" "14.80");
    BOOST_TEST(format_percent(0.85) == "85%");
    BOOST_TEST(format_percent(0.855) == "85.5%");
    BOOST_TEST(format_number(12.5) == "12.5");
    BOOST_TEST(format_number(0.333) == "0.333");
    BOOST_TEST(format_number(std::nan("")) == "NaN");
    // Large numbers are written out in full, not cut off by a buffer.
    const std::string big = format_number(1e100);
    BOOST_TEST(big.size() == 101u);
    BOOST_TEST(std::strtod(big.c_str(), nullptr) == 1e100);
    BOOST_TEST(format_number(-1e100) == "-" + big);
    BOOST_TEST(format_date(Date::from_ymd(2026, 3, 31)) == "31 Mar 2026");
    const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int m = 1; m <= 12; ++m) {
        BOOST_TEST(format_date(Date::from_ymd(2026, m, 15)) == "15 " + std::string(months[m - 1]) + " 2026");
    }
}

// Figures fairgate computes and shows are written as people write them: no trailing zeros,
// at most two decimals, and a small figure with two significant digits rather than 0.
BOOST_AUTO_TEST_CASE(figures_as_people_write_them) {
    const std::pair<double, const char*> cases[] = {
        {12.5, "12.5"},        {12.500000001, "12.5"}, {40.0, "40"},          {1.0 / 3.0, "0.33"},
        {1.511501, "1.51"},    {1.133625, "1.13"},     {0.503765, "0.5"},     {2.999, "3"},
        {-2.254, "-2.25"},     {0.0042, "0.0042"},     {0.05, "0.05"},        {0.0996, "0.1"},
        {1e-7, "0"},           {-1e-7, "0"},           {-0.0, "0"},           {1234567.891, "1234567.89"},
        {1e15, "1000000000000000"},
    };
    for (const auto& [v, expected] : cases) {
        BOOST_TEST_CONTEXT(v) { BOOST_TEST(format_figure(v) == expected); }
    }
    BOOST_TEST(format_figure(std::nan("")) == "NaN");
    BOOST_TEST(format_figure(std::numeric_limits<double>::infinity()) == "infinity");
    // Percentages the same way, of the percentage: a tiny share is not "0%".
    BOOST_TEST(format_percent(1.0 / 3.0) == "33.33%");
    BOOST_TEST(format_percent(0.125) == "12.5%");
    BOOST_TEST(format_percent(0.00004) == "0.004%");
    // An answer as given keeps its decimals: format_number does not round like format_figure.
    BOOST_TEST(format_number(1.133625) == "1.133625");
    BOOST_TEST(Value::number(1.133625).display() == "1.133625");
}

BOOST_AUTO_TEST_CASE(canonical_forms) {
    BOOST_TEST(Value::integer(-42).canonical() == "-42");
    BOOST_TEST(Value::money_pence(125000000).canonical() == "125000000");
    BOOST_TEST(Value::percent(0.5).canonical() == "0.5");
    BOOST_TEST(Value::number(12).canonical() == "12");
    BOOST_TEST(Value::date(Date::from_ymd(2026, 3, 31)).canonical() == "2026-03-31");
    BOOST_TEST(Value::yes_no(true).canonical() == "yes");
    BOOST_TEST(Value::yes_no(false).canonical() == "no");
    BOOST_TEST(Value::text(" as typed ").canonical() == " as typed ");
    BOOST_TEST(Value::enumeration("partial").canonical() == "partial");
    BOOST_TEST(Value::invalid(FieldType::Money, "lots", "r").canonical() == "lots");
}

// Property: for many values of every type, from_canonical(canonical(v)) == v.
BOOST_AUTO_TEST_CASE(canonical_round_trip_for_every_type) {
    std::mt19937_64 rng(20261123);
    const int64_t ints[] = {0, 1, -1, 42, 1000000, std::numeric_limits<int64_t>::max(),
                            std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min() + 1};
    for (int64_t i : ints) {
        check_round_trip(Value::integer(i));
        check_round_trip(Value::money_pence(i));
    }
    for (int k = 0; k < 500; ++k) {
        const auto i = static_cast<int64_t>(rng());
        check_round_trip(Value::integer(i));
        check_round_trip(Value::money_pence(i % 100000000000));
    }
    const double doubles[] = {0.0, 1.0, -1.0, 0.1, 0.85, 1.0 / 3.0, 2.0 / 3.0, 3.141592653589793, 1e-300, 1e300,
                              -2.5, 5e-324, std::numeric_limits<double>::max(), std::numeric_limits<double>::epsilon(),
                              0.1 + 0.2, 123456789.123456789};
    for (double d : doubles) {
        check_round_trip(Value::number(d));
        check_round_trip(Value::percent(d));
    }
    std::uniform_real_distribution<double> fraction(0.0, 1.5);
    std::uniform_real_distribution<double> wide(-1e9, 1e9);
    for (int k = 0; k < 500; ++k) {
        check_round_trip(Value::percent(fraction(rng)));
        check_round_trip(Value::number(wide(rng)));
    }
    // Dates from 0001-01-01 to 9999-12-31, in strides, plus both ends.
    const int32_t lo = Date::from_ymd(1, 1, 1).days(), hi = Date::from_ymd(9999, 12, 31).days();
    for (int32_t n = lo; n <= hi; n += 997) check_round_trip(Value::date(Date::from_days(n)));
    check_round_trip(Value::date(Date::from_days(lo)));
    check_round_trip(Value::date(Date::from_days(hi)));
    check_round_trip(Value::yes_no(true));
    check_round_trip(Value::yes_no(false));
    for (const char* s : {"", "a", "\xC2\xA3 unicode \xE2\x9C\x93", " spaces ", "line\nbreak", "yes", "12"}) {
        check_round_trip(Value::text(s));
        check_round_trip(Value::enumeration(s));
    }
}

BOOST_AUTO_TEST_CASE(from_canonical_refuses_what_canonical_never_writes) {
    const std::pair<FieldType, const char*> bad[] = {
        {FieldType::Integer, "12x"},        {FieldType::Integer, ""},     {FieldType::Integer, "1.5"},
        {FieldType::Integer, "99999999999999999999"},                      {FieldType::Money, "\xC2\xA3" "5"},
        {FieldType::Money, "12.50"},        {FieldType::Number, "abc"},   {FieldType::Number, ""},
        {FieldType::Number, "1.5x"},        {FieldType::Percent, "85%"},  {FieldType::Date, "31/03/2026"},
        {FieldType::Date, "2026-02-30"},    {FieldType::Date, ""},        {FieldType::YesNo, "Yes"},
        {FieldType::YesNo, "y"},            {FieldType::YesNo, "true"},   {FieldType::YesNo, ""},
    };
    for (const auto& [type, text] : bad) {
        BOOST_TEST_CONTEXT(type << " \"" << text << '"') {
            const Value v = Value::from_canonical(type, text);
            BOOST_TEST(v.is_invalid());
            BOOST_TEST(v.type() == type);
            BOOST_TEST(v.invalid_raw() == text);
            BOOST_TEST(!v.invalid_reason().empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(equality) {
    BOOST_TEST(Value() == Value::absent());
    BOOST_TEST(Value() != Value::text(""));
    BOOST_TEST(Value::integer(5) == Value::integer(5));
    BOOST_TEST(Value::integer(5) != Value::integer(6));
    BOOST_TEST(Value::integer(5) != Value::money_pence(5));
    BOOST_TEST(Value::number(0.5) != Value::percent(0.5));
    BOOST_TEST(Value::number(0.5) == Value::number(0.5));
    BOOST_TEST(Value::text("a") != Value::enumeration("a"));
    BOOST_TEST(Value::text("a") == Value::text("a"));
    BOOST_TEST(Value::text("a") != Value::text("A"));
    BOOST_TEST(Value::yes_no(true) != Value::yes_no(false));
    BOOST_TEST(Value::yes_no(true) != Value::integer(1));
    BOOST_TEST(Value::date(Date::from_days(1)) != Value::integer(1));
    BOOST_TEST(Value::invalid(FieldType::Money, "x", "r") == Value::invalid(FieldType::Money, "x", "r"));
    BOOST_TEST(Value::invalid(FieldType::Money, "x", "r") != Value::invalid(FieldType::Money, "x", "s"));
    BOOST_TEST(Value::invalid(FieldType::Money, "x", "r") != Value::invalid(FieldType::Money, "y", "r"));
    BOOST_TEST(Value::invalid(FieldType::Money, "x", "r") != Value::invalid(FieldType::Percent, "x", "r"));
    BOOST_TEST(Value::invalid(FieldType::Text, "x", "r") != Value::text("x"));
    BOOST_TEST(Value::invalid(FieldType::Text, "", "r") != Value());
}

BOOST_AUTO_TEST_CASE(copies_are_equal_and_independent) {
    const std::vector<Value> values = {Value(), Value::text("abc"), Value::money_pence(1480), Value::percent(0.85),
                                       Value::invalid(FieldType::Date, "soon", "not a date")};
    for (const Value& v : values) {
        Value copy = v;
        BOOST_TEST(copy == v);
        Value assigned = Value::integer(1);
        assigned = v;
        BOOST_TEST(assigned == v);
        Value moved = std::move(copy);
        BOOST_TEST(moved == v);
    }
}

BOOST_AUTO_TEST_SUITE_END()
