#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "model/value_parse.hpp"
#include "print.hpp"

using namespace fairgate;
namespace tt = boost::test_tools;

namespace {

FieldDef field(FieldType type) {
    FieldDef f;
    f.name = "f";
    f.type = type;
    return f;
}

FieldDef enum_field() {
    FieldDef f = field(FieldType::Enum);
    f.enum_values = {"yes-full", "partial", "not-applicable"};
    f.enum_aliases = {{"n a", "not-applicable"}, {"in part", "partial"}};
    return f;
}

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }

const char* const kPound = "\xC2\xA3";
const char* const kNbsp = "\xC2\xA0";

// Every reading of blank text is Absent, whatever the type.
const FieldType kAllTypes[] = {FieldType::Text,    FieldType::Integer, FieldType::Number, FieldType::Money,
                               FieldType::Percent, FieldType::Date,    FieldType::YesNo,  FieldType::Enum,
                               FieldType::Days};

void check_invalid(const FieldDef& f, const std::string& raw, const std::string& reason) {
    BOOST_TEST_CONTEXT(f.type << " \"" << raw << '"') {
        const Value v = parse_value(f, raw);
        BOOST_TEST(v.is_invalid());
        BOOST_TEST(v.type() == f.type);
        BOOST_TEST(v.invalid_raw() == std::string(trim(raw)));
        if (!reason.empty()) BOOST_TEST(v.invalid_reason() == reason);
        BOOST_TEST(v.display().find("(invalid: ") != std::string::npos);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(value_parse)

BOOST_AUTO_TEST_CASE(trim_spaces_and_nbsp) {
    const std::pair<std::string, std::string> cases[] = {
        {"  x  ", "x"},
        {"\t\r\nx\n", "x"},
        {std::string(kNbsp) + "x" + kNbsp + " ", "x"},
        {"", ""},
        {"   ", ""},
        {std::string(kNbsp) + kNbsp, ""},
        {"a b", "a b"},
        {" a\tb ", "a\tb"},
        {"\xC2", "\xC2"},      // a lone lead byte is not a space
        {"\xA0x", "\xA0x"},    // nor a lone continuation byte
        {"\v\fx", "x"},
    };
    for (const auto& [in, out] : cases) {
        BOOST_TEST_CONTEXT('"' << in << '"') { BOOST_TEST(std::string(trim(in)) == out); }
    }
}

BOOST_AUTO_TEST_CASE(blank_is_absent_for_every_type) {
    for (FieldType type : kAllTypes) {
        for (const std::string& blank : {std::string(), std::string("   "), std::string("\t\n"), std::string(kNbsp)}) {
            BOOST_TEST_CONTEXT(type << " \"" << blank << '"') { BOOST_TEST(parse_value(field(type), blank).is_absent()); }
        }
    }
}

BOOST_AUTO_TEST_CASE(not_applicable_in_any_spelling_is_an_answer) {
    const char* na[] = {"n/a", "N/A", "NA", "n.a.", "N.A", "n / a", "Not applicable", "NOT APPLICABLE.", "not-applicable",
                        "Does not apply", " N/A "};
    for (FieldType type : kAllTypes) {
        if (type == FieldType::Enum) continue;  // below: its own options come first
        for (const char* text : na) {
            BOOST_TEST_CONTEXT(type << " \"" << text << '"') {
                const Value v = parse_value(field(type), text);
                BOOST_TEST(v.state() == Value::State::NotApplicable);
                BOOST_TEST(v.is_not_applicable());
                BOOST_TEST(!v.is_valid());
                BOOST_TEST(v.type() == type);
                BOOST_TEST(v.invalid_raw() == std::string(trim(text)));
                BOOST_TEST(v.display() == "not applicable (" + std::string(trim(text)) + ")");
                BOOST_TEST(v.canonical() == std::string(trim(text)));
            }
        }
    }
    // Words that only look like it are read as their type reads them.
    BOOST_TEST(parse_value(field(FieldType::YesNo), "nah").is_invalid());
    BOOST_TEST(parse_value(field(FieldType::YesNo), "N/A 2").is_invalid());
    BOOST_TEST(parse_value(field(FieldType::Text), "Nash Ltd").is_valid());
    BOOST_TEST(parse_value(field(FieldType::Integer), "not applicable yet").is_invalid());
    // The spelling, then why: suppliers explain themselves in the same box.
    BOOST_TEST(parse_value(field(FieldType::Days), "N/A - we do not subcontract").is_not_applicable());
    BOOST_TEST(parse_value(field(FieldType::Days), "Not applicable: grant funded").is_not_applicable());
    BOOST_TEST(parse_value(field(FieldType::YesNo), "N/A (no staff on site)").is_not_applicable());
    BOOST_TEST(parse_value(field(FieldType::Integer), "None, no complaints this quarter").as_integer() == 0);
    BOOST_TEST(parse_value(field(FieldType::Integer), "Nash - 12").is_invalid(), "a word that is not the spelling decides nothing");
    BOOST_TEST(parse_value(field(FieldType::Text), "Nash Ltd (trading as N/A Ltd)").is_valid());
}

BOOST_AUTO_TEST_CASE(none_is_zero_for_a_count_or_an_amount_and_not_applicable_otherwise) {
    for (const char* text : {"None", "none", "NIL", "Nil."}) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            BOOST_TEST(parse_value(field(FieldType::Integer), text) == Value::integer(0));
            BOOST_TEST(parse_value(field(FieldType::Number), text) == Value::number(0));
            BOOST_TEST(parse_value(field(FieldType::Money), text) == Value::money_pence(0));
            BOOST_TEST(parse_value(field(FieldType::Percent), text) == Value::percent(0));
            for (FieldType type : {FieldType::Text, FieldType::YesNo, FieldType::Date, FieldType::Days}) {
                BOOST_TEST(parse_value(field(type), text).state() == Value::State::NotApplicable);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(an_enum_option_comes_before_not_applicable) {
    // enum_field() has the option not-applicable aliased "n a": "N/A" is that option, valid.
    BOOST_TEST(parse_value(enum_field(), "N/A") == Value::enumeration("not-applicable"));
    BOOST_TEST(parse_value(enum_field(), "Not applicable") == Value::enumeration("not-applicable"));
    FieldDef levels = field(FieldType::Enum);
    levels.enum_values = {"none", "1", "2"};
    BOOST_TEST(parse_value(levels, "None") == Value::enumeration("none"));
    // An enumeration without such an option takes "N/A" as not applicable, not as unreadable.
    const Value na = parse_value(levels, "n/a");
    BOOST_TEST(na.state() == Value::State::NotApplicable);
    BOOST_TEST(parse_value(levels, "maybe").is_invalid());
}

BOOST_AUTO_TEST_CASE(a_field_that_refuses_na_reads_it_as_unreadable) {
    FieldDef policy = field(FieldType::YesNo);
    policy.takes_not_applicable = false;
    const Value v = parse_value(policy, "N/A");
    BOOST_TEST(v.is_invalid());
    BOOST_TEST(v.invalid_reason() == "this question needs an answer: not applicable is not one");
    FieldDef count = field(FieldType::Integer);
    count.takes_not_applicable = false;
    BOOST_TEST(parse_value(count, "none") == Value::integer(0));  // zero is an answer
    BOOST_TEST(parse_value(count, "n/a").is_invalid());
}

BOOST_AUTO_TEST_CASE(a_field_with_a_role_takes_na_as_its_type_reads_it) {
    FieldDef id = field(FieldType::Text);
    id.role = FieldRole::ContractId;
    BOOST_TEST(parse_value(id, "N/A") == Value::text("N/A"));
    FieldDef vcse = field(FieldType::YesNo);
    vcse.role = FieldRole::SupplierVcse;
    BOOST_TEST(parse_value(vcse, "n/a").is_invalid());
}

BOOST_AUTO_TEST_CASE(yes_no_variants) {
    const char* yes[] = {"Y", "y", "Yes", "YES", "yes", "TRUE", "true", "True", "x", "X", "1",
                         "\xE2\x9C\x93", "\xE2\x9C\x94", "Yes.", "t", "T", " yes ", "\xC2\xA0Yes"};
    const char* no[] = {"N", "n", "No", "NO", "no", "FALSE", "false", "0", "no.", "f", "F", " No "};
    // "n/a" is not yes or no; parse_value takes it as "not applicable" (below).
    const char* neither[] = {"", "maybe", "yess", "2", "\xE2\x9C\x97", "-", "oui", "y e s", "nope", "yes!", "10"};
    for (const char* text : yes) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            bool out = false;
            BOOST_TEST(parse_yes_no(text, out));
            BOOST_TEST(out);
            BOOST_TEST(parse_value(field(FieldType::YesNo), text) == Value::yes_no(true));
        }
    }
    for (const char* text : no) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            bool out = true;
            BOOST_TEST(parse_yes_no(text, out));
            BOOST_TEST(!out);
            BOOST_TEST(parse_value(field(FieldType::YesNo), text) == Value::yes_no(false));
        }
    }
    for (const char* text : neither) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            bool out = true;
            BOOST_TEST(!parse_yes_no(text, out));
            BOOST_TEST(out);  // untouched
            if (*text) check_invalid(field(FieldType::YesNo), text, "expected yes or no");
        }
    }
}

