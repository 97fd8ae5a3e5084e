#pragma once
// A contract as the council's register (or Contracts Finder) records it.

#include <optional>
#include <string>
#include <string_view>

#include "model/date.hpp"
#include "model/field.hpp"
#include "model/record.hpp"

namespace fairgate {

/// A contract record. The identity and term members repeat answers in `fields` (which keep
/// their provenance and are what rules read); importers fill both.
struct Contract {
    std::string id;         ///< Council reference ("BX-2025-0142") or OCDS ocid.
    std::string tender_id;  ///< The procurement that led to it, if tendered.
    std::string title;
    std::string category;   ///< Service area or CPV code.
    std::string supplier_id;  ///< As typed; compared by supplied_by().
    std::string supplier_name;
    std::optional<Date> start;
    std::optional<Date> end;
    Record fields;
    std::string source_sha256;
    std::string source_name;

    /// Sets `start` and `end` from the fields playing the contract-start and contract-end
    /// roles in `fields` (unset where absent or unreadable).
    void take_term(const FieldDictionary& dictionary);

    /// Whether the supplier of `supplier_id` (as a bid or return types it) is this contract's:
    /// same_supplier (model/company_number), so "1234567" is "01234567". A contract that names
    /// no supplier (a tender's stand-in before award) is nobody's.
    bool supplied_by(std::string_view supplier_id) const;

    /// Live on `day`: started and not ended (an open-ended contract is live after its start).
    bool live_on(Date day) const {
        return (!start || *start <= day) && (!end || day <= *end);
    }
};

}  // namespace fairgate
