#pragma once
// A supplier's return: a tender questionnaire or a quarterly monitoring return.

#include <optional>
#include <string>
#include <string_view>

#include "model/date.hpp"
#include "model/period.hpp"
#include "model/record.hpp"

namespace fairgate {

enum class ReturnKind : uint8_t { Tender, Quarterly };
std::string_view to_string(ReturnKind kind);
/// "tender" / "quarterly" (also "quarterly monitoring", "monitoring"), case-insensitive.
std::optional<ReturnKind> parse_return_kind(std::string_view text);

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

    /// Stable id derived from content, as the store keeps and findings cite the return:
    /// "tender:<tender id>:<supplier id as typed>" or "quarterly:<contract id>:<period>".
    std::string id() const;
    /// What tells a resubmission, so that it replaces rather than duplicates: the id with the
    /// supplier's key (supplier_key, model/company_number) for the supplier id as typed. A bid
    /// from "1234567" and one from "01234567" for one tender are one bid, whatever their ids.
    std::string identity() const;
    /// supplier_key(supplier_id): what the supplier is compared and grouped by.
    std::string supplier_key() const;
};

}  // namespace fairgate