BOOST_AUTO_TEST_CASE(money_forms) {
    const std::pair<std::string, int64_t> cases[] = {
        {std::string(kPound) + "1,250,000", 125000000},
        {"1250000", 125000000},
        {std::string(kPound) + "1.25m", 125000000},
        {std::string(kPound) + "1.25M", 125000000},
        {"250k", 25000000},
        {"250K", 25000000},
        {"250 k", 25000000},
        {"GBP 1,000.50", 100050},
        {"gbp 1000.5", 100050},
        {"GBP1000", 100000},
        {std::string(kPound) + "14.80", 1480},
        {std::string(kPound) + "0.01", 1},
        {std::string(kPound) + " 1,000", 100000},
        {std::string(kPound) + "2bn", 200000000000},
        {"0", 0},
        {"1 000", 100000},
        {"1\xE2\x80\x89" "000", 100000},            // thin space between digit groups
        {"1\xC2\xA0" "000\xC2\xA0" "000", 100000000},  // no-break spaces
        {"\xC3\x82\xC2\xA3" "1,000", 100000},         // mojibake of a pound sign
        {"\xA3" "5", 500},                             // Windows-1252 pound sign
        {std::string(kPound) + "14.799", 1480},        // rounded to the penny
        {"-" + std::string(kPound) + "5", -500},
        {std::string(kPound) + "-5", -500},
        {"-5", -500},
        {"-1.5k", -150000},
        {"  " + std::string(kPound) + "14.80  ", 1480},
    };
    for (const auto& [text, pence] : cases) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            const Value v = parse_value(field(FieldType::Money), text);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(v.type() == FieldType::Money);
            BOOST_TEST(v.as_pence() == pence);
        }
    }
    BOOST_TEST(parse_value(field(FieldType::Money), std::string(kPound) + "1.25m").display() ==
               std::string(kPound) + "1,250,000");
}

