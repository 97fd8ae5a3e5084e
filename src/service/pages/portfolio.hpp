#pragma once
// GET /: the portfolio page. A table of contracts with their status, filterable by status
// and service area (a GET form, so it works without JavaScript and every filtered view has
// its own address), each row linking to the contract's latest workbook and the page of the
// run it came from.

#include <optional>
#include <string>
#include <vector>

#include "model/contract_status.hpp"
#include "service/pages/layout.hpp"
#include "store/store.hpp"

namespace fairgate::service::pages {

/// Which contracts the page (and GET /api/v1/contracts) lists.
struct PageFilter {
    std::optional<ContractStatus> status;  ///< nullopt for all.
    std::string area;                      ///< A service area or empty for all.
};

/// Whether `p` is one `filter` lets through.
bool matches(const ContractPosition& p, const PageFilter& filter);

/// The page for `positions` (every contract), showing those that pass `filter`, in `frame`
/// (whose title and navigation entry it sets).
std::string portfolio_page(const std::vector<ContractPosition>& positions, const PageFilter& filter, PageFrame frame);

}  // namespace fairgate::service::pages
