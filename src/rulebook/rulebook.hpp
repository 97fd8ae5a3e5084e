#pragma once
// A loaded rulebook: identity, citable sources, field dictionary, parameters and rules.
// The XML format is documented in docs/rulebook.md.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "model/field.hpp"
#include "model/finding.hpp"
#include "model/period.hpp"
#include "model/value.hpp"

namespace fairgate {

class Expression;       // compiled expression; see rulebook/expression.hpp
class MessageTemplate;  // see rulebook/message_template.hpp
struct FieldGate;       // see rulebook/expression.hpp

/// A citable clause: a council policy clause or a statutory source.
struct Clause {
    std::string ref;       ///< Short reference, "GP-3", "MSA2015-S54".
    std::string document;  ///< "London Borough of Bexley's Equality Policy".
    std::string section;   ///< "5A Promoting equality through our services".
    std::string text;      ///< The quoted words.
    std::string status;    ///< For statutory sources: "checked" or "recalled".
};

/// A named threshold or rate, so that no number lives in a condition.
struct Parameter {
    std::string name;       ///< Referred to as param.NAME.
    Value value;            ///< Typed (money, percent, integer, ...).
    std::string description;
    std::vector<std::string> citations;
};

/// One step of a rule's decision: when `condition` holds, the outcome is `outcome`.
struct Decision {
    Outcome outcome = Outcome::Fail;
    std::shared_ptr<const Expression> condition;
    std::string message;  ///< Optional message template for this outcome.
    std::shared_ptr<const MessageTemplate> message_template;
    int line = 0;
};

/// Which contracts a rule is for, by the contract's funding type and value (`<scope>` in
/// docs/rulebook.md), read from the fields with the `funding-type` and `contract-value` roles
/// in the contract record (the tender's own facts before award). Out of scope, the rule is
/// not-applicable and says why. A funding type not known (blank, unreadable, or no field has
/// the role) is in scope: the rule applies, as it would without a scope. A value band with the
/// value blank or unreadable is `missing` the value.
struct RuleScope {
    std::vector<std::string> funding;  ///< Funding-type codes the rule is for; empty: any.
    FieldId funding_field = kNoField;
    std::string value_over;            ///< Parameter: for contracts valued over it; empty: no lower bound.
    std::string value_up_to;           ///< Parameter: for contracts valued at most it; empty: no upper bound.
    std::optional<int64_t> over_pence, up_to_pence;  ///< Those parameters' values.
    FieldId value_field = kNoField;
    int line = 0;

    /// What the scope covers, as an officer reads it: "grants and service level agreements
    /// valued over £5,000,000".
    std::string describe() const;
};

/// A funding-type code as an officer reads it, in the plural: "grant" is "grants",
/// "service-level-agreement" "service level agreements".
std::string funding_plural(const std::string& code);
/// In the singular, with its article: "a grant", "an agreement".
std::string funding_singular(const std::string& code);

/// A rule: applies to subjects of its stage for which `applies` holds (not-applicable
/// otherwise); the first decision whose condition holds gives the outcome, `otherwise` if
/// none does. A needed answer that is absent or unreadable gives `missing`.
struct Rule {
    std::string id;
    std::string title;  ///< As shown: its {param.x} placeholders filled in when the rulebook loads.
    Stage stage = Stage::Tender;
    Severity severity = Severity::Major;
    std::string description;
    std::optional<RuleScope> scope;              ///< Unset: every funding type and value.
    std::shared_ptr<const Expression> applies;  ///< nullptr: always applies.
    std::vector<Decision> decisions;
    Outcome otherwise = Outcome::Pass;
    std::string expected;  ///< Template: what the council expects, "{param.x}" filled in.
    std::string found;     ///< Template: what was found, "{policy.equality}" filled in.
    std::string message;   ///< Default message template.
    std::string remedy;    ///< Template: what the officer should do next, "{param.x}" filled in.
    std::vector<std::string> citations;  ///< Clause refs, at least one.
    int line = 0;          ///< Where the rule starts in the rulebook file.

