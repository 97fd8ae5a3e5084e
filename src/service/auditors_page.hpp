#pragma once
// GET /: the auditors' page. Plain HTML with no scripts and no external assets: a table of
// contracts with their status, filterable by status and service area (a GET form, so it
// works without JavaScript and every filtered view has its own address), each row linking
// to the contract's latest workbook and the page of the run it came from.

#include <string>
#include <vector>

#include "model/run.hpp"
#include "store/store.hpp"

namespace fairgate::service {

struct PageFilter {
    std::string status;  ///< "red", "amber", "green" or empty for all.
    std::string area;    ///< A service area or empty for all.
};

/// The page for `positions` (every contract), showing those that pass `filter`.
std::string auditors_page(const std::vector<ContractPosition>& positions, const PageFilter& filter,
                          const std::string& signed_in_as);

/// GET /runs/<id>: one run as a page: when, which rulebook, what became of each file it read
/// (with the reason for every file refused), the contracts it judged with their workbooks, and
/// the rules that found most. The same run as JSON is linked from it.
std::string run_page(const Run& run, const std::string& signed_in_as);

/// The sign-in page: a form posting a token to /login (browsers cannot send bearer tokens).
std::string sign_in_page(const std::string& problem);

/// Text made safe to put in HTML text and attribute values.
std::string html_escape(const std::string& text);

bool matches(const ContractPosition& p, const PageFilter& filter);

}  // namespace fairgate::service
