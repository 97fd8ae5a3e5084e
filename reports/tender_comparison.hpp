#pragma once
// The tender comparison workbook: one tender's bidders side by side.

#include <optional>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/finding.hpp"
#include "model/supplier_return.hpp"
#include "model/value.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate::reports {

/// Everything one tender's comparison shows.
struct TenderReport {
    std::string tender_id;
    const Contract* contract = nullptr;      ///< The contract awarded; null while not yet awarded.
    std::vector<const SupplierReturn*> bids; ///< Tender returns of this tender, any order; nulls skipped.
    std::vector<Finding> findings;           ///< Tender-stage findings of those bids, all outcomes.
    const Rulebook* rulebook = nullptr;      ///< Tender rules, severities, questions and the social value measures.
    /// Money: the tender's estimated value, or the awarded contract's value; absent while
    /// unknown. When absent, the contract's answer in the field playing the contract-value
    /// role stands in for it (if the rulebook has one and the contract answers it, readable or not).
    std::optional<Value> estimated_value;
    std::string data_date;                   ///< ISO date the position is stated at.
    std::string fairgate_version;
};

/// "OUT/tenders/<tender id>/<tender id> tender comparison.xlsx", the id made safe as a file
/// name (it can never name a folder outside OUT/tenders). An empty id names "_".
std::string tender_workbook_path(const std::string& out_dir, const TenderReport& report);

/// Writes the workbook to `path` atomically (see detail::write_workbook_file), creating
/// missing folders; throws std::runtime_error naming the path on failure. Sheets:
///  - Bidders: one column per bidder (ordered by name, then registration number), one row
///    per tender rule (mandatory first, then major, minor, advisory; rulebook order within
///    a severity), each cell the bidder's outcome coloured; above the rules, "Can proceed to
///    award" (bid_standing over the bid's findings, every mandatory rule on the sheet
///    expected: Yes, Needs a decision or No), "Rank" (1 first: ranks_above, then column
///    order), "Rules passed, weighted" (weighted_passes) and "Mandatory rules passed" (a
///    count). Without a rulebook the rules are those the findings name, with the findings'
///    severities. Below the rules, when a bid holds facts from a public register (fields with
///    a gpg-* role), a "Public register" block: the bid's answers that findings compared with those
///    facts (the other fields their evidence read; source "Bid"), then each register fact
///    (source "Register"; blank where the register holds nothing for the bid), each in
///    dictionary order, and the register row each bid's facts came from.
///  - Social value: the estimated value (see TenderReport), one row per commitment field
///    of the rulebook's <workbook> measures (its order), each bidder's offer typed, then
///    totals: spend offered (the money measures summed; measures in other units are not
///    added together), that spend per £100,000 of the estimated value (one cell saying why
///    instead when the value is not known, or is not a readable amount above zero), and the
///    number of measures with an offer above zero. No measure rows without a rulebook.
///  - Clarifications: what to ask each bidder, as a filterable table: one row per answer a
///    missing finding found blank or unreadable, and one per referred finding, with the
///    question as the bidder's form puts it (the rulebook's ref and question), what was
///    given and where, the clauses that make it needed and a sentence ready to send. A
///    missing answer held in the council's own records rather than the bid is listed as
///    such, not asked of the bidder. By bidder (column order), then severity, then rule
///    (Bidders order); one row "No clarifications needed" when there are none.
///  - Findings: every finding in the report as a filterable table; Found in the form's
///    question references (finding_text), no remedy on a pass or a rule that did not apply.
/// Every sheet prints on A4 landscape, fitted to one page wide, the tender and date in the
/// page header (SheetWriter::print_setup).
/// Findings are matched to a bid by subject id (the return's id()), or by supplier id when
/// a finding has no subject. Text from suppliers is always text; numbers are computed here,
/// never formulas. The same report gives the same bytes (creation time = data date).
void write_tender_comparison(const TenderReport& report, const std::string& path);

}  // namespace fairgate::reports
