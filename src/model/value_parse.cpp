#include "model/value_parse.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace fairgate {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// llround is undefined for values outside int64; refuse rather than wrap.
bool fits_int64(double v) { return std::fabs(v) < 9.2e18; }

// Parses a decimal number with optional thousands separators (commas, thin or ordinary
// spaces between digit groups) and an optional sign. The whole text must be consumed.
// Plain decimals of up to 15 digits ("0.85", "-1250.5"), nearly every number a return
// holds: the digits and the power of ten are exact doubles, so one division rounds correctly
// and gives what strtod gives, without its cost. False for anything else.
bool parse_plain_decimal(std::string_view s, double& out) {
    size_t i = 0;
    const bool minus = !s.empty() && s[0] == '-';
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) ++i;
    if (i >= s.size()) return false;
    uint64_t mantissa = 0;
    int digits = 0, decimals = 0;
    bool point = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
            ++digits;
            if (point) ++decimals;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    if (digits == 0 || digits > 15) return false;
    static const double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const double v = static_cast<double>(mantissa) / kPowers[decimals];
    out = minus ? -v : v;
    return true;
}

bool parse_decimal(std::string_view s, double& out) {
    // Most numbers need no separators taken out: read them in place.
    if (parse_plain_decimal(s, out)) return true;
    std::string cleaned;
    cleaned.reserve(s.size());
    auto digit_at = [&](size_t k) { return k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])); };
    // A thousands separator of `width` bytes at i sits between a digit and exactly three
    // digits: "1,5" and "40 50" are not numbers we guess at.
    auto separates_thousands = [&](size_t i, size_t width) {
        return i > 0 && digit_at(i - 1) && digit_at(i + width) && digit_at(i + width + 1) && digit_at(i + width + 2) &&
               !digit_at(i + width + 3);
    };
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        // A comma, a space, or a thin, narrow or ordinary no-break space (UTF-8).
        size_t width = 0;
        if (c == ',' || c == ' ') width = 1;
        else if (c == '\xE2' && (s.compare(i, 3, "\xE2\x80\x89") == 0 || s.compare(i, 3, "\xE2\x80\xAF") == 0)) width = 3;
        else if (c == '\xC2' && s.compare(i, 2, "\xC2\xA0") == 0) width = 2;
        if (width) {
            if (!separates_thousands(i, width)) return false;
            i += width - 1;
            continue;
        }
        cleaned.push_back(c);
    }
    if (cleaned.empty()) return false;
    if (parse_plain_decimal(cleaned, out)) return true;
    char* end = nullptr;
    out = std::strtod(cleaned.c_str(), &end);
    if (*end != '\0' || !std::isfinite(out)) return false;
    // strtod also accepts hex and "inf"; insist on plain decimals.
    for (char c : cleaned) {
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
    }
    return true;
}

