#pragma once
// Whether a tender bid can go forward to award, and how bids rank: decided once here so that
// the tender comparison, the pipeline, the API and the web page all say the same.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "model/supplier_return.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate::reports {

/// A bid's standing on its mandatory tender rules, best first.
enum class BidStanding : uint8_t {
    CanProceed,     ///< Every mandatory rule passed or did not apply.
    NeedsDecision,  ///< None failed, but one was referred, warned, blank, unreadable or not judged.
    CannotProceed,  ///< A mandatory rule failed.
};

/// "can-proceed", "needs-decision", "cannot-proceed": codes for the API and the store.
std::string_view to_string(BidStanding s);

/// A bid's standing from its findings. Only tender-stage findings are read; where a rule has
/// several findings for the bid, the worst counts (see detail::worst_first_rank).
///  - CannotProceed when any mandatory rule failed;
///  - else NeedsDecision when a mandatory rule was referred or warned, is missing (its answer
///    blank or unreadable: for the officer to clarify with the bidder, never a Yes), or is
///    named in `mandatory_rules` but has no finding for the bid (not judged);
///  - else CanProceed.
/// `mandatory_rules` are the ids of the mandatory tender rules the bid should have been
/// judged on; a mandatory finding of a rule not listed counts all the same.
BidStanding bid_standing(const std::vector<Finding>& bid_findings, const std::vector<std::string>& mandatory_rules);

/// As above, every mandatory tender rule of `rulebook` expected (none when null: then only
/// the findings given count).
BidStanding bid_standing(const std::vector<Finding>& bid_findings, const Rulebook* rulebook = nullptr);

/// What a passed rule adds to a bid's rank: mandatory 8, major 4, minor 2, advisory 1. Each
/// step doubles, so a rule always counts for more than one of the next severity down and
/// about as much as two of them; the standing already puts a bid with a failed mandatory
/// rule below every bid without one.
int severity_weight(Severity s);

/// The weighted count of the tender rules a bid passed (each rule once, by its worst
/// finding; see severity_weight).
int weighted_passes(const std::vector<Finding>& bid_findings);

/// What a bid's rank rests on.
struct BidScore {
    BidStanding standing = BidStanding::NeedsDecision;
    int weighted_passes = 0;
};

/// True when `a` ranks above `b`: a better standing first, then more weighted passes. Bids
/// equal on both are left to the caller to order (the tender comparison orders them by name).
bool ranks_above(const BidScore& a, const BidScore& b);

// --- one tender's bids, as the comparison workbook, the API and the page show them --------

/// Drops nulls and orders bids by supplier name, then supplier id, then source file: the
/// comparison's column order, and the order bids equal in rank keep. Store order can change
/// between runs; what is shown must not.
void sort_bids(std::vector<const SupplierReturn*>& bids);

/// The index in `bids` of the bid a finding is about: the bid whose id() is its subject, or,
/// for a finding without a subject, the bid of its supplier (same_supplier); bids.size() when
/// none.
std::size_t bid_for_finding(const std::vector<const SupplierReturn*>& bids, const Finding& f);

/// The mandatory rules every bid of a tender is expected to have been judged on: the
/// rulebook's mandatory tender rules, then (a rulebook changed since, or none) mandatory
/// rules that only the findings name, each with the severity its first finding gives it.
std::vector<std::string> expected_mandatory_rules(const Rulebook* rulebook, const std::vector<Finding>& findings);

/// One bid of a tender, screened.
struct ScreenedBid {
    const SupplierReturn* bid = nullptr;
    std::vector<Finding> findings;  ///< Its findings (see bid_for_finding).
    BidScore score;                 ///< bid_standing against the expected rules; weighted_passes.
    std::size_t rank = 0;           ///< 1 for the first: ranks_above, ties in sort_bids order.
};

/// Every bid of a tender screened against `mandatory_rules` (see expected_mandatory_rules),
/// in sort_bids order. Findings that match no bid are left out.
std::vector<ScreenedBid> screen_bids(std::vector<const SupplierReturn*> bids, const std::vector<Finding>& findings,
                                     const std::vector<std::string>& mandatory_rules);

}  // namespace fairgate::reports
