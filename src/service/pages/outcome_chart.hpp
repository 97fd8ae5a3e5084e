#pragma once
// A contract's history as the store keeps it: its latest findings counted by quarter (the
// quarterly return each judged), drawn as an inline SVG bar chart of what needs acting on
// (failed, missing, warnings and referrals) with the same numbers as a table beside it, for
// screen readers and for anyone who would rather read numbers.

#include <string>
#include <vector>

#include "model/run.hpp"
#include "store/store.hpp"

namespace fairgate::service::pages {

/// One quarter's findings, counted by outcome.
struct QuarterOutcomes {
    std::string quarter;  ///< The findings' period, "2026-Q2".
    OutcomeCounts counts{};
};

/// The quarterly findings of `findings` (those with a period) counted by quarter, in quarter
/// order. Findings about the contract as a whole or its tender have no quarter and are left out.
std::vector<QuarterOutcomes> outcomes_by_quarter(const std::vector<StoredFinding>& findings);

/// An <svg role="img"> with a <title> and <desc>, the y axis from zero, both axes labelled, one
/// group of three bars per quarter (each bar told apart by its fill pattern as well as its
/// colour, and its value written above it), a legend, and after it a <table> of the same
/// counts. `quarters` must not be empty.
std::string outcome_chart(const std::vector<QuarterOutcomes>& quarters, const std::string& contract_id);

}  // namespace fairgate::service::pages