int month_from_name(std::string_view name) {
    static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    const std::string l = lower(name);
    if (l.size() < 3) return 0;
    for (int i = 0; i < 12; ++i) {
        if (starts_with(l, names[i])) {
            static const char* full[] = {"january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december"};
            // "Sept" is common; otherwise the text must be the abbreviation or the full name.
            if (l.size() == 3 || l == full[i] || (i == 8 && l == "sept")) return i + 1;
        }
    }
    return 0;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

int to_int(std::string_view s) {
    // Ten digits may not fit an int (found by fuzzing: "2026-777...7-17"); no part of a date is
    // that long, and -1 is no day, month or year.
    if (s.size() > 9) return -1;
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Splits on any of the separators, dropping empty parts.
std::vector<std::string_view> split_any(std::string_view s, std::string_view seps) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || seps.find(s[i]) != std::string_view::npos) {
            if (i > start) parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

bool make_date(int y, int m, int d, Date& out) {
    if (y < 100) return false;  // two-digit years are ambiguous; refuse rather than guess
    if (!is_valid_ymd(y, m, d)) return false;
    out = Date::from_ymd(y, m, d);
    return true;
}

bool parse_date_text(std::string_view s, Date& out) {
    if (auto iso = Date::parse_iso(s)) { out = *iso; return true; }
    // Strip a trailing time ("2026-03-31T00:00:00", "31/03/2026 00:00").
    if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) {
        if (auto iso = Date::parse_iso(s.substr(0, 10))) { out = *iso; return true; }
    }
    auto parts = split_any(s, "/-. ,");
    if (parts.size() == 4 && parts[3].find(':') != std::string_view::npos) parts.pop_back();
    if (parts.size() != 3) return false;
    // Numeric: UK order day/month/year, or year/month/day.
    if (all_digits(parts[0]) && all_digits(parts[1]) && all_digits(parts[2])) {
        if (parts[0].size() == 4) return make_date(to_int(parts[0]), to_int(parts[1]), to_int(parts[2]), out);
        return make_date(to_int(parts[2]), to_int(parts[1]), to_int(parts[0]), out);
    }
    // "31 Mar 2026", "31st March 2026".
    std::string_view day = parts[0];
    while (!day.empty() && std::isalpha(static_cast<unsigned char>(day.back()))) day.remove_suffix(1);
    if (all_digits(day) && month_from_name(parts[1]) && all_digits(parts[2])) {
        return make_date(to_int(parts[2]), month_from_name(parts[1]), to_int(day), out);
    }
    // "March 31 2026".
    day = parts[1];
    while (!day.empty() && std::isalpha(static_cast<unsigned char>(day.back()))) day.remove_suffix(1);
    if (month_from_name(parts[0]) && all_digits(day) && all_digits(parts[2])) {
        return make_date(to_int(parts[2]), month_from_name(parts[0]), to_int(day), out);
    }
    return false;
}

// Removes a currency marker: "£", "GBP", and the mojibake "Â£" that Windows-1252 text read
// as UTF-8 produces.
std::string_view strip_currency(std::string_view s) {
    s = trim(s);
    for (std::string_view p : {std::string_view("\xC3\x82\xC2\xA3"), std::string_view("\xC2\xA3"),
                               std::string_view("GBP"), std::string_view("gbp"), std::string_view("\xA3")}) {
        if (starts_with(s, p)) return trim(s.substr(p.size()));
    }
    return s;
}

bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool has_digit(std::string_view s) {
    for (char c : s) if (std::isdigit(static_cast<unsigned char>(c))) return true;
    return false;
}

// Why an amount of money cannot be read, for the forms a supplier can mend.
constexpr const char* kNotMoney = "not an amount of money";
constexpr const char* kOtherCurrency = "an amount in another currency; give it in pounds";
constexpr const char* kRange = "a range, not one amount; give one figure, as in \xC2\xA3" "40m";
constexpr const char* kBound = "not one amount; give the figure itself, as in \xC2\xA3" "40m";
constexpr const char* kComma = "a comma separates thousands, as in 40,000; pence follow a full stop, as in 40.50";

// "£40 million", "£40m", "40 million", "£1.2bn", "£40k", "£40,000", "40000 GBP", "£40 000".
Value parse_money(const FieldDef& f, std::string_view raw) {
    auto refuse = [&](const char* why) { return Value::invalid(f.type, std::string(raw), why); };
    const std::string folded = lower(trim(raw));
    std::string_view s = folded;
    // Text that is an amount of some kind, but not one amount of pounds.
    for (std::string_view c : {"$", "\xE2\x82\xAC", "usd", "eur", "euro"}) {
        if (s.find(c) != std::string_view::npos) return refuse(kOtherCurrency);
    }
    for (std::string_view w : {"over ", "up to ", "upto ", "under ", "more than ", "less than ", "at least ", "at most ",
                               "approx", "about ", "around ", "circa ", "c.", "ca.", "~", "<", ">", "min ", "max "}) {
        if (starts_with(s, w) && has_digit(s)) return refuse(kBound);
    }
    if (!s.empty() && s.back() == '+' && has_digit(s)) return refuse(kBound);
    bool negative = false;
    if (!s.empty() && s.front() == '-') { negative = true; s = trim(s.substr(1)); }
    s = strip_currency(s);
    if (!s.empty() && s.front() == '-') {
        // "£-5" is negative; "--5" and "-£-5" are not amounts, rather than positive ones.
        if (negative) return refuse(kNotMoney);
        negative = true;
        s = trim(s.substr(1));
    }
    // "£40m-£50m", "£40–50m", "40 to 50 million": two figures either side of a dash or "to".
    for (std::string_view sep : {"-", "\xE2\x80\x93", "\xE2\x80\x94", " to "}) {
        const size_t at = s.find(sep);
        if (at != std::string_view::npos && at > 0 && has_digit(s.substr(0, at)) && has_digit(s.substr(at + sep.size()))) {
            return refuse(kRange);
        }
    }
    // The currency named after the figure: "40000 GBP", "12 pounds".
    for (std::string_view c : {"gbp", "pounds", "pound", "sterling"}) {
        if (s.size() > c.size() && ends_with(s, c)) {
            s = trim(s.substr(0, s.size() - c.size()));
            break;
        }
    }
    double scale = 1.0;
    for (auto [suffix, mult] : {std::pair<std::string_view, double>{"billion", 1e9}, {"bn", 1e9}, {"million", 1e6}, {"mn", 1e6},
                                {"m", 1e6}, {"thousand", 1e3}, {"k", 1e3}}) {
        if (s.size() > suffix.size() && ends_with(s, suffix)) {
            scale = mult;
            s = trim(s.substr(0, s.size() - suffix.size()));
            break;
        }
    }
    double v;
    if (!parse_decimal(s, v)) return refuse(s.find(',') != std::string_view::npos && has_digit(s) ? kComma : kNotMoney);
    v *= scale * (negative ? -1 : 1);
    if (!fits_int64(v * 100.0)) return refuse("too large an amount of money");
    return Value::money_pence(static_cast<int64_t>(std::llround(v * 100.0)));
}

Value parse_percent(const FieldDef& f, std::string_view raw) {
    std::string_view s = trim(raw);
    bool had_sign = false;
    if (!s.empty() && s.back() == '%') { had_sign = true; s = trim(s.substr(0, s.size() - 1)); }
    double v;
    if (!parse_decimal(s, v)) return Value::invalid(f.type, std::string(raw), "not a percentage");
    // "85%" and "85" mean 85%; "0.85" means 85%: a bare number at most 1 is a fraction.
    const double fraction = (had_sign || v > 1.0) ? v / 100.0 : v;
    if (fraction < 0) return Value::invalid(f.type, std::string(raw), "a percentage cannot be negative");
    return Value::percent(fraction);
}

// A number of days as typed: "30", "30 days", "12 weeks", "3 months", "three months'", "1 year".
// A month is a twelfth of a 365-day year, so that 12 months are a year and 3 months are 91 days
// (the Compact's three months' notice); years are 365 days; the total is rounded to the
// nearest whole day.
constexpr const char* kNotDays = "expected a number of days, such as 30, 30 days, 12 weeks or 3 months";

Value parse_days(const FieldDef& f, std::string_view raw) {
    auto refuse = [&](const std::string& why) { return Value::invalid(f.type, std::string(raw), why); };
    const std::string folded = lower(trim(raw));
    std::string_view s = folded;
    if (s.find("working") != std::string_view::npos || s.find("business") != std::string_view::npos) {
        return refuse("working days are not calendar days; give calendar days, as in 30 days");
    }
    for (std::string_view sep : {"-", "\xE2\x80\x93", "\xE2\x80\x94", " to ", " or "}) {
        const size_t at = s.find(sep);
        if (at != std::string_view::npos && at > 0 && has_digit(s.substr(0, at)) && has_digit(s.substr(at + sep.size()))) {
            return refuse("a range, not one number of days; give one figure, as in 30 days");
        }
    }
    // The count: figures ("30", "1,095", "1.5"), or a word ("three", "a").
    double count = 0;
    std::string_view unit;
    size_t figures = 0;
    while (figures < s.size() && (std::isdigit(static_cast<unsigned char>(s[figures])) || s[figures] == '.' || s[figures] == ',' ||
                                  s[figures] == ' ' || s[figures] == '-' || s[figures] == '+'))
        ++figures;
    if (figures > 0) {
        if (!parse_decimal(trim(s.substr(0, figures)), count)) return refuse(kNotDays);
        unit = trim(s.substr(figures));
    } else {
        static const char* words[] = {"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
        const size_t space = s.find(' ');
        const std::string_view word = s.substr(0, space);
        bool known = false;
        for (int i = 0; i < 13 && !known; ++i) {
            if (word == words[i] || (i == 0 && word == "an")) { count = i == 0 ? 1 : i; known = true; }
        }
        if (!known || space == std::string_view::npos) return refuse(kNotDays);
        unit = trim(s.substr(space));
    }
    // "three months' notice": the word, and the possessive's apostrophe, straight or curly.
    if (ends_with(unit, " notice")) unit = trim(unit.substr(0, unit.size() - 7));
    if (ends_with(unit, "'")) unit.remove_suffix(1);
    else if (ends_with(unit, "\xE2\x80\x99")) unit.remove_suffix(3);
    if (starts_with(unit, "calendar ")) unit = trim(unit.substr(9));
    static constexpr struct { std::string_view name; double days; } kUnits[] = {
        {"", 1.0},         {"d", 1.0},         {"day", 1.0},             {"days", 1.0},
        {"wk", 7.0},       {"wks", 7.0},       {"week", 7.0},            {"weeks", 7.0},
        {"mth", 365.0 / 12.0}, {"mths", 365.0 / 12.0}, {"month", 365.0 / 12.0}, {"months", 365.0 / 12.0},
        {"yr", 365.0},     {"yrs", 365.0},     {"year", 365.0},          {"years", 365.0},
    };
    double per = 0;
    for (const auto& u : kUnits) {
        if (unit == u.name) per = u.days;
    }
    if (per == 0) return refuse(kNotDays);
    if (count < 0) return refuse("a number of days cannot be negative");
    if (per == 1.0 && std::fabs(count - std::round(count)) > 1e-9) return refuse("a number of days must be whole");
    const double total = count * per;
    if (!fits_int64(total)) return refuse("too many days");
    return Value::days(std::llround(total));
}

Value parse_enum(const FieldDef& f, std::string_view raw) {
    // A code as written, the usual answer in an export: no label to normalise.
    for (const auto& code : f.enum_values) {
        if (code == raw) return Value::enumeration(code);
    }
    const std::string key = FieldDictionary::normalise_label(raw);
    for (const auto& code : f.enum_values) {
        if (FieldDictionary::normalise_label(code) == key) return Value::enumeration(code);
    }
    if (auto it = f.enum_aliases.find(key); it != f.enum_aliases.end()) return Value::enumeration(it->second);
    std::string allowed;
    for (const auto& code : f.enum_values) allowed += (allowed.empty() ? "" : ", ") + code;
    return Value::invalid(f.type, std::string(raw), "expected one of: " + allowed);
}

}  // namespace

std::string_view trim(std::string_view s) {
    auto is_space = [](std::string_view t, size_t& len, bool back) {
        if (t.empty()) return false;
        const char c = back ? t.back() : t.front();
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') { len = 1; return true; }
        // A no-break space, U+00A0: C2 A0 in UTF-8.
        if (t.size() >= 2 && (back ? t[t.size() - 2] == '\xC2' && c == '\xA0' : c == '\xC2' && t[1] == '\xA0')) { len = 2; return true; }
        return false;
    };
    size_t len = 0;
    while (is_space(s, len, false)) s.remove_prefix(len);
    while (is_space(s, len, true)) s.remove_suffix(len);
    return s;
}

bool parse_yes_no(std::string_view text, bool& out) {
    const std::string_view t = trim(text);
    // Every form taken is at most five bytes: fold into a small buffer, not a string.
    if (t.empty() || t.size() > 5) return false;
    char buf[5];
    for (size_t i = 0; i < t.size(); ++i) buf[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(t[i])));
    const std::string_view l(buf, t.size());
    static constexpr std::string_view yes[] = {"y", "yes", "true", "x", "1", "\xE2\x9C\x93", "\xE2\x9C\x94", "yes.", "t"};
    static constexpr std::string_view no[] = {"n", "no", "false", "0", "no.", "f"};
    for (std::string_view y : yes) if (l == y) { out = true; return true; }
    for (std::string_view n : no) if (l == n) { out = false; return true; }
    return false;
}

