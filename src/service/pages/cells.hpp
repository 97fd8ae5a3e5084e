#pragma once
// Table cells, links and words more than one page writes: a contract's findings counted, the
// links to its page and its workbook, an outcome in words.

#include <string>

#include "model/run.hpp"

namespace fairgate::service::pages {

/// The "Failed", "Missing" and "Warnings and referrals" cells of a row (<td>s).
std::string outcome_cells(const OutcomeCounts& counts);

/// A link that downloads the contract's latest workbook: `label` for the eye, and the
/// contract named for screen readers (many rows have a link labelled the same).
std::string workbook_anchor(const std::string& contract_id, const char* label);

/// "/contracts/<id>" with the id percent-encoded: the contract's page.
std::string contract_href(const std::string& contract_id);

/// <a href="/contracts/<id>">id</a>, escaped.
std::string contract_anchor(const std::string& contract_id);

/// "Failed", "Missing", "Warning", "Referred", "Passed", "Not applicable": an outcome as the
/// pages write it.
const char* outcome_label(Outcome o);

}  // namespace fairgate::service::pages
