#pragma once
// Judging returns and contracts against a rulebook: the rule engine's entry points.

#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/finding.hpp"
#include "model/supplier_return.hpp"
#include "rulebook/expression.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate {

/// Who a finding is about, copied into it.
struct SubjectIdentity {
    std::string subject_id;
    std::string contract_id;
    std::string tender_id;
    std::string supplier_id;
    std::string period;
    Stage stage = Stage::Tender;
};

/// Judges one subject by one rule. Never throws for bad data: an absent or unreadable answer
/// the rule needs gives Outcome::Missing naming the field and, where known, its place.
Finding judge(const Rulebook& rulebook, const Rule& rule, const Subject& subject, const SubjectIdentity& who);

/// The returns of one contract, as the store or an import hands them over.
struct ContractPortfolio {
    const Contract* contract = nullptr;
    std::vector<const SupplierReturn*> tender_returns;     ///< Every bidder for its tender.
    std::vector<const SupplierReturn*> quarterly_returns;  ///< Any order.
};

/// Judges everything about one contract: contract rules on the contract record, tender rules
/// on every bidder's tender return, quarterly rules on each quarterly return (with the
/// awarded supplier's tender return and the earlier quarters in view). Findings of every
/// outcome are returned, in a stable order (subject, then rulebook order).
std::vector<Finding> judge_contract(const Rulebook& rulebook, const ContractPortfolio& portfolio);

/// The result of one in-rulebook test case.
struct RuleTestResult {
    const RuleTestCase* test = nullptr;
    Outcome actual = Outcome::Pass;
    std::string message;  ///< The finding's message, to explain a failure.
    bool passed() const { return test && actual == test->expect; }
};

/// Runs every <test> of the rulebook (each against its own rule).
std::vector<RuleTestResult> run_rule_tests(const Rulebook& rulebook);

}  // namespace fairgate