    // Compiled forms of the templates above (null where the template is empty).
    std::shared_ptr<const MessageTemplate> expected_template;
    std::shared_ptr<const MessageTemplate> found_template;
    std::shared_ptr<const MessageTemplate> message_template;
    std::shared_ptr<const MessageTemplate> remedy_template;
};

/// A named case inside the rulebook: field values and the outcome expected of one rule.
struct RuleTestCase {
    std::string name;
    std::string rule_id;
    Outcome expect = Outcome::Pass;
    /// Values as typed, by scope: "return" (the subject), "contract", "tender" (the awarded
    /// supplier's tender return), "previous:1", "previous:2"... (earlier quarters).
    std::map<std::string, std::map<std::string, std::string>> values;
    std::string period;  ///< Period of the return judged, for quarterly tests.
    int line = 0;
};

/// What the workbooks show about a contract beside its findings, declared by the rulebook so
/// that no report knows a field by name (`<workbook>` in docs/rulebook.md). Every field named
/// is checked when the rulebook loads; whatever the rulebook leaves out is simply not shown.
struct WorkbookContent {
    /// A headline fact of the contract on the Summary sheet, after its identity and term.
    struct Fact {
        std::string label;
        FieldId field = kNoField;
    };
    /// One social value measure: what the winning tender committed for the whole term, and
    /// what each quarterly return says was delivered in its quarter (numbers, same unit).
    struct Measure {
        std::string label;
        FieldId commitment = kNoField;  ///< kNoField: no commitment to set delivery against.
        FieldId delivered = kNoField;
    };

    std::vector<Fact> facts;
    /// Percent fields, each the share of service users whose characteristic was recorded;
    /// the History sheet shows the lowest as the quarter's monitoring completeness.
    std::vector<FieldId> completeness;
    FieldId complaints = kNoField;           ///< Discrimination complaints received in a quarter.
    FieldId complaints_resolved = kNoField;  ///< Of those, resolved (by when: the rulebook's field says).
    std::vector<Measure> measures;
};

struct Rulebook {
    std::string id;
    std::string version;
    std::string title;
    std::string owner;
    std::optional<Date> effective;
    QuarterScheme quarters = QuarterScheme::Financial;
    std::string sha256;  ///< Of the file's bytes: which exact rulebook judged a return.
    std::string path;

    FieldDictionary fields;
    /// The fields asked only sometimes (`<asked when>`), by field: compiled before the rules,
    /// so that every expression reading such a field knows its gate.
    std::map<FieldId, std::shared_ptr<const FieldGate>> gates;
    /// The integer parameter that says how many days after its quarter ends a quarterly return
    /// is due (`<schedule due-days="...">`); empty when the rulebook sets no due date.
    std::string due_days_parameter;
    /// The quarterly rule a quarter with no return is a `missing` finding of, once the return
    /// is due (`<schedule missing-rule="...">`); empty: a quarter without a return is not judged.
    std::string missing_return_rule;
    WorkbookContent workbook;
    std::map<std::string, Clause> clauses;
    std::map<std::string, Parameter> parameters;
    std::vector<Rule> rules;
    std::vector<RuleTestCase> tests;

    const Clause* clause(const std::string& ref) const {
        auto it = clauses.find(ref);
        return it == clauses.end() ? nullptr : &it->second;
    }
    const Rule* rule(const std::string& rule_id) const;
    /// When the return for quarter `q` is due: its last day plus return_due_days(); nullopt
    /// when the rulebook sets no due date. The one place a due date is computed.
    std::optional<Date> return_due(const Quarter& q) const;
    /// Whether some quarter's return falls due after `after` and on or before `through`: new
    /// data that moves the portfolio's date across such a day changes which quarters are overdue.
    bool return_falls_due_between(Date after, Date through) const;
    /// Days after quarter end a return is due, when the rulebook says.
    std::optional<int64_t> return_due_days() const {
        auto it = parameters.find(due_days_parameter);
        if (it == parameters.end() || !it->second.value.is_valid()) return std::nullopt;
        if (it->second.value.type() == FieldType::Days) return it->second.value.as_days();
        if (it->second.value.type() != FieldType::Integer) return std::nullopt;
        return it->second.value.as_integer();
    }
};

}  // namespace fairgate
