#pragma once
// The service area a contract is grouped and shown under.

#include <optional>
#include <string>
#include <string_view>

namespace fairgate {

/// The division of a Common Procurement Vocabulary code ("85311000-2", "CPV 85311000",
/// "85311000"): its first two digits and the division's name, "Health and social work
/// services". Nothing for text that is not a CPV code, or a code of no division.
struct CpvDivision {
    std::string_view code;  ///< "85".
    std::string_view name;  ///< "Health and social work services".
};
std::optional<CpvDivision> cpv_division(std::string_view text);

/// What a register or notice's category says, as an officer reads a service area: a CPV code
/// becomes its division's name (so Contracts Finder's "85311000" and the register's "85000000"
/// group together as "Health and social work services"); any other text is kept, trimmed.
std::string service_area(std::string_view category);

}  // namespace fairgate
