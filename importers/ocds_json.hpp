#pragma once
// Contracts published as OCDS JSON (Open Contracting Data Standard): Contracts Finder, Find a
// Tender, a council's own transparency feed.

#include <string>
#include <string_view>

#include "importers/import_result.hpp"
#include "model/field.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Whether `bytes` looks like JSON: after an optional UTF-8 byte-order mark and white space,
/// the text starts with '{' or '['.
bool looks_like_json(std::string_view bytes);

/// Reads the contracts and tenders in `bytes`: a release package ({"releases":[...]}), a record package
/// ({"records":[{"compiledRelease":...}]}, or embedded releases), a single release, an array
/// of releases, or JSON Lines (one release or package per line).
///
/// Releases of one `ocid` are merged into one Contract, or, when they have a `tender` and no
/// award or contract yet (a tender notice), into one Tender (its id the tender's own, else the ocid;
/// no contract reference): in order of their `date` (then of
/// their place in the file; an undated release counts as older than any dated one), later
/// releases overwrite earlier ones field by field. Each fact goes into the field playing its
/// role (FieldRole), when the dictionary gives a field that role: contract-id
/// (contracts[0].id, else awards[0].id, else the ocid), tender-id, contract-title,
/// contract-category (CPV code), supplier-id/supplier-name (awards[0].suppliers[0]),
/// supplier-scale (the supplier party's details.scale), supplier-vcse (details.vcse),
/// contract-value (contracts[0], awards[0] or tender value, in GBP), contract-start and
/// contract-end (contract period), social-value-weighting (award criteria weights, numeric
/// or written as text: "Social value 10%"), contract-buyer, suitability-sme,
/// suitability-vcse, tender-closing-date (tender period end), tender-procedure
/// (procurementMethodDetails, else procurementMethod) and tender-lots (how many lots).
/// Every value's provenance is a JSON pointer ("/releases/3/awards/0/value/amount"; for JSON
/// Lines "line 4#/awards/0/value/amount").
///
/// Real-world quirks (amounts written as text, missing periods or currency, dates without a
/// time zone or in other forms, mojibake such as "Â£", releases without an ocid) are
/// tolerated and reported as notes. Throws ImportError when the text is not JSON (with the
/// line and column where the parser stopped, when known), or is JSON but holds no release.
/// Takes the text, and frees it once parsed: the contracts are built without it.
ImportResult read_ocds(const SourceFile& file, std::string bytes, const FieldDictionary& fields);

}  // namespace fairgate::importers
