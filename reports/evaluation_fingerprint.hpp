#pragma once
// A workbook's evaluation fingerprint: one SHA-256 that changes whenever anything the workbook
// is made from changes. A contract workbook's Audit sheet shows it with its recipe, so an
// auditor can redo it; a rerun compares it with the stored one and leaves an unchanged
// workbook alone (a contract's workbook, or a tender's comparison).

#include <set>
#include <string>
#include <utility>

#include "model/tender.hpp"
#include "reports/contract_report.hpp"
#include "reports/tender_comparison.hpp"

namespace fairgate::reports {

struct EvaluationFingerprint {
    /// Every input file once, as (SHA-256, name), in that order: the Audit sheet lists them.
    /// A file whose name was not recorded has an empty name; one whose content was not, an
    /// empty SHA-256 (and no "input" line).
    std::set<std::pair<std::string, std::string>> inputs;
    /// The lines hashed, each ending in a line feed. A contract's: "fairgate evaluation
    /// fingerprint v2"; "rulebook <SHA-256>"; "input <SHA-256>" for every input file in
    /// ascending order (the register file of the contract, each return's file and the files it
    /// superseded, each refused return's file); "fact <place>: <text>" in ascending order for
    /// every answer not read from its own record's file (a public register's facts set on a
    /// bid); "data-date <date>"; "fairgate <version>". A tender screening's: the same lines
    /// after "fairgate tender screening fingerprint v1", its inputs being the awarded
    /// contract's register file, the tender's own file (pipeline row or notice), each bid's
    /// file and the files it superseded, and its facts those of any of these records.
    std::string recipe;
    std::string sha256;  ///< Lower-case hex SHA-256 of `recipe`.
};

/// The fingerprint of `report`: the same inputs judged by the same rulebook and fairgate version
/// at the same data date give the same findings and a byte-identical workbook. Findings are
/// not hashed: they follow from the rest.
EvaluationFingerprint evaluation_fingerprint(const ContractReport& report);

/// The fingerprint of a tender's screening and comparison workbook: `report` with the
/// tender's own facts (`own_facts`, null when no file gave them), which stand in for the
/// contract before award. The order of the bids does not matter.
EvaluationFingerprint evaluation_fingerprint(const TenderReport& report, const Tender* own_facts);

}  // namespace fairgate::reports