bool parse_date(std::string_view text, Date& out) { return parse_date_text(trim(text), out); }

namespace {

NotApplicableWord not_applicable_word_alone(std::string_view text) {
    // Letters only, lower case: "N/A", "n.a.", "Not-applicable" and "NOT APPLICABLE." all fold.
    // The longest spelling is 13 letters; anything longer is some other answer.
    char buf[16];
    size_t n = 0;
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            if (n == sizeof buf) return NotApplicableWord::No;
            buf[n++] = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            return NotApplicableWord::No;
        }
    }
    const std::string_view w(buf, n);
    if (w == "na" || w == "notapplicable" || w == "doesnotapply") return NotApplicableWord::NA;
    if (w == "none" || w == "nil") return NotApplicableWord::None;
    return NotApplicableWord::No;
}

}  // namespace

NotApplicableWord not_applicable_word(std::string_view text) {
    if (const NotApplicableWord w = not_applicable_word_alone(text); w != NotApplicableWord::No) return w;
    // The spelling then why: "N/A - we do not subcontract", "None (no complaints this quarter)",
    // "Not applicable: grant funded". The words before the first separator decide.
    size_t cut = std::string_view::npos;
    for (std::string_view sep : {" - ", ":", "(", ",", ";", "\xE2\x80\x93", "\xE2\x80\x94"})
        cut = std::min(cut, text.find(sep));
    if (cut == std::string_view::npos || cut == 0) return NotApplicableWord::No;
    return not_applicable_word_alone(text.substr(0, cut));
}

