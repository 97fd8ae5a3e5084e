#pragma once
// Reporting quarters ("2026-Q2").

#include <optional>
#include <string>
#include <string_view>

#include "model/date.hpp"

namespace fairgate {

/// How a rulebook numbers quarters: calendar (Q1 = Jan-Mar) or UK financial year (Q1 =
/// Apr-Jun of the year named, so 2026-Q4 is Jan-Mar 2027).
enum class QuarterScheme { Calendar, Financial };

/// A reporting quarter. Ordered by time within one scheme.
struct Quarter {
    int year = 0;
    int quarter = 0;  ///< 1..4

    /// Accepts "2026-Q2", "2026 Q2", "Q2 2026", "2026/Q2" (case-insensitive).
    static std::optional<Quarter> parse(std::string_view text);
    std::string label() const;  ///< "2026-Q2"

    Date first_day(QuarterScheme scheme) const;
    Date last_day(QuarterScheme scheme) const;
    Quarter previous() const;
    Quarter next() const;
    /// The quarter that contains `d`.
    static Quarter containing(Date d, QuarterScheme scheme);

    int ordinal() const { return year * 4 + (quarter - 1); }
    friend bool operator==(Quarter a, Quarter b) { return a.year == b.year && a.quarter == b.quarter; }
    friend bool operator!=(Quarter a, Quarter b) { return !(a == b); }
    friend bool operator<(Quarter a, Quarter b) { return a.ordinal() < b.ordinal(); }
};

}  // namespace fairgate