BOOST_AUTO_TEST_CASE(money_refusals) {
    for (const std::string& text : {std::string("lots"), std::string(kPound), std::string("1.2.3"),
                                    std::string("0x10"), std::string("inf"), std::string("nan"), std::string("1e400"),
                                    std::string("(") + kPound + "5)", std::string("k"),
                                    std::string("m"), std::string("--5"), std::string("-") + kPound + "-5",
                                    std::string("5-"), std::string("40 50"), std::string(kPound) + "4 0",
                                    std::string(kPound) + "40m million", std::string("40mk"), std::string("1 2345"),
                                    std::string("GBP"), std::string("pounds"), std::string("million")}) {
        check_invalid(field(FieldType::Money), text, "not an amount of money");
    }
    // Beyond what pence in 64 bits can hold: refused, not wrapped to a negative number.
    check_invalid(field(FieldType::Money), std::string(kPound) + "1e20", "");
    check_invalid(field(FieldType::Money), "999999999999999999999", "");
}

// What suppliers really type (issue 15): every spelling of one amount is the same pence.
BOOST_AUTO_TEST_CASE(every_spelling_of_an_amount_is_the_same_pence) {
    const std::string p = kPound;
    const struct { int64_t pence; std::vector<std::string> spellings; } amounts[] = {
        {4000000000, {p + "40 million", p + "40m", "40 million", p + "40M", p + "40 Million", "40m", p + "40mn", "GBP 40m",
                      p + "40,000,000", "40000000 GBP", p + "40 000 000", "40,000,000 pounds", p + "0.04bn", p + "40,000k",
                      "40000 thousand", "40 million GBP", p + "40.0m", p + " 40m", "40m GBP",
                      p + "40" + kNbsp + "000" + kNbsp + "000", "\xC3\x82\xC2\xA3" "40m", "\xA3" "40m"}},
        {120000000000, {p + "1.2bn", p + "1.2 billion", "1200 million", p + "1,200m", p + "1,200,000,000", "1.2bn GBP",
                        p + "1.2BN"}},
        {4000000, {p + "40k", p + "40,000", "40000 GBP", p + "40 000", "40 thousand", p + "40K", "40,000.00", p + "40000.00",
                   "GBP 40,000", p + " 40,000", "40000GBP", "40,000 gbp", "40000 pounds", p + "40\xE2\x80\x89" "000",
                   "0.04m", p + "40 k"}},
        {4050, {p + "40.50", "40.5", "GBP 40.50", "40.50 pounds", p + "40.499"}},
        {-4000000, {"-" + p + "40k", p + "-40,000", "-40000 GBP"}},
    };
    for (const auto& a : amounts) {
        for (const std::string& text : a.spellings) {
            BOOST_TEST_CONTEXT('"' << text << '"') {
                const Value v = parse_value(field(FieldType::Money), text);
                BOOST_TEST_REQUIRE(v.is_valid(), v.display());
                BOOST_TEST(v.as_pence() == a.pence);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(ambiguous_money_is_refused_with_the_reason) {
    const std::string p = kPound;
    const std::string other = "an amount in another currency; give it in pounds";
    const std::string range = "a range, not one amount; give one figure, as in " + p + "40m";
    const std::string bound = "not one amount; give the figure itself, as in " + p + "40m";
    const std::string comma = "a comma separates thousands, as in 40,000; pence follow a full stop, as in 40.50";
    const std::pair<std::string, std::string> rows[] = {
        {"$40m", other},          {"\xE2\x82\xAC" "40m", other}, {"40 EUR", other}, {"USD 5", other}, {"40m euros", other},
        {p + "40m-" + p + "50m", range}, {p + "40\xE2\x80\x93" "50m", range}, {"40 to 50 million", range},
        {p + "40m - " + p + "50m", range}, {"40k-50k", range},
        {p + "40m+", bound},      {"over " + p + "40m", bound}, {"up to " + p + "40m", bound}, {"approx. " + p + "40m", bound},
        {"c. " + p + "40m", bound}, {"about 40 million", bound}, {"Around " + p + "40k", bound}, {"~" + p + "40k", bound},
        {"<" + p + "40k", bound},
        {"40,00", comma},         {p + "1,00", comma}, {"1,5", comma}, {p + "40,5m", comma}, {"1,2345", comma},
    };
    for (const auto& [text, reason] : rows) check_invalid(field(FieldType::Money), text, reason);
}

// What suppliers really type (issue 15): a notice period or payment terms, in any unit, is
// the same whole number of days. A month is a twelfth of a 365-day year, rounded to the day.
BOOST_AUTO_TEST_CASE(every_spelling_of_a_day_count_is_the_same_days) {
    const struct { int64_t days; std::vector<std::string> spellings; } counts[] = {
        {30, {"30", "30 days", "30 Days", "30days", "30 day", "30d", "30 calendar days", " 30 ", "30.0", "1 month", "one month",
              "a month", "1 mth"}},
        {91, {"91", "91 days", "3 months", "3 Months", "three months", "Three months'", "three months\xE2\x80\x99 notice",
              "3 months' notice", "13 weeks", "3 mths"}},
        {84, {"84", "84 days", "12 weeks", "twelve weeks", "12 wks", "12 WEEKS"}},
        {365, {"365", "365 days", "1 year", "one year", "a year", "12 months", "1 yr", "52.142857 weeks"}},
        {1095, {"1095", "1,095 days", "3 years", "three years", "36 months", "1 095 days"}},
        {183, {"6 months", "six months", "0.5 years", "183 days"}},
        {7, {"1 week", "a week", "7", "one week"}},
        {0, {"0", "0 days", "0 weeks"}},
        {14, {"2 weeks", "14", "14 days", "two weeks"}},
        {46, {"1.5 months"}},
    };
    for (const auto& c : counts) {
        for (const std::string& text : c.spellings) {
            BOOST_TEST_CONTEXT('"' << text << '"') {
                const Value v = parse_value(field(FieldType::Days), text);
                BOOST_TEST_REQUIRE(v.is_valid(), v.display());
                BOOST_TEST(v.type() == FieldType::Days);
                BOOST_TEST(v.as_days() == c.days);
                BOOST_TEST(v.numeric() == static_cast<double>(c.days));
            }
        }
    }
    BOOST_TEST(parse_value(field(FieldType::Days), "3 months").display() == "91 days");
    BOOST_TEST(parse_value(field(FieldType::Days), "1").display() == "1 day");
    BOOST_TEST(parse_value(field(FieldType::Days), "3 months").canonical() == "91");
    BOOST_TEST(Value::from_canonical(FieldType::Days, "91") == Value::days(91));
}

BOOST_AUTO_TEST_CASE(day_counts_that_cannot_be_read_say_why) {
    const std::string unreadable = "expected a number of days, such as 30, 30 days, 12 weeks or 3 months";
    const std::pair<std::string, std::string> rows[] = {
        {"30 working days", "working days are not calendar days; give calendar days, as in 30 days"},
        {"20 business days", "working days are not calendar days; give calendar days, as in 30 days"},
        {"30-60 days", "a range, not one number of days; give one figure, as in 30 days"},
        {"30 to 60 days", "a range, not one number of days; give one figure, as in 30 days"},
        {"30 or 60 days", "a range, not one number of days; give one figure, as in 30 days"},
        {"-5 days", "a number of days cannot be negative"},
        {"30.5 days", "a number of days must be whole"},
        {"tbc", unreadable},
        {"30 fortnights", unreadable},
        {"thirty days", unreadable},
        {"months", unreadable},
        {"30 days from invoice", unreadable},
        {"net 30", unreadable},
        {"3 months 2 weeks", unreadable},
        {"1e400 days", unreadable},
    };
    for (const auto& [text, reason] : rows) check_invalid(field(FieldType::Days), text, reason);
}

BOOST_AUTO_TEST_CASE(percent_forms) {
    const std::pair<const char*, double> cases[] = {
        {"85%", 0.85},  {"85 %", 0.85}, {"85", 0.85},  {"0.85", 0.85}, {"1", 1.0},       {"100%", 1.0},
        {"0.5%", 0.005}, {"150%", 1.5}, {"0", 0.0},    {"0%", 0.0},    {"12.5%", 0.125}, {"1.5", 0.015},
        {" 85% ", 0.85}, {"0.333", 0.333}, {"100", 1.0},
    };
    for (const auto& [text, fraction] : cases) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            const Value v = parse_value(field(FieldType::Percent), text);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(v.type() == FieldType::Percent);
            BOOST_TEST(v.as_fraction() == fraction, tt::tolerance(1e-12));
        }
    }
    BOOST_TEST(parse_value(field(FieldType::Percent), "85").display() == "85%");
    BOOST_TEST(parse_value(field(FieldType::Percent), "0.85").display() == "85%");
}

BOOST_AUTO_TEST_CASE(percent_refusals) {
    check_invalid(field(FieldType::Percent), "lots", "not a percentage");
    check_invalid(field(FieldType::Percent), "%", "not a percentage");
    check_invalid(field(FieldType::Percent), "85%%", "not a percentage");
    check_invalid(field(FieldType::Percent), "eighty", "not a percentage");
    check_invalid(field(FieldType::Percent), "85,5%", "not a percentage");
    check_invalid(field(FieldType::Percent), "-5%", "a percentage cannot be negative");
    check_invalid(field(FieldType::Percent), "-5", "a percentage cannot be negative");
    check_invalid(field(FieldType::Percent), "-0.5", "a percentage cannot be negative");
}

BOOST_AUTO_TEST_CASE(integers_and_numbers) {
    const std::pair<const char*, int64_t> ints[] = {{"42", 42},     {"-42", -42},           {"1,234", 1234},
                                                    {"1,234,567", 1234567}, {"12.0", 12},   {" 7 ", 7},
                                                    {"1e3", 1000},  {"+5", 5},              {"0", 0}};
    for (const auto& [text, expected] : ints) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            const Value v = parse_value(field(FieldType::Integer), text);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(v.as_integer() == expected);
        }
    }
    for (const char* text : {"12.5", "abc", "1,23", "12 apples", "99999999999999999999", "-1e19", "0x1F"}) {
        check_invalid(field(FieldType::Integer), text, "expected a whole number");
    }
    const std::pair<const char*, double> numbers[] = {{"12.5", 12.5}, {"-0.25", -0.25}, {"1,234.5", 1234.5},
                                                      {"3", 3.0},      {"1e-3", 0.001},  {".5", 0.5}};
    for (const auto& [text, expected] : numbers) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            const Value v = parse_value(field(FieldType::Number), text);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(v.as_number() == expected);
        }
    }
    for (const char* text : {"abc", "12,5", "1.2.3", "inf", "NaN", "1e999", "12.5%"}) {
        check_invalid(field(FieldType::Number), text, "expected a number");
    }
}

