#pragma once
// Reporting quarters ("2026-Q2").

#include <optional>
#include <string>
#include <string_view>

#include "model/date.hpp"
#include "model/quarter_scheme.hpp"

namespace fairgate {

/// A reporting quarter. Ordered by time within one scheme.
struct Quarter {
    int year = 0;
    int quarter = 0;  ///< 1..4

    /// A quarter in the scheme's own numbering, as labels write it: "2026-Q2", "2026 Q2",
    /// "Q2 2026", "2026/Q2", "Quarter 2 2026" (case-insensitive, any dash). Nothing that needs
    /// the scheme to be read (a financial year, months): for those, the overload below.
    static std::optional<Quarter> parse(std::string_view text);
    /// A reporting period as suppliers type it, read in the rulebook's `scheme`:
    ///  - the scheme's own numbering, as parse(text) reads it: "2025-Q3" is Q3 of the scheme's
    ///    year 2025;
    ///  - a quarter of a UK financial year: "2025/26 Q3", "Q3 2025-26", "Quarter 3 2025/2026",
    ///    "FY2025/26 Q3" (Q1 = April to June; the two years must follow one another). Under
    ///    the financial scheme that is 2025-Q3; under the calendar scheme it is the calendar
    ///    quarter of the same months (October to December 2025: 2025-Q4);
    ///  - the months or dates of one whole quarter: "Oct-Dec 2025", "October to December
    ///    2025", "Oct 2025 - Dec 2025", "1 Oct 2025 to 31 Dec 2025", "01/10/2025 - 31/12/2025",
    ///    read as the scheme's quarter of those months.
    /// Case does not matter; a dash may be -, an en or em dash or a minus sign. On nullopt,
    /// `why` (when given) says what is wrong when there is more to say than "not a quarter"
    /// (months that are not one quarter, years that are not one financial year), else is
    /// left empty.
    static std::optional<Quarter> parse(std::string_view text, QuarterScheme scheme, std::string* why = nullptr);
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
