#pragma once
// How a rulebook numbers its quarters: a leaf header, so that the field dictionary can say how
// its reporting periods are read without pulling in the quarters themselves (period.hpp).

namespace fairgate {

/// How a rulebook numbers quarters: calendar (Q1 = Jan-Mar) or UK financial year (Q1 =
/// Apr-Jun of the year named, so 2026-Q4 is Jan-Mar 2027).
enum class QuarterScheme { Calendar, Financial };

}  // namespace fairgate
