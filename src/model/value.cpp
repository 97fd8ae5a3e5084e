#include "model/value.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace fairgate {

Value Value::text(std::string s) {
    Value v; v.type_ = FieldType::Text; v.state_ = State::Valid; v.init_num(); v.text_ = std::move(s); return v;
}
Value Value::integer(int64_t x) {
    Value v; v.type_ = FieldType::Integer; v.state_ = State::Valid; v.i_ = x; return v;
}
Value Value::number(double x) {
    Value v; v.type_ = FieldType::Number; v.state_ = State::Valid; v.d_ = x; return v;
}
Value Value::money_pence(int64_t pence) {
    Value v; v.type_ = FieldType::Money; v.state_ = State::Valid; v.i_ = pence; return v;
}
Value Value::percent(double fraction) {
    Value v; v.type_ = FieldType::Percent; v.state_ = State::Valid; v.d_ = fraction; return v;
}
Value Value::date(Date d) {
    Value v; v.type_ = FieldType::Date; v.state_ = State::Valid; v.i_ = d.days(); return v;
}
Value Value::yes_no(bool b) {
    Value v; v.type_ = FieldType::YesNo; v.state_ = State::Valid; v.i_ = b ? 1 : 0; return v;
}
Value Value::enumeration(std::string code) {
    Value v; v.type_ = FieldType::Enum; v.state_ = State::Valid; v.init_num(); v.text_ = std::move(code); return v;
}
Value Value::days(int64_t count) {
    Value v; v.type_ = FieldType::Days; v.state_ = State::Valid; v.i_ = count; return v;
}
Value Value::invalid(FieldType type, std::string raw, std::string reason) {
    Value v; v.type_ = type; v.state_ = State::Invalid; v.init_num();
    v.text_ = std::move(raw); v.reason_ = std::make_shared<const std::string>(std::move(reason)); return v;
}

Value Value::not_applicable(FieldType type, std::string raw) {
    Value v; v.type_ = type; v.state_ = State::NotApplicable; v.init_num(); v.text_ = std::move(raw); return v;
}
Value Value::not_published(FieldType type) {
    Value v; v.type_ = type; v.state_ = State::NotPublished; v.init_num(); return v;
}

const std::string& Value::invalid_reason() const {
    static const std::string none;
    return reason_ ? *reason_ : none;
}

const std::string& Value::as_text() const {
    assert(is_valid() && (type_ == FieldType::Text || type_ == FieldType::Enum));
    return text_;
}
int64_t Value::as_integer() const { assert(is_valid() && type_ == FieldType::Integer); return i_; }
double Value::as_number() const { assert(is_valid() && type_ == FieldType::Number); return d_; }
int64_t Value::as_pence() const { assert(is_valid() && type_ == FieldType::Money); return i_; }
double Value::as_fraction() const { assert(is_valid() && type_ == FieldType::Percent); return d_; }
Date Value::as_date() const { assert(is_valid() && type_ == FieldType::Date); return Date::from_days(static_cast<int32_t>(i_)); }
bool Value::as_bool() const { assert(is_valid() && type_ == FieldType::YesNo); return i_ != 0; }
int64_t Value::as_days() const { assert(is_valid() && type_ == FieldType::Days); return i_; }

double Value::numeric() const {
    switch (type_) {
        case FieldType::Integer: case FieldType::Date: case FieldType::YesNo: case FieldType::Days: return static_cast<double>(i_);
        case FieldType::Money: return static_cast<double>(i_) / 100.0;
        case FieldType::Number: case FieldType::Percent: return d_;
        default: return 0.0;
    }
}

std::string format_money(int64_t pence) {
    const bool negative = pence < 0;
    const uint64_t abs = negative ? static_cast<uint64_t>(-(pence + 1)) + 1 : static_cast<uint64_t>(pence);
    std::string digits = std::to_string(abs / 100);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
        grouped.push_back(digits[i]);
    }
    std::string out = negative ? "-£" : "£";
    out += grouped;
    if (abs % 100 != 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ".%02u", static_cast<unsigned>(abs % 100));
        out += buf;
    }
    return out;
}

namespace {

// `v` with `decimals` decimals, trailing zeros and a bare point dropped, never "-0".
std::string fixed_trimmed(double v, int decimals) {
    char buf[512];  // "%.6f" of the largest double needs 316 characters
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") return "0";  // a tiny negative rounds to zero, not "-0"
    return s;
}

bool is_whole(double v) { return std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15; }

}  // namespace

