#pragma once
// What one contract's workbook shows: the input the workbook writer (contract_workbook) and the
// quarter-by-quarter views (contract_history) both read. A leaf of its own so that neither of
// those includes the other's header to get it (they knotted into one module before).

#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/finding.hpp"
#include "model/refused_return.hpp"
#include "model/supplier_return.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate::reports {

/// Everything one contract's workbook shows.
struct ContractReport {
    const Contract* contract = nullptr;
    std::vector<const SupplierReturn*> returns;  ///< Tender returns then quarterly, ordered.
    /// Quarterly returns received but refused (any order): their quarters, if no return was
    /// accepted for them, show as received and refused.
    std::vector<const RefusedReturn*> refused;
    std::vector<Finding> findings;               ///< All outcomes, not only failures.
    const Rulebook* rulebook = nullptr;          ///< For clause text and rulebook identity.
    std::string data_date;                       ///< ISO date the position is stated at.
    std::string fairgate_version;

    /// What the rulebook's <workbook> declares beside the findings; nothing without a rulebook.
    const WorkbookContent& shown() const {
        static const WorkbookContent kNothing;
        return rulebook ? rulebook->workbook : kNothing;
    }
};

}  // namespace fairgate::reports
