#pragma once
// Judging returns and contracts against a rulebook: the rule engine's entry points.

#include <functional>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/finding.hpp"
#include "model/refused_return.hpp"
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

/// A rule's decision on one subject, before any text is made: the outcome, the decision that
/// gave it, what was missing, and which fields were read. Cheap to make; render_finding()
/// turns it into the Finding that is stored and reported.
struct Verdict {
    const Rule* rule = nullptr;
    Outcome outcome = Outcome::Pass;
    const Decision* decision = nullptr;  ///< The decision that held, if any.
    /// When outcome is Missing: what was needed. When NotApplicable because of an answer (one
    /// given as "not applicable", not asked, not published): that answer, state NotApplicable.
    /// When Fail because an answer was "not applicable" though the rule applies: that answer.
    Evaluated missing;
    /// NotApplicable because the contract is outside the rule's <scope>: why, for the officer
    /// ("Applies to grants only; this is a contract.").
    std::string out_of_scope;
    /// Fail because an answer it needs was given as "not applicable" while the rule's own
    /// <applies when> held or the subject is in its <scope>: the rulebook says it applies, so
    /// "N/A" is no answer.
    bool contradicted = false;
    std::vector<FieldRead> reads;
};

/// The trace of one condition of a rule: which one ("applies", or the outcome it gives) and
/// every sub-expression's value. For `fairgate rules explain`.
struct ConditionTrace {
    std::string role;       ///< "applies when", "fail when", "pass when"...
    std::string condition;  ///< The condition as written.
    int line = 0;           ///< Where the decision is in the rulebook (0 for "applies").
    std::vector<TraceStep> steps;
};

/// Decides one rule on one subject. Never throws for bad data: an absent or unreadable answer
/// the rule needs gives Outcome::Missing naming the field and, where known, its place. A
/// subject outside the rule's <scope> is NotApplicable; so is one whose needed answer was
/// given as "not applicable", not asked (its field's <asked when> is false) or not published
/// by its source; except that an answer given as "not applicable" to a rule whose own
/// <applies when> held, or that has a <scope> the subject is in, is a Fail (the rulebook says
/// the rule applies).
/// With `trace`, each condition evaluated is appended with its sub-expressions' values.
Verdict evaluate_rule(const Rule& rule, const Subject& subject, std::vector<ConditionTrace>* trace = nullptr);

/// The finding for a verdict: messages with values filled in, evidence with provenance.
Finding render_finding(const Rulebook& rulebook, const Verdict& verdict, const Subject& subject,
                       const SubjectIdentity& who);

/// evaluate_rule() then render_finding().
Finding judge(const Rulebook& rulebook, const Rule& rule, const Subject& subject, const SubjectIdentity& who);

/// The returns of one contract, as the store or an import hands them over.
struct ContractPortfolio {
    const Contract* contract = nullptr;
    std::vector<const SupplierReturn*> tender_returns;     ///< Every bidder for its tender.
    /// Any order; one a quarter (the store holds the latest submitted of a quarter's files,
    /// with the versions it superseded).
    std::vector<const SupplierReturn*> quarterly_returns;
    /// The date the position is stated at: a quarter whose return was due before it and has
    /// not arrived is a finding (Rulebook::missing_return_rule). Unset: none is looked for.
    std::optional<Date> as_of;
    /// Quarterly returns received but refused, any order: a quarter with one and no return
    /// accepted is reported as received and refused, not as missing.
    std::vector<const RefusedReturn*> refused_returns;
};

/// The quarters of the contract's term, from its start, whose return was due (quarter end plus
/// the rulebook's due days) before `as_of`, in order. Empty without a start, due days or as_of.
std::vector<Quarter> due_quarters(const Rulebook& rulebook, const Contract& contract, const std::optional<Date>& as_of);

/// Calls `visit` for every subject of one contract, in a stable order: the contract record,
/// the awarded bid (the tender return of the contract's supplier; losing bids belong to the
/// tender, see judge_tender), then each quarterly return in time order with the awarded bid
/// and the earlier quarters in view. A corrected quarterly return is judged with its first
/// receipt as its answer to the date submitted (FieldRole::ReturnSubmitted: the earliest date
/// of any version received, cited to where that version gave it), so that lateness is judged
/// on when the quarter's return first arrived, not on when it was corrected.
void visit_subjects(const Rulebook& rulebook, const ContractPortfolio& portfolio,
                    const std::function<void(const Subject&, const SubjectIdentity&)>& visit);

/// Judges everything about one contract: contract rules on the contract record, tender rules
/// on the awarded bid, quarterly rules on each quarterly return (with the awarded bid and the
/// earlier quarters in view), and for each due quarter with no return a `missing` finding of
/// the rulebook's missing-return rule (message naming the quarter and its due date). A quarter
/// whose return was received but refused (ContractPortfolio::refused_returns), due or not,
/// gets that finding too, but saying when it was received, why refused and which file, with a
/// remedy asking for a corrected resubmission. A finding of a corrected quarterly return whose
/// rule reads the date submitted says it was judged on the first receipt, and what was
/// corrected. Findings of every outcome are returned, in a stable order (subject, then
/// rulebook order).
std::vector<Finding> judge_contract(const Rulebook& rulebook, const ContractPortfolio& portfolio);

/// The bids of one tender.
struct TenderPortfolio {
    std::string tender_id;
    /// The contract awarded from the tender, whose facts (value, service to residents...) the
    /// bids are judged against; before award, the tender's own facts as a stand-in with no
    /// supplier (contract_before_award), or null when nothing is known of the tender.
    const Contract* contract = nullptr;
    std::vector<const SupplierReturn*> bids;
};

/// Calls `visit` for every bid of a tender, by supplier id, with the awarded contract (if any)
/// in view; the awarded bid's identity carries the contract's id, a losing bid's none.
void visit_bids(const Rulebook& rulebook, const TenderPortfolio& tender,
                const std::function<void(const Subject&, const SubjectIdentity&)>& visit);

/// Screens every bid of a tender by the tender rules, whether or not it has been awarded. A
/// rule that needs a fact of the contract nobody has given yet is Missing and names the fact;
/// it never fails on it. The awarded bid's findings carry the contract's id; losing bids'
/// carry none, so they never count towards a contract. Stable order: bids by supplier id,
/// then rulebook order.
std::vector<Finding> judge_tender(const Rulebook& rulebook, const TenderPortfolio& tender);

/// The result of one in-rulebook test case.
struct RuleTestResult {
    const RuleTestCase* test = nullptr;
    Outcome actual = Outcome::Pass;
    std::string message;  ///< The finding's message, to explain a failure.
    Finding finding;      ///< The whole finding, every text rendered as a workbook shows it.
    bool passed() const { return test && actual == test->expect; }
};

/// Runs every <test> of the rulebook (each against its own rule).
std::vector<RuleTestResult> run_rule_tests(const Rulebook& rulebook);

}  // namespace fairgate
