#pragma once
// A contract's overall status, red, amber or green, and the one rule that sets it from its
// findings: every layer (workbooks, store, service, command line) uses this, never its own.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "model/finding.hpp"

namespace fairgate {

/// Where a contract stands, from what its manager must act on.
enum class ContractStatus : uint8_t {
    Green,  ///< Nothing outstanding.
    Amber,  ///< A failure or missing answer of a minor or advisory rule, a warning or a referral.
    Red,    ///< A mandatory or major rule failed or could not be judged (missing).
};

/// "green", "amber", "red": the stored and API spelling.
std::string_view to_string(ContractStatus status);
/// "Green", "Amber", "Red": as a workbook or a page shows it.
std::string_view display_name(ContractStatus status);
/// Parses either spelling, in any case; nullopt for anything else.
std::optional<ContractStatus> parse_contract_status(std::string_view text);

/// The status one finding gives on its own: Red when its rule is mandatory or major and it
/// failed or is missing; Amber when it failed, is missing, warned or was referred; else Green.
ContractStatus status_of(const Finding& finding);
/// The status findings give: the worst any one of them gives (Green for none).
ContractStatus status_of(const std::vector<Finding>& findings);

/// One sentence saying how the status is set, for workbooks and pages.
std::string_view status_rule_text();

}  // namespace fairgate
