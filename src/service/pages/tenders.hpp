#pragma once
// GET /tenders and GET /tenders/<id>: the tenders with a bid, and one tender's bidders, as
// the tender screening sees them (service/tender_screening.hpp). Every standing is written
// out in words, never colour alone.

#include <string>
#include <vector>

#include "reports/bid_standing.hpp"
#include "service/pages/layout.hpp"
#include "service/tender_screening.hpp"

namespace fairgate::service::pages {

/// Every tender with a bid (`tenders`, in id order), each bidder with its standing and rank,
/// a link to the tender's page and its comparison workbook; when there are none, what to do
/// to get some.
std::string tenders_page(const std::vector<ScreenedTender>& tenders, PageFrame frame);

/// One tender's bidders side by side (a column each, best first): rank, whether each can
/// proceed to award and why, findings counted by outcome, and the clarifications to ask it
/// (its missing, referred and warned findings); then the findings that stand in the way
/// (fail, missing, warn, refer), one row each.
std::string tender_page(const ScreenedTender& tender, PageFrame frame);

/// "Can proceed", "Needs a decision", "Cannot proceed": a standing as the pages write it.
const char* standing_label(reports::BidStanding s);

}  // namespace fairgate::service::pages