Date date_from_excel_serial(double serial, bool date1904) {
    const auto whole = static_cast<int32_t>(std::floor(serial));
    if (date1904) return Date::from_days(whole - 24107);  // 1904-01-01 is serial 0
    // 1900 system: serial 1 is 1900-01-01, and Excel counts a 29 Feb 1900 that never was.
    const int32_t adjusted = whole < 61 ? whole + 1 : whole;
    return Date::from_days(adjusted - 25569);
}

Value value_from_number(const FieldDef& f, double v, bool date1904) {
    if (!std::isfinite(v)) return Value::invalid(f.type, "", "not a finite number");
    switch (f.type) {
        case FieldType::Integer:
            if (std::fabs(v - std::round(v)) > 1e-9) return Value::invalid(f.type, format_number(v), "not a whole number");
            if (!fits_int64(v)) return Value::invalid(f.type, format_number(v), "too large a number");
            return Value::integer(static_cast<int64_t>(std::llround(v)));
        case FieldType::Number: return Value::number(v);
        case FieldType::Money:
            if (!fits_int64(v * 100.0)) return Value::invalid(f.type, format_number(v), "too large an amount of money");
            return Value::money_pence(static_cast<int64_t>(std::llround(v * 100.0)));
        case FieldType::Percent: return Value::percent(v > 1.0 ? v / 100.0 : v);
        case FieldType::Date:
            // 1900 system: 1 (1 Jan 1900) to 2958465 (31 Dec 9999); 1904 system: 0 (1 Jan 1904)
            // to 2957003 (31 Dec 9999).
            if (v < (date1904 ? 0 : 1) || v >= (date1904 ? 2957004 : 2958466)) return Value::invalid(f.type, format_number(v), "not a date");
            return Value::date(date_from_excel_serial(v, date1904));
        case FieldType::YesNo:
            if (v == 1.0) return Value::yes_no(true);
            if (v == 0.0) return Value::yes_no(false);
            return Value::invalid(f.type, format_number(v), "expected yes or no");
        case FieldType::Text: return Value::text(format_number(v));
        case FieldType::Enum: return parse_enum(f, format_number(v));
        case FieldType::Days:
            if (std::fabs(v - std::round(v)) > 1e-9) return Value::invalid(f.type, format_number(v), "a number of days must be whole");
            if (v < 0) return Value::invalid(f.type, format_number(v), "a number of days cannot be negative");
            if (!fits_int64(v)) return Value::invalid(f.type, format_number(v), "too many days");
            return Value::days(std::llround(v));
    }
    return {};
}