BOOST_AUTO_TEST_CASE(text_is_kept_trimmed) {
    BOOST_TEST(parse_value(field(FieldType::Text), "  Acme Ltd  ") == Value::text("Acme Ltd"));
    BOOST_TEST(parse_value(field(FieldType::Text), "lots") == Value::text("lots"));
    BOOST_TEST(parse_value(field(FieldType::Text), "a  b") == Value::text("a  b"));
}

BOOST_AUTO_TEST_CASE(enums_by_code_and_alias) {
    const FieldDef f = enum_field();
    const std::pair<const char*, const char*> cases[] = {
        {"partial", "partial"},          {"Partial", "partial"},
        {"PARTIAL", "partial"},          {"yes-full", "yes-full"},
        {"Yes Full", "yes-full"},        {"not applicable", "not-applicable"},
        {"Not-Applicable", "not-applicable"}, {"N/A", "not-applicable"},
        {"n.a.", "not-applicable"},      {"In part", "partial"},
    };
    for (const auto& [text, code] : cases) {
        BOOST_TEST_CONTEXT('"' << text << '"') { BOOST_TEST(parse_value(f, text) == Value::enumeration(code)); }
    }
    check_invalid(f, "maybe", "expected one of: yes-full, partial, not-applicable");
    check_invalid(f, "full", "expected one of: yes-full, partial, not-applicable");
}

