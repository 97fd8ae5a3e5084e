#pragma once
// Table cells and links more than one page writes: a contract's findings counted, and the
// link that downloads its workbook.

#include <string>

#include "model/run.hpp"

namespace fairgate::service::pages {

/// The "Failed", "Missing" and "Warnings and referrals" cells of a row (<td>s).
std::string outcome_cells(const OutcomeCounts& counts);

/// A link that downloads the contract's latest workbook: `label` for the eye, and the
/// contract named for screen readers (many rows have a link labelled the same).
std::string workbook_anchor(const std::string& contract_id, const char* label);

}  // namespace fairgate::service::pages
