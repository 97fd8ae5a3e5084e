#pragma once
// What a rule concluded about one return or contract.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/provenance.hpp"

namespace fairgate {

/// Outcomes, from best to worst for display; `missing` means the rule could not judge
/// because an answer it needs is absent or unreadable.
enum class Outcome : uint8_t { Pass, Warn, Fail, Refer, Missing, NotApplicable };
inline constexpr Outcome kAllOutcomes[] = {Outcome::Pass,  Outcome::Warn,    Outcome::Fail,
                                           Outcome::Refer, Outcome::Missing, Outcome::NotApplicable};
std::string_view to_string(Outcome o);
std::optional<Outcome> parse_outcome(std::string_view text);

enum class Severity : uint8_t { Mandatory, Major, Minor, Advisory };
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view text);

/// Which kind of subject a rule judges.
enum class Stage : uint8_t { Tender, Quarterly, Contract };
std::string_view to_string(Stage s);
std::optional<Stage> parse_stage(std::string_view text);

/// One value a rule read, shown as evidence.
struct Evidence {
    std::string field;   ///< Canonical field name.
    std::string value;   ///< As displayed ("£1,250,000", "(no answer)").
    Provenance where;
};

/// One rule's verdict on one subject, with everything an auditor needs to see why.
struct Finding {
    std::string subject_id;   ///< Return id, or "contract:<id>" for contract rules.
    std::string contract_id;
    std::string tender_id;
    std::string supplier_id;
    std::string period;       ///< "2026-Q2" for quarterly findings.
    Stage stage = Stage::Tender;

    std::string rule_id;
    std::string rule_title;
    std::string rulebook_id;
    std::string rulebook_version;

    Outcome outcome = Outcome::Pass;
    Severity severity = Severity::Advisory;
    std::string message;   ///< With the values found filled in.
    std::string expected;
    std::string found;
    std::string remedy;
    std::vector<std::string> citations;  ///< Clause references ("GP-3", "MSA2015-S54").
    std::vector<Evidence> evidence;
};

}  // namespace fairgate