BOOST_AUTO_TEST_CASE(date_forms) {
    const Date end_march = ymd(2026, 3, 31);
    const std::pair<const char*, Date> cases[] = {
        {"2026-03-31", end_march},         {"31/03/2026", end_march},     {"31-03-2026", end_march},
        {"31.03.2026", end_march},         {"31 Mar 2026", end_march},    {"31 March 2026", end_march},
        {"March 31, 2026", end_march},     {"31st March 2026", end_march}, {"2026/03/31", end_march},
        {"2026-3-31", end_march},          {"31 MAR 2026", end_march},    {"2026-03-31T00:00:00", end_march},
        {"31/03/2026 00:00", end_march},   {"46112", end_march},          {"1/4/2026", ymd(2026, 4, 1)},
        {"30 Sept 2026", ymd(2026, 9, 30)}, {"29/02/2024", ymd(2024, 2, 29)}, {"1 May 2026", ymd(2026, 5, 1)},
        {"2nd June 2026", ymd(2026, 6, 2)}, {"Dec 25 2026", ymd(2026, 12, 25)},
    };
    for (const auto& [text, expected] : cases) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            const Value v = parse_value(field(FieldType::Date), text);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(v.as_date() == expected);
        }
    }
    BOOST_TEST(parse_value(field(FieldType::Date), "31/03/2026").display() == "31 Mar 2026");
}

