#pragma once
// Times as a person reads them. The store keeps them as ISO 8601 UTC ("2026-12-06T17:28:33Z"),
// which sorts well and reads badly.

#include <string>
#include <string_view>

namespace fairgate::service::pages {

/// "6 December 2026 at 17:28:33 UTC" for "2026-12-06T17:28:33Z" (fractions of a second are
/// dropped); anything that does not read as such a time is given back as it is.
std::string readable_time(std::string_view iso);

}  // namespace fairgate::service::pages
