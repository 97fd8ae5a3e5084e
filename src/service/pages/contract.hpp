#pragma once
// GET /contracts/<id>: one contract for the officer who manages it and the auditor who checks
// it: its status and why (the status rule applied to its findings), what to do next (the
// remedies of what failed or is missing), its history by quarter (an SVG chart with a table
// of the same numbers), and its findings, filterable, each with its rule, message, clause and
// evidence (the file and cell each value was read from). Links to the workbook and the JSON.

#include <optional>
#include <string>
#include <vector>

#include "model/finding.hpp"
#include "rulebook/rulebook.hpp"
#include "service/pages/layout.hpp"
#include "store/store.hpp"

namespace fairgate::service::pages {

/// Which findings the page's table shows (GET ?outcome=fail&rule=R1&quarter=2026-Q2): each
/// unset or empty part lets every finding through.
struct FindingFilter {
    std::optional<Outcome> outcome;
    std::string rule;     ///< A rule id.
    std::string quarter;  ///< A finding's period, "2026-Q2".

    bool any() const { return outcome || !rule.empty() || !quarter.empty(); }
};

/// Whether `f` is one `filter` lets through.
bool matches(const Finding& f, const FindingFilter& filter);

/// The page of the contract at `position` with its latest `findings` (Store::load_findings),
/// the table showing those that pass `filter`, in `frame` (whose title it sets). Evidence names
/// each answer as the supplier's form does (its question reference, by `rulebook`'s fields);
/// by field name when `rulebook` is null.
std::string contract_page(const ContractPosition& position, const std::vector<StoredFinding>& findings,
                          const FindingFilter& filter, PageFrame frame, const Rulebook* rulebook = nullptr);

}  // namespace fairgate::service::pages