BOOST_AUTO_TEST_CASE(impossible_or_ambiguous_dates_are_refused) {
    for (const char* text : {"31/02/2026", "29/02/2025", "31/3/26", "03/31/2026", "next Tuesday", "2026-13-01",
                             "32/01/2026", "Marc 31 2026", "31 Sep 2026", "00/01/2026", "2026-03-31X", "31 Mars 2026"}) {
        check_invalid(field(FieldType::Date), text, "expected a date such as 31/03/2026");
    }
    check_invalid(field(FieldType::Date), "0", "a number alone is not a date; give the day, e.g. 31/03/2026");
    // A year typed alone must not become an Excel serial (2026 would be 18 July 1905).
    check_invalid(field(FieldType::Date), "2026", "a year alone is not a date; give the day, e.g. 31/03/2026");
    check_invalid(field(FieldType::Date), "123", "a number alone is not a date; give the day, e.g. 31/03/2026");
    // Parts too long for an int once overflowed while read (UBSan, in the fuzz target fuzz_csv).
    for (const std::string& text : {"2026-" + std::string(60, '7') + "-17", "31/03/" + std::string(12, '9'),
                                    std::string(11, '1') + " March 2026"}) {
        check_invalid(field(FieldType::Date), text, "expected a date such as 31/03/2026");
    }
}

BOOST_AUTO_TEST_CASE(excel_serials_1900_system) {
    const std::pair<double, Date> cases[] = {
        {1, ymd(1900, 1, 1)},       {2, ymd(1900, 1, 2)},        {59, ymd(1900, 2, 28)},
        // Excel's serial 60 is 29 Feb 1900, a day that never was; it is read as 1 March.
        {60, ymd(1900, 3, 1)},      {61, ymd(1900, 3, 1)},       {62, ymd(1900, 3, 2)},
        {25569, ymd(1970, 1, 1)},   {36526, ymd(2000, 1, 1)},    {43831, ymd(2020, 1, 1)},
        {45658, ymd(2025, 1, 1)},   {46112, ymd(2026, 3, 31)},   {46112.75, ymd(2026, 3, 31)},
        {46112.999, ymd(2026, 3, 31)}, {2958465, ymd(9999, 12, 31)},
    };
    for (const auto& [serial, expected] : cases) {
        BOOST_TEST_CONTEXT("serial " << serial) {
            BOOST_TEST(date_from_excel_serial(serial) == expected);
            BOOST_TEST(date_from_excel_serial(serial, false) == expected);
            const Value v = value_from_number(field(FieldType::Date), serial);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(v.as_date() == expected);
        }
    }
    // After the phantom day, serials step one day at a time.
    for (double s = 61; s < 70000; s += 1) {
        if (date_from_excel_serial(s + 1).days() != date_from_excel_serial(s).days() + 1) {
            BOOST_ERROR("serial " << s);
            break;
        }
    }
}

