#pragma once
// A contract workbook's evaluation fingerprint: one SHA-256 that changes whenever anything the
// workbook is made from changes. The Audit sheet shows it with its recipe, so an auditor can
// redo it; a rerun compares it with the stored one and leaves an unchanged workbook alone.

#include <set>
#include <string>
#include <utility>

#include "reports/contract_report.hpp"

namespace fairgate::reports {

struct EvaluationFingerprint {
    /// Every input file once, as (SHA-256, name), in that order: the Audit sheet lists them.
    /// A file whose name was not recorded has an empty name; one whose content was not, an
    /// empty SHA-256 (and no "input" line).
    std::set<std::pair<std::string, std::string>> inputs;
    /// The lines hashed, each ending in a line feed: "fairgate evaluation fingerprint v2";
    /// "rulebook <SHA-256>"; "input <SHA-256>" for every input file in ascending order (the
    /// register file of the contract, each return's file and the files it superseded, each
    /// refused return's file); "fact <place>: <text>" in ascending order for every answer not
    /// read from its own record's file (a public register's facts set on a bid); "data-date
    /// <date>"; "fairgate <version>".
    std::string recipe;
    std::string sha256;  ///< Lower-case hex SHA-256 of `recipe`.
};

/// The fingerprint of `report`: the same inputs judged by the same rulebook and fairgate version
/// at the same data date give the same findings and a byte-identical workbook. Findings are
/// not hashed: they follow from the rest.
EvaluationFingerprint evaluation_fingerprint(const ContractReport& report);

}  // namespace fairgate::reports