std::string format_number(double v) {
    if (std::isnan(v)) return "NaN";
    if (is_whole(v)) return fixed_trimmed(std::round(v), 0);
    return fixed_trimmed(v, 6);
}

std::string format_figure(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "infinity" : "-infinity";
    if (is_whole(v)) return fixed_trimmed(std::round(v), 0);
    int decimals = 2;
    if (const double a = std::fabs(v); a < 0.1) {
        // Two significant digits: 0.0042 has its first at the third decimal, so four.
        decimals = std::min(6, 1 - static_cast<int>(std::floor(std::log10(a))));
    }
    return fixed_trimmed(v, decimals);
}

std::string format_percent(double fraction) { return format_figure(fraction * 100.0) + "%"; }

std::string format_date(Date d) {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d %s %04d", d.day(), months[d.month() - 1], d.year());
    return buf;
}

std::string Value::display() const {
    if (state_ == State::Absent) return "(no answer)";
    if (state_ == State::Invalid) return text_ + " (invalid: " + invalid_reason() + ")";
    if (state_ == State::NotApplicable) return "not applicable (" + text_ + ")";
    if (state_ == State::NotPublished) return "(not published by the source)";
    switch (type_) {
        case FieldType::Text: case FieldType::Enum: return text_;
        case FieldType::Integer: return std::to_string(i_);
        case FieldType::Number: return format_number(d_);
        case FieldType::Money: return format_money(i_);
        case FieldType::Percent: return format_percent(d_);
        case FieldType::Date: return format_date(as_date());
        case FieldType::YesNo: return i_ ? "Yes" : "No";
        case FieldType::Days: return std::to_string(i_) + (i_ == 1 || i_ == -1 ? " day" : " days");
    }
    return {};
}

std::string Value::canonical() const {
    if (state_ == State::Absent || state_ == State::NotPublished) return {};
    if (state_ == State::Invalid || state_ == State::NotApplicable) return text_;
    char buf[40];
    switch (type_) {
        case FieldType::Text: case FieldType::Enum: return text_;
        case FieldType::Integer: case FieldType::Money: case FieldType::Days: return std::to_string(i_);
        case FieldType::Number: case FieldType::Percent:
            std::snprintf(buf, sizeof buf, "%.17g", d_);
            return buf;
        case FieldType::Date: return as_date().iso();
        case FieldType::YesNo: return i_ ? "yes" : "no";
    }
    return {};
}

Value Value::from_canonical(FieldType type, std::string_view text) {
    const std::string s(text);
    char* end = nullptr;
    switch (type) {
        case FieldType::Text: return Value::text(s);
        case FieldType::Enum: return Value::enumeration(s);
        case FieldType::Integer: case FieldType::Money: case FieldType::Days: {
            errno = 0;
            const long long v = std::strtoll(s.c_str(), &end, 10);
            if (s.empty() || *end != '\0' || errno) return invalid(type, s, "not a stored integer");
            return type == FieldType::Integer ? integer(v) : type == FieldType::Money ? money_pence(v) : days(v);
        }
        case FieldType::Number: case FieldType::Percent: {
            const double v = std::strtod(s.c_str(), &end);
            if (s.empty() || *end != '\0') return invalid(type, s, "not a stored number");
            return type == FieldType::Number ? number(v) : percent(v);
        }
        case FieldType::Date:
            if (auto d = Date::parse_iso(s)) return date(*d);
            return invalid(type, s, "not a stored date");
        case FieldType::YesNo:
            if (s == "yes") return yes_no(true);
            if (s == "no") return yes_no(false);
            return invalid(type, s, "not a stored yes/no");
    }
    return {};
}

bool operator==(const Value& a, const Value& b) {
    if (a.state_ != b.state_) return false;
    if (a.state_ == Value::State::Absent) return true;
    if (a.type_ != b.type_) return false;
    if (a.state_ == Value::State::NotPublished) return true;
    if (a.state_ == Value::State::NotApplicable) return a.text_ == b.text_;
    if (a.state_ == Value::State::Invalid) return a.text_ == b.text_ && a.invalid_reason() == b.invalid_reason();
    switch (a.type_) {
        case FieldType::Text: case FieldType::Enum: return a.text_ == b.text_;
        case FieldType::Number: case FieldType::Percent: return a.d_ == b.d_;
        default: return a.i_ == b.i_;
    }
}

}  // namespace fairgate