BOOST_AUTO_TEST_CASE(excel_serials_1904_system) {
    const std::pair<double, Date> cases[] = {
        {0, ymd(1904, 1, 1)}, {1, ymd(1904, 1, 2)}, {59, ymd(1904, 2, 29)}, {1461, ymd(1908, 1, 1)},
        {44650, ymd(2026, 3, 31)}, {2957003, ymd(9999, 12, 31)},
    };
    for (const auto& [serial, expected] : cases) {
        BOOST_TEST_CONTEXT("serial " << serial) {
            BOOST_TEST(date_from_excel_serial(serial, true) == expected);
            const Value v = value_from_number(field(FieldType::Date), serial, true);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(v.as_date() == expected);
        }
    }
    // The two systems differ by 1462 days for every date after February 1900.
    for (double s = 61 + 1462; s <= 2958465; s += 7919) {
        BOOST_TEST_CONTEXT("serial " << s) { BOOST_TEST(date_from_excel_serial(s) == date_from_excel_serial(s - 1462, true)); }
    }
}

BOOST_AUTO_TEST_CASE(excel_serials_out_of_range_are_invalid) {
    const FieldDef f = field(FieldType::Date);
    BOOST_TEST(value_from_number(f, 0).is_invalid());
    BOOST_TEST(value_from_number(f, 0.5).is_invalid());
    BOOST_TEST(value_from_number(f, -1).is_invalid());
    BOOST_TEST(value_from_number(f, 2958466).is_invalid());
    BOOST_TEST(value_from_number(f, -1, true).is_invalid());
    BOOST_TEST(value_from_number(f, 2957004, true).is_invalid());
    BOOST_TEST(value_from_number(f, std::nan("")).is_invalid());
    BOOST_TEST(value_from_number(f, std::numeric_limits<double>::infinity()).is_invalid());
    BOOST_TEST(value_from_number(f, 0).invalid_reason() == "not a date");
    BOOST_TEST(value_from_number(f, std::nan("")).invalid_reason() == "not a finite number");
}

BOOST_AUTO_TEST_CASE(typed_numbers_for_each_field_type) {
    BOOST_TEST(value_from_number(field(FieldType::Integer), 42.0) == Value::integer(42));
    BOOST_TEST(value_from_number(field(FieldType::Integer), -7.0) == Value::integer(-7));
    const Value half = value_from_number(field(FieldType::Integer), 42.5);
    BOOST_TEST(half.is_invalid());
    BOOST_TEST(half.invalid_raw() == "42.5");
    BOOST_TEST(half.invalid_reason() == "not a whole number");
    BOOST_TEST(value_from_number(field(FieldType::Integer), 1e19).is_invalid());  // beyond int64
    BOOST_TEST(value_from_number(field(FieldType::Number), 12.5) == Value::number(12.5));
    BOOST_TEST(value_from_number(field(FieldType::Money), 14.8) == Value::money_pence(1480));
    BOOST_TEST(value_from_number(field(FieldType::Money), 1250000) == Value::money_pence(125000000));
    BOOST_TEST(value_from_number(field(FieldType::Money), -0.01) == Value::money_pence(-1));
    BOOST_TEST(value_from_number(field(FieldType::Money), 1e17).is_invalid());  // beyond int64 pence
    BOOST_TEST(value_from_number(field(FieldType::Percent), 0.85).as_fraction() == 0.85);
    BOOST_TEST(value_from_number(field(FieldType::Percent), 85).as_fraction() == 0.85, tt::tolerance(1e-12));
    BOOST_TEST(value_from_number(field(FieldType::Percent), 1).as_fraction() == 1.0);
    BOOST_TEST(value_from_number(field(FieldType::YesNo), 1) == Value::yes_no(true));
    BOOST_TEST(value_from_number(field(FieldType::YesNo), 0) == Value::yes_no(false));
    BOOST_TEST(value_from_number(field(FieldType::YesNo), 2).is_invalid());
    BOOST_TEST(value_from_number(field(FieldType::Text), 12.5) == Value::text("12.5"));
    BOOST_TEST(value_from_number(field(FieldType::Text), 12) == Value::text("12"));
    BOOST_TEST(value_from_number(field(FieldType::Days), 30) == Value::days(30));
    BOOST_TEST(value_from_number(field(FieldType::Days), 30.5).invalid_reason() == "a number of days must be whole");
    BOOST_TEST(value_from_number(field(FieldType::Days), -1).invalid_reason() == "a number of days cannot be negative");
    FieldDef numbered = field(FieldType::Enum);
    numbered.enum_values = {"1", "2", "3"};
    BOOST_TEST(value_from_number(numbered, 2) == Value::enumeration("2"));
    BOOST_TEST(value_from_number(numbered, 4).is_invalid());
}

