#pragma once
// A tender as the council knows it before award: its pipeline row or its OCDS notice.

#include <string>

#include "model/contract.hpp"
#include "model/field.hpp"
#include "model/record.hpp"

namespace fairgate {

/// A procurement before (or without) an award: what the council's tender pipeline or a
/// tender-stage OCDS notice says of it. Its facts are fields of the rulebook's dictionary
/// under the names an awarded contract's facts take (the contract-value field holds the
/// estimated value), so a tender rule reads one field whether the tender or the awarded
/// contract gave it. The identity members repeat
/// answers in `fields` (which keep their provenance); importers fill both.
struct Tender {
    std::string id;        ///< Tender reference ("BX-T-2026-031") or OCDS tender id.
    std::string title;
    std::string category;  ///< Service area or CPV code.
    Record fields;
    std::string source_sha256;
    std::string source_name;
};

/// The contract's stand-in before award: the tender's facts, under its tender id, with no
/// contract id and no supplier, so that tender rules read the facts and no bid counts as
/// awarded. `start` and `end` are the tender's answers in the fields playing the
/// contract-start and contract-end roles of `dictionary`.
Contract contract_before_award(const Tender& tender, const FieldDictionary& dictionary);

}  // namespace fairgate