Value parse_value(const FieldDef& f, std::string_view raw_in) {
    const std::string_view s = trim(raw_in);
    if (s.empty()) return Value::absent();
    // The text is copied only into a value that keeps it (text, or an answer refused).
    auto raw = [s] { return std::string(s); };
    // "N/A" and "none" are answers, not unreadable ones (docs/rulebook.md, "Not applicable").
    // Only letters can spell them: a figure or a date never takes this path's cost.
    if (f.role == FieldRole::None && std::isalpha(static_cast<unsigned char>(s.front()))) {
        const NotApplicableWord word = not_applicable_word(s);
        if (word != NotApplicableWord::No) {
            if (f.type == FieldType::Enum) {
                const Value as_option = parse_enum(f, s);
                if (as_option.is_valid()) return as_option;
            }
            if (word == NotApplicableWord::None) {
                switch (f.type) {
                    case FieldType::Integer: return Value::integer(0);
                    case FieldType::Number: return Value::number(0);
                    case FieldType::Money: return Value::money_pence(0);
                    case FieldType::Percent: return Value::percent(0);
                    default: break;
                }
            }
            if (!f.takes_not_applicable)
                return Value::invalid(f.type, raw(), "this question needs an answer: not applicable is not one");
            return Value::not_applicable(f.type, raw());
        }
    }
    double v;
    switch (f.type) {
        case FieldType::Text: return Value::text(raw());
        case FieldType::Enum: return parse_enum(f, s);
        case FieldType::YesNo: {
            bool b;
            if (parse_yes_no(s, b)) return Value::yes_no(b);
            return Value::invalid(f.type, raw(), "expected yes or no");
        }
        case FieldType::Integer:
            if (parse_decimal(s, v) && std::fabs(v - std::round(v)) < 1e-9 && fits_int64(v)) {
                return Value::integer(static_cast<int64_t>(std::llround(v)));
            }
            return Value::invalid(f.type, raw(), "expected a whole number");
        case FieldType::Number:
            if (parse_decimal(s, v)) return Value::number(v);
            return Value::invalid(f.type, raw(), "expected a number");
        case FieldType::Money: return parse_money(f, s);
        case FieldType::Percent: return parse_percent(f, s);
        case FieldType::Days: return parse_days(f, s);
        case FieldType::Date: {
            Date d;
            if (parse_date_text(s, d)) return Value::date(d);
            // A typed serial (a date cell exported as text) has five digits for any date since
            // 1927; fewer is a year or a day number typed alone, which is no date.
            if (all_digits(s) && s.size() == 5) return value_from_number(f, std::stod(std::string(s)));
            if (all_digits(s) && s.size() == 4)
                return Value::invalid(f.type, raw(), "a year alone is not a date; give the day, e.g. 31/03/" + std::string(s));
            if (all_digits(s)) return Value::invalid(f.type, raw(), "a number alone is not a date; give the day, e.g. 31/03/2026");
            return Value::invalid(f.type, raw(), "expected a date such as 31/03/2026");
        }
    }
    return {};
}

}  // namespace fairgate