// Property: what display() shows parses back to the same value (the forms officers see are
// forms fairgate reads).
BOOST_AUTO_TEST_CASE(display_parses_back) {
    const Value values[] = {Value::money_pence(125000000), Value::money_pence(1480), Value::money_pence(-1480),
                            Value::money_pence(1),         Value::percent(0.85),     Value::percent(0.125),
                            Value::percent(1.5),           Value::yes_no(true),      Value::yes_no(false),
                            Value::integer(-42),           Value::number(12.5),      Value::text("Acme"),
                            Value::days(91),               Value::days(1),           Value::days(0)};
    for (const Value& v : values) {
        BOOST_TEST_CONTEXT(v) {
            const Value back = parse_value(field(v.type()), v.display());
            BOOST_TEST_REQUIRE(back.is_valid());
            if (v.type() == FieldType::Percent) {
                BOOST_TEST(back.as_fraction() == v.as_fraction(), tt::tolerance(1e-12));
            } else {
                BOOST_TEST(back == v);
            }
        }
    }
    for (int32_t n = Date::from_ymd(1990, 1, 1).days(); n < Date::from_ymd(2040, 1, 1).days(); n += 13) {
        const Value v = Value::date(Date::from_days(n));
        BOOST_TEST_CONTEXT(v.display()) { BOOST_TEST(parse_value(field(FieldType::Date), v.display()) == v); }
    }
}

// Property: any amount of money, shown as an officer sees it, reads back to the same pence.
BOOST_AUTO_TEST_CASE(money_display_parses_back_for_random_amounts) {
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<int64_t> pence(-100000000000, 100000000000);
    int failures = 0;
    for (int k = 0; k < 5000; ++k) {
        const int64_t p = k < 200 ? k - 100 : pence(rng);
        const Value back = parse_value(field(FieldType::Money), format_money(p));
        if (!back.is_valid() || back.as_pence() != p) {
            if (++failures < 5) BOOST_ERROR(format_money(p) << " read back as " << back);
        }
    }
    BOOST_TEST(failures == 0);
}

// Property: whatever parse_value accepts is stored and restored unchanged.
BOOST_AUTO_TEST_CASE(parsed_values_survive_storage) {
    const std::pair<FieldType, const char*> inputs[] = {
        {FieldType::Money, "\xC2\xA3" "1.25m"}, {FieldType::Money, "GBP 1,000.50"}, {FieldType::Money, "-5"},
        {FieldType::Percent, "85"},             {FieldType::Percent, "0.333"},      {FieldType::Percent, "12.5%"},
        {FieldType::Integer, "1,234"},          {FieldType::Number, "-0.25"},       {FieldType::Number, "1e-3"},
        {FieldType::Date, "31 March 2026"},     {FieldType::Date, "46112"},         {FieldType::YesNo, "\xE2\x9C\x93"},
        {FieldType::YesNo, "n"},                {FieldType::Text, " Acme "},        {FieldType::Enum, "N/A"},
        {FieldType::Days, "3 months"},          {FieldType::Days, "12 weeks"},      {FieldType::Days, "30"},
    };
    for (const auto& [type, text] : inputs) {
        BOOST_TEST_CONTEXT(type << " \"" << text << '"') {
            const FieldDef f = type == FieldType::Enum ? enum_field() : field(type);
            const Value v = parse_value(f, text);
            BOOST_TEST_REQUIRE(v.is_valid());
            BOOST_TEST(Value::from_canonical(type, v.canonical()) == v);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
