#pragma once
// A supplier's return: a tender questionnaire or a quarterly monitoring return.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/period.hpp"
#include "model/record.hpp"

namespace fairgate {

enum class ReturnKind : uint8_t { Tender, Quarterly };
std::string_view to_string(ReturnKind kind);
/// "tender" / "quarterly" (also "quarterly monitoring", "monitoring"), case-insensitive.
std::optional<ReturnKind> parse_return_kind(std::string_view text);

/// Another file's copy of a quarterly return (the same contract and quarter, so the same id):
/// a version the return as stored superseded. Kept so that the first receipt, and what a
/// correction replaced, can be told.
struct ReturnVersion {
    std::string source_sha256;
    std::string source_name;
    std::optional<Date> submitted;   ///< Its date submitted (FieldRole::ReturnSubmitted).
    std::string submitted_locator;   ///< Where in its file that date was read; may be empty.
};

/// Whether a version of a quarterly return (its date submitted, its file's SHA-256) supersedes
/// another from a different file: the later date submitted wins; a dated version beats an
/// undated one; equal dates (or both undated) go to the greater SHA-256, an arbitrary order but
/// one that import order, file names and reruns never change.
bool supersedes(const std::optional<Date>& submitted, const std::string& sha256,
                const std::optional<Date>& other_submitted, const std::string& other_sha256);

/// The first receipt of a quarterly return: the earliest date submitted of any version
/// received, and where that date was read.
struct FirstReceipt {
    Date date;
    std::string source_name;        ///< The file that gave it.
    std::string locator;            ///< Where in that file; empty when not known.
    bool superseded = false;        ///< From a superseded version, not the return as stored.
};

/// One return. The identity members repeat what the header block said (those answers are in
/// `answers` too, with their provenance); importers fill both.
struct SupplierReturn {
    ReturnKind kind = ReturnKind::Tender;
    std::string tender_id;    ///< Tender returns: the procurement answered.
    std::string contract_id;  ///< Quarterly returns: the contract reported on.
    std::string supplier_id;
    std::string supplier_name;
    std::optional<Quarter> period;     ///< Quarterly returns.
    std::optional<Date> submitted;
    Record answers;
    std::string source_sha256;  ///< The file it came from.
    std::string source_name;
    /// Quarterly returns: the versions from other files this one superseded (see
    /// supersedes()), earliest date submitted first. Filled by the store; empty for a return
    /// received once, and for tender returns, where the last imported replaces.
    std::vector<ReturnVersion> superseded;

    /// Stable id derived from content, as the store keeps and findings cite the return:
    /// "tender:<tender id>:<supplier id as typed>" or "quarterly:<contract id>:<period>".
    std::string id() const;
    /// What tells a resubmission, so that it replaces rather than duplicates: the id with the
    /// supplier's key (supplier_key, model/company_number) for the supplier id as typed. A bid
    /// from "1234567" and one from "01234567" for one tender are one bid, whatever their ids.
    std::string identity() const;
    /// supplier_key(supplier_id): what the supplier is compared and grouped by.
    std::string supplier_key() const;
    /// A corrected version: one that superseded another file's copy of the same return.
    bool corrected() const { return !superseded.empty(); }
    /// The earliest date submitted of this version and those it superseded: what lateness is
    /// judged on. nullopt when none states a date. On a tie this version's own date is the
    /// one given (`submitted_locator` is where it stands in this return's own file).
    std::optional<FirstReceipt> first_receipt(const std::string& submitted_locator = {}) const;
    /// For a corrected version, what an officer is told of it: "first received 20 Jul 2026,
    /// corrected 3 Sep 2026, superseding q1.xlsx" (the files it superseded, named as
    /// received); empty when not corrected.
    std::string correction_summary() const;
};

}  // namespace fairgate
