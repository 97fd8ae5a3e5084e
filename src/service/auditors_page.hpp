#pragma once
// GET /: the auditors' page. Plain HTML with no scripts and no external assets: a table of
// contracts with their status, filterable by status and service area (a GET form, so it
// works without JavaScript and every filtered view has its own address), each row linking
// to the contract's latest workbook and the page of the run it came from.

#include <string>
#include <vector>

#include <optional>

#include "model/contract_status.hpp"
#include "model/run.hpp"
#include "service/tender_screening.hpp"
#include "store/store.hpp"

namespace fairgate::service {

struct PageFilter {
    std::optional<ContractStatus> status;  ///< nullopt for all.
    std::string area;    ///< A service area or empty for all.
};

/// Who is looking at a page: its "Signed in as" line and its sign-out form.
struct PageViewer {
    std::string signed_in_as;  ///< "auditor-1, role auditor".
    /// The session's CSRF token, posted back by the sign-out form; empty when the page was
    /// asked for with a bearer token (no session, so no sign-out form).
    std::string csrf_token;
};

/// The name of the hidden field that carries the CSRF token in every form the pages post.
inline constexpr const char* kCsrfField = "csrf";

/// The page for `positions` (every contract), showing those that pass `filter`.
std::string auditors_page(const std::vector<ContractPosition>& positions, const PageFilter& filter,
                          const PageViewer& viewer);

/// GET /runs/<id>: one run as a page: when, which rulebook, what became of each file it read
/// (with the reason for every file refused), the contracts it judged with their workbooks, and
/// the rules that found most. The same run as JSON is linked from it.
std::string run_page(const Run& run, const PageViewer& viewer);

/// GET /tenders: every tender with a bid (`tenders`, in id order), each bidder with its
/// standing written out (never colour alone) and rank, a link to the tender's page and its
/// comparison workbook; when there are none, what to do to get some.
std::string tenders_page(const std::vector<ScreenedTender>& tenders, const PageViewer& viewer);

/// GET /tenders/<id>: one tender's bidders, best first, with their standing, rank, findings
/// counted by outcome, and the findings that stand in the way (fail, missing, warn, refer).
std::string tender_page(const ScreenedTender& tender, const PageViewer& viewer);

/// "Can proceed", "Needs a decision", "Cannot proceed": a standing as the pages write it.
const char* standing_label(reports::BidStanding s);

/// The sign-in page: a form posting a token to /login (browsers cannot send bearer tokens),
/// with `csrf_token` (the one in the browser's sign-in cookie) in a hidden field; `problem`
/// is said above it when not empty.
std::string sign_in_page(const std::string& problem, const std::string& csrf_token);

/// The page that refuses a form posted from another site (or without its CSRF token), with a
/// link back to where a fresh form can be had.
std::string refused_form_page(const std::string& why, const std::string& start_again);

/// Text made safe to put in HTML text and attribute values.
std::string html_escape(const std::string& text);

bool matches(const ContractPosition& p, const PageFilter& filter);

}  // namespace fairgate::service
