#pragma once
// A calendar date without time zone, as councils write them on returns.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fairgate {

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01 so that
/// comparisons and "days between" are integer arithmetic.
class Date {
public:
    constexpr Date() = default;
    static constexpr Date from_days(int32_t days) { Date d; d.days_ = days; return d; }
    /// Throws std::invalid_argument for an impossible date (31 February, month 13).
    static Date from_ymd(int year, int month, int day);
    /// Parses strictly ISO 8601 "YYYY-MM-DD"; nullopt otherwise.
    static std::optional<Date> parse_iso(std::string_view text);

    constexpr int32_t days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    /// "2026-03-31".
    std::string iso() const;

    friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
    friend constexpr bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
    friend constexpr bool operator<(Date a, Date b) { return a.days_ < b.days_; }
    friend constexpr bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
    friend constexpr bool operator>(Date a, Date b) { return a.days_ > b.days_; }
    friend constexpr bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }

private:
    int32_t days_ = 0;
};

bool is_valid_ymd(int year, int month, int day);
int days_in_month(int year, int month);

}  // namespace fairgate
