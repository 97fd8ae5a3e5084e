#pragma once
// A tender as the API, the answer to an upload and the auditors' page show it: each bidder's
// standing and rank, screened exactly as the tender's comparison workbook screens them
// (reports::screen_bids), from what the store holds.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/finding.hpp"
#include "model/run.hpp"
#include "reports/bid_standing.hpp"
#include "rulebook/rulebook.hpp"
#include "store/store.hpp"

namespace fairgate::service {

/// One bid of a screened tender.
struct TenderBid {
    std::string supplier_id;
    std::string supplier_name;
    std::string subject;  ///< The bid's subject id ("tender:<tender>:<supplier>").
    std::string source_sha256;  ///< The file the bid came from.
    reports::BidStanding standing = reports::BidStanding::NeedsDecision;
    std::size_t rank = 0;        ///< 1 for the first.
    OutcomeCounts outcomes{};    ///< Its latest findings, counted by outcome.
    std::vector<Finding> findings;  ///< Its latest findings.
};

/// A tender with a bid, screened.
struct ScreenedTender {
    std::string tender_id;
    std::optional<std::string> contract_id;  ///< The contract the register says was awarded from it.
    std::vector<TenderBid> bids;             ///< In the comparison's column order (by name).
    /// How many bids the tender has: all of them, even where `bids` was cut down to some
    /// (the answer to an upload keeps only the file's own).
    std::size_t bidder_count = 0;
};

/// The tender as the store holds it now; nullopt when no bid names it. Two reads: the bids
/// (without their answers, which screening does not need) and their latest findings.
std::optional<ScreenedTender> screen_tender(Store& store, const std::string& tender_id, const Rulebook& rulebook);

/// Every tender with a bid, in tender id order: two reads per tender (see screen_tender),
/// not yet measured with many thousands of tenders.
std::vector<ScreenedTender> screen_all_tenders(Store& store, const Rulebook& rulebook);

}  // namespace fairgate::service
